/**
 * The VS Code tasks (.vscode/tasks.json) run `validate`; their problem matchers turn its lines
 * into entries of the Problems panel. Checked against real output: every error and warning
 * line becomes exactly one problem with its file, line, column, rule, severity and message, as
 * `--format json` gives them; acknowledged deviations and the summary lines become none.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../src/load/diagnostic.ts';

interface Matcher {
  readonly owner: string;
  readonly fileLocation: readonly string[];
  readonly severity: string;
  readonly pattern: { readonly regexp: string; readonly file: number; readonly line: number; readonly column: number; readonly code: number; readonly message: number };
}
interface Task {
  readonly label: string;
  readonly command: string;
  readonly problemMatcher: readonly Matcher[];
}

const TASKS = (JSON.parse(readFileSync('.vscode/tasks.json', 'utf8')) as { tasks: Task[] }).tasks;
const CASES = 'tests/fixtures/golden/cases';

/** `node bin/nianbao.js validate …args`: standard output (exit code 1 is expected: there are errors). */
function validate(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['bin/nianbao.js', 'validate', ...args], { maxBuffer: 1 << 26, env: { ...process.env, NIANBAO_CACHE: '0' } }, (e, out, err) =>
      e && e.code !== 1 ? reject(new Error(err)) : resolve(out),
    ),
  );
}

/** What VS Code makes of one output line with these matchers: each matcher is tried on each line. */
function problems(matchers: readonly Matcher[], line: string) {
  return matchers.flatMap((m) => {
    const r = new RegExp(m.pattern.regexp).exec(line);
    if (!r) return [];
    const p = m.pattern;
    return [{ file: r[p.file], line: Number(r[p.line]), column: Number(r[p.column]), rule: r[p.code], severity: m.severity, message: r[p.message] }];
  });
}

describe('the VS Code validate tasks', () => {
  it('run nianbao validate on the current file and on all reports', () => {
    assert.deepEqual(
      TASKS.map((t) => t.command),
      ['npx nianbao validate "${relativeFile}"', 'npx nianbao validate'],
    );
    for (const t of TASKS) {
      assert.deepEqual(t.problemMatcher.map((m) => m.severity), ['error', 'warning'], t.label);
      for (const m of t.problemMatcher) assert.deepEqual(m.fileLocation, ['autoDetect', '${workspaceFolder}']);
    }
  });

  it('turn every error and warning of real validate output into one problem at file:line:col', async () => {
    const [text, json] = await Promise.all([validate(CASES), validate(CASES, '--format', 'json')]);
    const expected = (JSON.parse(json) as { diagnostics: Diagnostic[] }).diagnostics
      .filter((d) => d.severity !== 'acknowledged')
      .map((d) => ({ file: d.file, line: d.line, column: d.column, rule: d.rule, severity: d.severity, message: `${d.message}${d.note ? `（说明：${d.note}）` : ''}` }));
    assert.ok(expected.some((d) => d.severity === 'error') && expected.some((d) => d.severity === 'warning'), 'the cases hold errors and warnings');
    const lines = text.split('\n');
    assert.ok(lines.some((l) => l.includes('  已确认  ')), 'the output holds an acknowledged deviation');
    for (const task of TASKS) {
      const found = lines.map((l) => problems(task.problemMatcher, l));
      assert.ok(found.every((p) => p.length <= 1), 'no line is matched twice');
      assert.deepEqual(found.flat(), expected, task.label);
      // The summary and the acknowledged deviation are no problems.
      for (const [i, l] of lines.entries()) if (/^共 |^其中 |  已确认  /.test(l)) assert.deepEqual(found[i], [], l);
    }
  });
});
