/**
 * A group the template lists in parts but a report published as one row (2021 （六）其他处理
 * printed as in 2019): recorded under 小计, used by the rules, shown and exported as published.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { cellIndex } from '../../schema/cell-values.ts';
import { reportsCsv, yearCsv } from '../../src/export/csv.ts';
import { reportRecord } from '../../src/export/record.ts';
import { importFile } from '../../src/import/index.ts';
import { entryOf } from '../../src/load/entry.ts';
import { loadReportFast } from '../../src/load/fast.ts';
import { loadReportText, type LoadResult } from '../../src/load/report.ts';
import { tableView } from '../../src/site/table-view.ts';
import { addReport, cellTotal, emptyAggregate } from '../../src/summary/aggregate.ts';
import { agencyHistory } from '../../src/summary/history.ts';
import { reportStats } from '../../src/summary/index.ts';
import { aggregateView } from '../../src/summary/views.ts';
import { mustLoad, readCsv } from '../shared.ts';
import { cellOfAttribute } from '../../src/site/table-view.ts';

const BASE = readFileSync('tests/fixtures/valid/2021-edition-filled.yaml', 'utf8');
const PARTS = /      逾期不补正: .*\n      逾期未缴费: .*\n      其他: .*\n/;
const G = '三/本年度办理结果/其他处理';
const COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
/** The base report's three parts added up, per column. */
const SUM = [15, 18, 21, 17, 13, 9, 93];
const row = (v: readonly (number | string)[]) => `{${COLUMNS.map((c, i) => `${c}: ${v[i]}`).join(', ')}}`;
const ONE_ROW = BASE.replace(PARTS, `      小计: ${row(SUM)}\n`);

/** Load both ways; the two results must be the same. */
function load(text: string, file = 'report.yaml'): LoadResult {
  const full = loadReportText(text, file);
  const fast = loadReportFast(text, file);
  const same = (r: LoadResult) => JSON.stringify({ d: r.diagnostics, v: r.loaded && [...r.loaded.values], c: r.loaded && [...r.loaded.computed], r: r.loaded?.report });
  assert.equal(same(fast), same(full), 'the fast path gives what the full path gives');
  return full;
}
const rules = (r: LoadResult) => r.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`);

describe('a group published as one row (小计)', () => {
  it('validates with its parts left out: they are not unfilled, and （七）总计 adds the 小计', () => {
    assert.ok(ONE_ROW !== BASE);
    const r = load(ONE_ROW);
    assert.deepEqual(rules(r), []);
    const v = r.loaded!.values;
    COLUMNS.forEach((c, i) => {
      assert.equal(v.get(`${G}/小计/${c}`), SUM[i]);
      for (const part of ['逾期不补正', '逾期未缴费', '其他']) assert.equal(v.get(`${G}/${part}/${c}`), null, `${part} ${c}`);
    });
    // The same report with its parts published gives the same （七）总计.
    const parts = load(BASE).loaded!.values;
    for (const c of COLUMNS) assert.equal(v.get(`三/本年度办理结果/总计/${c}`), parts.get(`三/本年度办理结果/总计/${c}`));
    assert.equal(r.loaded!.computed.has(`${G}/逾期不补正/总计`), false);
  });

  it('R3 counts the 小计 in （七）总计, and R2 checks the 小计 row', () => {
    const stated = ONE_ROW.replace(/    总计: \{自然人: , /, '    总计: {自然人: 104, ');
    const r3 = load(stated);
    const d = r3.diagnostics.find((x) => x.rule === 'R3')!;
    assert.equal(d.cell, '三/本年度办理结果/总计/自然人');
    assert.match(d.message, /（六）其他处理小计 15/);
    assert.match(d.message, /之和为 105/);
    const r2 = load(ONE_ROW.replace('其他: 9, 总计: 93}', '其他: 9, 总计: 94}'));
    assert.deepEqual(r2.diagnostics.map((x) => [x.rule, x.cell]), [['R2', `${G}/小计/总计`]]);
    assert.equal(r2.diagnostics[0]!.line, ONE_ROW.split('\n').findIndex((l) => l.includes('小计:')) + 1);
    // With （七）总计 stated too, the wrong 小计 总计 is named once, at itself (R2), not again down the 总计 column.
    const stated7 = ONE_ROW.replace('其他: 9, 总计: 93}', '其他: 9, 总计: 94}').replace(/    总计: \{.*\}/, '    总计: {自然人: 105, 商业企业: 105, 科研机构: 105, 社会公益组织: 105, 法律服务机构: 105, 其他: 105, 总计: 630}');
    assert.deepEqual(load(stated7).diagnostics.map((x) => [x.rule, x.cell]), [['R2', `${G}/小计/总计`]]);
    // Left out, the 小计 row's 总计 is computed like any row's.
    const computed = load(ONE_ROW.replace(', 总计: 93}', ', 总计: }'));
    assert.deepEqual(rules(computed), []);
    assert.equal(computed.loaded!.values.get(`${G}/小计/总计`), 93);
    assert.ok(computed.loaded!.computed.has(`${G}/小计/总计`));
  });

  it('with its parts too: the parts must add up to the 小计 (R3 at the 小计 cell), which 确认偏差 can record', () => {
    const both = BASE.replace('    总计: {自然人: ,', `      小计: ${row(SUM)}\n    总计: {自然人: ,`);
    assert.deepEqual(rules(load(both)), []);
    const wrong = both.replace(`小计: {自然人: 15,`, `小计: {自然人: 14,`).replace('其他: 9, 总计: 93}', '其他: 9, 总计: 92}');
    const r = load(wrong);
    assert.deepEqual(r.diagnostics.map((x) => [x.rule, x.cell]), [['R3', `${G}/小计/自然人`]]);
    assert.match(r.diagnostics[0]!.message, /各分项之和为 15/);
    const acked = load(`${wrong}确认偏差:\n  - 规则: R3\n    单元格: ${G}/小计/自然人\n    说明: 原报告如此\n`);
    assert.deepEqual(acked.diagnostics.map((x) => x.severity), ['acknowledged']);
  });

  it('some parts with a 小计: one located error per missing part, saying to fill all or none', () => {
    const mixed = ONE_ROW.replace('      小计:', '      逾期不补正: {自然人: 6, 商业企业: 7, 科研机构: 8, 社会公益组织: 2, 法律服务机构: 3, 其他: 4, 总计: }\n      小计:');
    const r = load(mixed);
    const line = mixed.split('\n').findIndex((l) => l.startsWith('    其他处理:')) + 1;
    assert.deepEqual(rules(r), [`${line}:5 SCHEMA-MISSING`, `${line}:5 SCHEMA-MISSING`]);
    assert.match(r.diagnostics[0]!.message, /缺少「2\.申请人逾期未按收费通知要求缴纳费用/);
    assert.match(r.diagnostics[1]!.message, /缺少「3\.其他」/);
    assert.match(r.diagnostics[0]!.message, /要么全部填写.*要么全部不写/);
  });

  it('the advice for a one-row （六） written as in 2019, applied, validates and keeps the figures', () => {
    // A clerk copies the printed row straight under 其他处理, as the 2019 layout has it.
    const typed = BASE.replace(PARTS, '').replace('    其他处理:  # （六）其他处理\n', `    其他处理: ${row(SUM)}\n`);
    const r = load(typed);
    const missing = r.diagnostics.filter((d) => d.rule === 'SCHEMA-MISSING');
    assert.ok(missing.length >= 1, JSON.stringify(r.diagnostics.map((d) => d.rule)));
    const hint = /把这一行的数字照原报告写在「(.+?)」下的「(.+?)」中：(\S+): \{/.exec(missing[0]!.message);
    assert.ok(hint, missing[0]!.message);
    assert.deepEqual([hint[1], hint[2], hint[3]], ['其他处理', '小计', '小计']);
    // Done as said: the row moves under 其他处理 › 小计.
    const done = typed.replace(`    其他处理: ${row(SUM)}\n`, `    ${hint[1]}:\n      ${hint[3]}: ${row(SUM)}\n`);
    const fixed = load(done);
    assert.deepEqual(rules(fixed), []);
    COLUMNS.forEach((c, i) => assert.equal(fixed.loaded!.values.get(`${G}/小计/${c}`), SUM[i]));
  });

  it('the advice for （六） left out or left empty names its parts and its one row; the one row, written as said, validates', () => {
    const empty = BASE.replace(PARTS, '');
    const left = empty.replace('    其他处理:  # （六）其他处理\n', '');
    for (const [how, typed, rule] of [
      ['left empty', empty, 'SCHEMA-UNFILLED'],
      ['left out', left, 'SCHEMA-MISSING'],
    ] as const) {
      const d = load(typed).diagnostics.filter((x) => x.rule === rule);
      assert.equal(d.length, 1, `${how}: ${JSON.stringify(load(typed).diagnostics.map((x) => x.rule))}`);
      assert.match(d[0]!.message, /逐行填写各分项：逾期不补正、逾期未缴费、其他/, how);
      const hint = /把这一行的数字照原报告写在「(.+?)」下的「(.+?)」中：(\S+): \{/.exec(d[0]!.message)!;
      // Done as said: the group's key, and under it the one row.
      const lines = `    ${hint[1]}:\n      ${hint[3]}: ${row(SUM)}\n`;
      const done = how === 'left empty' ? typed.replace('    其他处理:  # （六）其他处理\n', lines) : typed.replace(/^(?= {4}总计: )/m, lines);
      const fixed = load(done);
      assert.deepEqual(rules(fixed), [], `${how}: ${done.split('\n').slice(55, 66).join('\n')}`);
      COLUMNS.forEach((c, i) => assert.equal(fixed.loaded!.values.get(`${G}/小计/${c}`), SUM[i]));
    }
  });

  it('keeps the 小计 through the compact values of the site', () => {
    const loaded = mustLoad(ONE_ROW, 'reports/2022/test-agency.yaml');
    const entry = entryOf(loaded, 'h');
    assert.ok(cellIndex(2021).has(`${G}/小计/自然人`));
    assert.equal(entry.values.get(`${G}/小计/自然人`), 15);
    assert.equal(entry.values.get(`${G}/逾期不补正/自然人`), null);
  });
});

describe('the page of a report that published （六） as one row', () => {
  const loaded = mustLoad(ONE_ROW, 'report.yaml');
  const section = loaded.edition.sections.find((s) => s.kind === 'table' && s.id === '三')!;
  if (section.kind !== 'table') throw new Error('表三');
  const html = (values = loaded.values, computed = loaded.computed) => {
    const view = tableView(loaded.edition, section, values, computed);
    return cheerio.load(`<table>${view.blocks.map((b) => `<thead>${b.head.map((h) => `<tr>${h}</tr>`).join('')}</thead><tbody>${b.body.map((r) => `<tr>${r}</tr>`).join('')}</tbody>`).join('')}</table>`);
  };

  it('shows the 小计 row with the published figures and each part as 未分项公布', () => {
    const $ = html();
    const sub = $('th.subtotal').closest('tr');
    assert.equal($('th.subtotal').text(), '小计');
    assert.deepEqual(sub.find('td[data-cell]').map((_, td) => $(td).text()).get(), SUM.map(String));
    const parts = $('td.unpublished');
    assert.equal(parts.length, 3);
    parts.each((_, td) => {
      assert.equal($(td).text(), '未分项公布');
      assert.equal($(td).attr('colspan'), '7');
      for (const h of ($(td).attr('headers') ?? '').split(' ')) assert.equal($(`th#${h}`).length, 1, h);
    });
    assert.equal($('td[data-cell]').filter((_, td) => cellOfAttribute(2021, $(td).attr('data-cell')!).includes('逾期不补正')).length, 0);
  });

  it('keeps every body row as wide as the table (the row groups span the 小计 row too)', () => {
    for (const $ of [html(), html(mustLoad(BASE, 'b.yaml').values)]) {
      const rows = $('tbody tr').get();
      const width = rows.map(() => 0);
      rows.forEach((tr, i) => {
        $(tr).children().each((_, c) => {
          const rs = Number($(c).attr('rowspan') ?? 1);
          for (let k = 0; k < rs && i + k < rows.length; k++) width[i + k]! += Number($(c).attr('colspan') ?? 1);
        });
      });
      assert.deepEqual(new Set(width), new Set([10]), width.join(','));
    }
    // The precise check: the group th of 三、本年度办理结果 spans every outcome row, （七）总计 included.
    const $ = html();
    const outer = $('th.row-group').filter((_, th) => $(th).text() === '三、本年度办理结果');
    const first = $('tbody tr').index(outer.closest('tr'));
    const total = $('tbody tr').index($('th').filter((_, th) => $(th).text() === '（七）总计').closest('tr'));
    assert.equal(Number(outer.attr('rowspan')), total - first + 1);
    const six = $('th.row-group').filter((_, th) => $(th).text() === '（六）其他处理');
    assert.equal(Number(six.attr('rowspan')), 4);
  });

  it('shows the parts as usual for a report that published them', () => {
    const $ = html(mustLoad(BASE, 'b.yaml').values);
    assert.equal($('td.unpublished').length, 0);
    assert.equal($('th.subtotal').length, 0);
  });
});

describe('data files and summaries of a report that published （六） as one row', () => {
  const one = mustLoad(ONE_ROW, 'reports/2022/test-agency.yaml');
  const parts = mustLoad(BASE.replace('标识: test-agency', '标识: other-agency'), 'reports/2022/other-agency.yaml');

  it('the JSON record carries the 小计 row and names its parts, whose null means 未分项公布', () => {
    const rec = reportRecord(one);
    const sub3 = rec.tables.find((t) => t.table === '表三')!.subtables[0]!;
    assert.equal(sub3.subtotals!.length, 1);
    const st = sub3.subtotals![0]!;
    assert.deepEqual(st.values, SUM);
    assert.deepEqual(st.label, ['三、本年度办理结果', '（六）其他处理', '小计']);
    assert.equal(st.key, '本年度办理结果/其他处理/小计');
    assert.deepEqual(st.parts.map((i) => sub3.rows[i]!.label.at(-1)), ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他']);
    assert.ok(st.parts.every((i) => sub3.values[i]!.every((v) => v === null)));
    const other = reportRecord(parts).tables.find((t) => t.table === '表三')!.subtables[0]!;
    assert.equal(other.subtotals, undefined);
  });

  it('the CSV gives the 小计 row above its parts and says they were not published separately, read back with a CSV reader', async () => {
    const read = (text: string) => readCsv(text.replace(/^\ufeff/, ''));
    const long = await read(reportsCsv([one]));
    const at = long.findIndex((r) => r[0] === '三、本年度办理结果 / （六）其他处理 / 小计');
    assert.ok(at > 0);
    assert.deepEqual(long[at]!.slice(1, 8).map(Number), SUM);
    assert.match(long[at + 1]![0]!, /^三、本年度办理结果 \/ （六）其他处理 \/ 1\./);
    assert.deepEqual(long[at + 1]!.slice(1, 8), ['', '', '', '', '', '', '']);
    assert.ok(long.some((r) => /^注：原报告把“（六）其他处理”印作一行.*未分项公布/.test(r[0] ?? '')));
    const wide = await read(yearCsv([entryOf(one, 'a'), entryOf(parts, 'b')]));
    const col = wide[0]!.findIndex((h) => h.includes('（六）其他处理 / 小计 · 自然人'));
    assert.ok(col > 0, wide[0]!.join('|'));
    assert.deepEqual([wide[1]![col], wide[2]![col]], ['15', '']);
  });

  it('a summary adds the group over every report, and each part only over the reports that published it', () => {
    const agg = emptyAggregate();
    for (const l of [one, parts]) addReport(agg, reportStats(entryOf(l, l.file)));
    assert.equal(cellTotal(agg, `${G}/小计/自然人`)!.sum, 30);
    assert.deepEqual(cellTotal(agg, `${G}/逾期不补正/自然人`), { sum: 6, reported: 1, blank: 0, unpublished: 1 });
    assert.equal(agg.measures.get('outcome:其他处理')!.num, 186);
    const view = aggregateView(agg, 'y', 10);
    const table = view.tables.find((t) => t.rows.some((r) => r.label.endsWith('（六）其他处理 › 合计')))!;
    assert.ok(table, view.tables.map((t) => t.rows.map((r) => r.label).join('\n')).join('\n'));
    assert.equal(table.rows.find((r) => r.label.endsWith('› 合计'))!.cells[0]!.text, '30');
    const part = table.rows.find((r) => r.label.includes('1.申请人无正当理由'))!.cells[0]!;
    assert.deepEqual([part.text, part.blank, part.unpublished], ['6', 0, 1]);
    assert.ok(view.coverage.blanks.some((b) => b.name.includes('未分项公布') && b.blank === 1));
  });

  it('the agency history shows the 小计 row in the year that printed it, and its parts as 未分项公布 there', () => {
    const before = mustLoad(BASE.replace('年度: 2022', '年度: 2021'), 'reports/2021/test-agency.yaml');
    const list = [before, one].map((l) => ({ stats: reportStats(entryOf(l, l.file)), report: entryOf(l, l.file) }));
    const table = agencyHistory('test-agency', list).cellTable;
    assert.deepEqual(table.years, [2021, 2022]);
    const at = table.rows.findIndex((r) => r.label.includes('（六）其他处理 › 小计'));
    assert.ok(at >= 0, table.rows.map((r) => r.label).join('\n'));
    assert.deepEqual(table.rows[at]!.values, ['—', '93']);
    const part = table.rows[at + 1]!;
    assert.match(part.label, /1\.申请人无正当理由/);
    assert.equal(part.values[1], '未分项公布');
    assert.match(part.values[0]!, /^\d+$/);
    // An agency that never printed a group as one row has no such row.
    assert.ok(!agencyHistory('test-agency', list.slice(0, 1)).cellTable.rows.some((r) => r.label.includes('小计')));
  });
});

describe('writing and importing a group published as one row', () => {
  it('nianbao new writes the parts, not the 小计', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-new-'));
    const out = path.join(dir, 'x.yaml');
    execFileSync('node', ['bin/nianbao.js', 'new', '--year', '2022', '--edition', '2021', '--id', 'x', '--name', '某机关', '--region', '某省', '-o', out], { stdio: 'pipe' });
    const text = readFileSync(out, 'utf8');
    assert.match(text, /逾期不补正:/);
    assert.doesNotMatch(text, /小计/);
  });

  it('import writes a non-zero one-row （六） under 小计, as printed, and the draft validates', async () => {
    const r = await importFile('tests/fixtures/import/kinds/single-six-row-nonzero.txt', { id: 'shili', region: ['某省'], level: '乡级' });
    assert.match(r.yaml!, /      小计: \{自然人: 8, 商业企业: 10, 科研机构: 12, 社会公益组织: 0, 法律服务机构: 0, 其他: 3, 总计: 33\}/);
    assert.doesNotMatch(r.yaml!, /逾期不补正:/);
    assert.ok(r.issues.some((i) => /只印一行.*写入“（六）其他处理”下的“小计”/.test(i.message)));
    assert.equal(r.counts!.unfilled, 0);
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-imp-'));
    const file = path.join(dir, '2023', 'shili.yaml');
    execFileSync('mkdir', ['-p', path.dirname(file)]);
    writeFileSync(file, r.yaml!);
    const v = load(r.yaml!, 'reports/2023/shili.yaml');
    assert.deepEqual(v.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule), []);
    assert.equal(v.loaded!.values.get(`${G}/小计/总计`), 33);
  });
});

describe('importing a 小计 printed with its parts', () => {
  const source = readFileSync('tests/fixtures/import/kinds/date-under-title.txt', 'utf8');
  const at = '（六）其他处理\t1.申请人无正当理由';
  const withRow = (row: string) => {
    assert.ok(source.includes(at));
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-sub-'));
    const file = path.join(dir, 'report.txt');
    writeFileSync(file, source.replace(at, `（六）其他处理\t${row}\n1.申请人无正当理由`));
    return importFile(file, { id: 'shili', region: ['某省'], level: '乡级' });
  };

  it('keeps both, and the draft validates when the parts add up to the row', async () => {
    const r = await withRow('8\t10\t12\t0\t0\t3\t33');
    assert.match(r.yaml!, /小计: \{自然人: 8, 商业企业: 10, 科研机构: 12, 社会公益组织: 0, 法律服务机构: 0, 其他: 3, 总计: 33\}/);
    assert.match(r.yaml!, /逾期不补正: \{自然人: 0, 商业企业: 3/);
    assert.equal(r.counts!.placed, r.counts!.printed);
    assert.deepEqual(r.acknowledgements, []);
  });

  it('records the row that the parts do not add up to under 确认偏差 (R3 at the 小计 cell), unconfirmed', async () => {
    const r = await withRow('9\t10\t12\t0\t0\t3\t34');
    assert.deepEqual(r.acknowledgements.map((a) => [a.rule, a.cell, a.confirmed]), [['R3', `${G}/小计/自然人`, false]]);
  });
});

describe('the editor JSON Schema', () => {
  it('accepts a group written as its parts or as its 小计, and flags one with neither', async () => {
    const { Ajv } = await import('ajv');
    const { parse } = await import('yaml');
    const { reportJsonSchema } = await import('../../schema/json-schema.ts');
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, inlineRefs: false, formats: { email: true, uri: true } });
    ajv.addVocabulary(['markdownDescription', 'errorMessage']);
    const validate = ajv.compile(reportJsonSchema());
    assert.ok(validate(parse(ONE_ROW)), ajv.errorsText(validate.errors));
    assert.ok(validate(parse(BASE)), ajv.errorsText(validate.errors));
    assert.equal(validate(parse(BASE.replace(PARTS, '      逾期不补正: {自然人: 1, 商业企业: 0, 科研机构: 0, 社会公益组织: 0, 法律服务机构: 0, 其他: 0}\n'))), false);
  });
});
