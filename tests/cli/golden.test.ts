/**
 * One message per rule, in every output format, compared with golden files. The cases are
 * tests/fixtures/golden/cases/*.yaml, each named after what it shows. To accept a deliberate
 * change of wording: UPDATE_GOLDEN=1 npm test, then review the diff.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CATALOGUE } from '../../schema/rules.ts';
import { run } from './run.ts';

const CASES = 'tests/fixtures/golden/cases';
const GOLDEN = 'tests/fixtures/golden';

async function golden(name: string, actual: string): Promise<void> {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) await writeFile(file, actual);
  assert.equal(actual, await readFile(file, 'utf8'), `${file} differs; if the change is intended, run UPDATE_GOLDEN=1 npm test`);
}

describe('validate on one case per rule', () => {
  it('prints file:line:col  rule  级别  message for every case, matching the golden text', async () => {
    const r = await run(['validate', CASES]);
    assert.equal(r.code, 1);
    await golden('validate.text.txt', `${r.out}\n`);
  });

  it('covers every rule a single report can break', async () => {
    const r = await run(['validate', CASES, '--format', 'json']);
    const seen = new Set((JSON.parse(r.out) as { diagnostics: { rule: string; severity: string }[] }).diagnostics.map((d) => d.rule));
    // R5, R8 and COPY-LAST-YEAR compare a report with the previous year's, so no single file breaks them.
    const expected = Object.keys(CATALOGUE).filter((id) => id !== 'R5' && id !== 'R8' && id !== 'COPY-LAST-YEAR');
    assert.deepEqual(expected.filter((id) => !seen.has(id)), []);
  });

  it('prints GitHub workflow commands at the same lines and columns, errors before warnings', async () => {
    const text = await run(['validate', CASES]);
    const r = await run(['validate', CASES, '--format', 'github'], { GITHUB_STEP_SUMMARY: undefined });
    assert.equal(r.code, 1);
    await golden('validate.github.txt', `${r.out}\n`);
    const commands = r.out.split('\n').filter((l) => l.startsWith('::'));
    const kinds = commands.map((l) => /^::(error|warning) /.exec(l)?.[1]);
    assert.ok(kinds.every(Boolean), 'every command is ::error or ::warning');
    assert.ok(kinds.lastIndexOf('error') < kinds.indexOf('warning'), 'errors come first');
    // Same places as the text format (acknowledged deviations are not annotated).
    const places = (lines: string[]) => lines.map((l) => l).sort();
    const fromText = text.out.split('\n').filter((l) => /^\S+:\d+:\d+ {2}\S+ {2}(错误|警告) /.test(l)).map((l) => /^(\S+):(\d+):(\d+)/.exec(l)!.slice(1).join(':'));
    const fromGithub = commands.map((l) => /file=([^,]+),line=(\d+),col=(\d+)/.exec(l)!.slice(1).join(':'));
    assert.deepEqual(places(fromGithub), places(fromText));
  });

  it('writes the full list as Markdown to $GITHUB_STEP_SUMMARY', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-summary-'));
    try {
      const file = path.join(dir, 'summary.md');
      await writeFile(file, '');
      await run(['validate', CASES, '--format', 'github'], { GITHUB_STEP_SUMMARY: file });
      await golden('validate.summary.md', await readFile(file, 'utf8'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints JSON for tools, matching the golden file', async () => {
    const r = await run(['validate', CASES, '--format', 'json']);
    assert.equal(r.code, 1);
    const data = JSON.parse(r.out) as { files: number; errors: number; warnings: number; acknowledged: number; diagnostics: unknown[] };
    assert.equal(data.errors + data.warnings + data.acknowledged, data.diagnostics.length);
    await golden('validate.json', `${r.out}\n`);
  });
});
