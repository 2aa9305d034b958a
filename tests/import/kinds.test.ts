import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { casesIn, passes, scoreCase } from '../../bench/import-score.ts';
import { sharedDir } from '../shared.ts';

const KINDS = 'tests/fixtures/import/kinds';

describe('import of every kind of real-report fault, in every container', async () => {
  const cases = await casesIn(KINDS);
  it('has each kind in txt (or md), html, docx and pdf', () => {
    const byKind = new Map<string, string[]>();
    for (const c of cases) {
      const kind = path.basename(c.input).replace(/\.[^.]+$/, '');
      byKind.set(kind, [...(byKind.get(kind) ?? []), path.extname(c.input)]);
    }
    assert.ok(byKind.size >= 15, `${byKind.size} kinds`);
    for (const [kind, exts] of byKind) assert.deepEqual(exts.map((e) => (e === '.md' ? '.txt' : e)).sort(), ['.docx', '.html', '.pdf', '.txt'], kind);
  });
  for (const c of cases) {
    it(`${path.basename(c.input)}: ${String((c.expected as { kind?: string }).kind ?? '')}`, async () => {
      const s = await scoreCase(c);
      assert.deepEqual({ wrong: s.wrong, missing: s.missing, invented: s.invented, failures: s.failures }, { wrong: [], missing: [], invented: [], failures: [] });
      assert.ok(passes(s));
    });
  }
});

describe('the shared cases from real published reports', async () => {
  const cases = await casesIn(path.join(sharedDir(), 'cases', 'import'));
  for (const c of cases) {
    it(`${path.basename(c.input)} gives the values its expected file names`, async () => {
      const s = await scoreCase(c);
      assert.deepEqual({ wrong: s.wrong, missing: s.missing, invented: s.invented, failures: s.failures }, { wrong: [], missing: [], invented: [], failures: [] });
    });
  }

  it('pass the shared scorer through the public CLI', async () => {
    const run = promisify(execFile);
    const { stdout } = await run('python3', [path.join(sharedDir(), 'tools', 'import-cases.py'), '.', path.join(sharedDir(), 'cases', 'import')], { maxBuffer: 1 << 24 });
    const last = stdout.trim().split('\n').at(-1)!;
    const m = /import cases passing (\d+)\/(\d+)/.exec(last);
    assert.ok(m, last);
    assert.equal(m[1], m[2], stdout);
  });
});

describe('notes printed with a table', () => {
  it('are kept under 表注 and shown beneath that table on the report page', async () => {
    const { importFile } = await import('../../src/import/index.ts');
    const { loadReportText } = await import('../../src/load/report.ts');
    const { reportView } = await import('../../src/site/report-view.ts');
    for (const ext of ['txt', 'html', 'docx', 'pdf']) {
      const r = await importFile(`${KINDS}/table-notes.${ext}`, { id: 'shili', region: ['某省'], level: '省级' });
      const loaded = loadReportText(r.yaml!.replaceAll('已核实: false', '已核实: true'), 'reports/2023/shili.yaml').loaded;
      assert.ok(loaded, ext);
      const notes = Object.fromEntries(reportView(loaded).sections.flatMap((s) => (s.kind === 'table' && s.note ? [[s.id, s.note]] : [])));
      assert.deepEqual(notes, { s二: '单位：件', s三: '注：本表数据统计时间为2023年1月1日至2023年12月31日。' }, ext);
    }
  });
});

describe('text files saved in a Chinese Windows encoding', () => {
  // Made from the kinds' .txt with Python's big5 and iconv's gb18030 codecs.
  for (const [file, kind] of [
    ['tests/fixtures/import/traditional-characters.big5.txt', 'traditional-characters'],
    ['tests/fixtures/import/money-six-decimals.gb18030.txt', 'money-six-decimals'],
  ] as const) {
    it(`${path.basename(file)} is read in its encoding and placed as the UTF-8 copy is`, async () => {
      const [c] = (await casesIn(KINDS)).filter((x) => x.input.endsWith(`${kind}.html`));
      const s = await scoreCase({ ...c!, name: file, input: file });
      assert.deepEqual({ wrong: s.wrong, missing: s.missing, failures: s.failures }, { wrong: [], missing: [], failures: [] });
    });
  }
});
