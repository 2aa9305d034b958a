/** Positions found from a report's lines are the positional reader's, or none. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { corpus } from '../../bench/generate.ts';
import { cellsOf } from '../../schema/cells.ts';
import { proseSentences } from '../../schema/copying.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { checkCrossYear } from '../../schema/cross-year.ts';
import { sentencesOf, textFields } from '../../schema/evaluation.ts';
import type { Finding } from '../../schema/rules.ts';
import { placeByLines, placeFromPlacement, placeParsed, type Placing, placementOf } from '../../src/load/cross-year.ts';
import { loadReportFast } from '../../src/load/fast.ts';
import { decodeReport } from '../../src/load/encoding.ts';
import { lineLocator } from '../../src/load/line-locate.ts';
import { locateInText } from '../../src/load/text-position.ts';
import { locate, parseYaml } from '../../src/load/yaml.ts';

/** Every cell, 年度 and prose sentence of a text: the line locator agrees with yaml.ts wherever it answers; how many it answered. */
function agrees(text: string, name: string): number {
  const lines = lineLocator(text);
  if (!lines) return 0;
  const parsed = parseYaml(text);
  const data = parsed.data as Record<string, unknown> | undefined;
  const edition = data?.['版本'];
  if (!data || !(typeof edition === 'number' && edition in EDITIONS)) return 0;
  let answered = 0;
  const paths = [['年度'], ['版本'], ['发布日期'], ['标题'], ['机关', '名称'], ['机关', '标识'], ...cellsOf(EDITIONS[edition as EditionId]).map((c) => c.path)];
  for (const p of paths) {
    const got = lines.locate(p);
    if (!got) continue;
    const want = locate(parsed, p);
    assert.deepEqual(got, { line: want.line, column: want.column }, `${name}: ${p.join(' › ')}`);
    // All that locate answers, its exact and source included (diagnostics placed with it carry them).
    assert.deepEqual(lines.locateScalar(p), want, `${name}: ${p.join(' › ')}, as locate answers`);
    answered++;
  }
  // Every path the fast loader may place a diagnostic at: all that locate answers, where the lines tell it.
  const valueAt = (p: readonly (string | number)[]) => p.reduce<unknown>((n, k) => (n !== null && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined), data);
  const sections = EDITIONS[edition as EditionId].sections.map((sec) => [sec.key]);
  const more = [['前言'], ['机关', '类型'], ['机关', '联系方式'], ['机关', '联系方式', '电话'], ['机关', '联系方式', '电子邮箱'], ['机关', '不存在', '更深'], ['不存在']];
  for (const p of [...paths, ...sections, ...more]) {
    const got = lines.locateAsYaml(p, valueAt(p));
    if (!got) continue;
    assert.deepEqual(got, locate(parsed, p), `${name}: ${p.join(' › ')}, as locate answers`);
    answered++;
  }
  // Every text field (prose, title, names), at each sentence and at offsets outside it.
  for (const field of textFields(edition as EditionId, data)) {
    const value = valueAt(field.path);
    if (typeof value !== 'string') continue;
    for (const s of sentencesOf(value)) {
      for (const offset of [s.start, s.start + 1, -1, value.length] as number[]) {
        const got: { line: number; column: number } | undefined = lines.locateInText(field.path, offset, value);
        if (!got) continue;
        assert.deepEqual(got, locateInText(parsed, text, field.path, offset), `${name}: ${field.path.join(' › ')} at ${offset}`);
        answered++;
      }
    }
  }
  return answered;
}

test('positions from the lines are those of the positional reader, on generated reports, seeds and fixtures', () => {
  let read = 0;
  const reports = [...corpus(200, 7)];
  for (const r of reports) if (agrees(r.text, `${r.year}/${r.agency.id}`) > 200) read++;
  assert.ok(read > 190, `${read} of ${reports.length} generated reports read from their lines`);
  const files = ['reports', 'tests/fixtures'].flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f))).filter((f) => /\.ya?ml$/.test(f));
  for (const file of files) {
    const decoded = decodeReport(readFileSync(file), file);
    if (decoded.text !== undefined) agrees(decoded.text, file);
  }
});

test('forms outside the template\'s layout are declined, not guessed', () => {
  const report = [...corpus(20, 2)].find((r) => r.year === 2021 && r.quirk === null)!;
  const cell = ['三、收到和处理政府信息公开申请情况', '本年新收政府信息公开申请数量', '自然人'];
  assert.ok(lineLocator(report.text)!.locate(cell), 'the generated layout is read');
  const row = /^( {2}本年新收政府信息公开申请数量: )(\{.*\})(.*)$/m;
  const forms: Record<string, string> = {
    'CR LF line ends': report.text.replace(/\n/g, '\r\n'),
    'a tab': report.text.replace('  本年新收', '\t本年新收'),
    'byte-order mark': `\ufeff${report.text}`,
    'row over two lines': report.text.replace(row, (_m, a: string, b: string, c: string) => `${a}${b.replace(', ', ',\n    ')}${c}`),
    'quoted key': report.text.replace(row, (_m, a: string, b: string, c: string) => `${a}${b.replace('自然人', '"自然人"')}${c}`),
    'row as a block': report.text.replace(row, (_m, a: string, b: string) => `${a}\n${b.slice(1, -1).split(', ').map((e) => `    ${e}`).join('\n')}`),
    'document start': `---\n${report.text}`,
  };
  for (const [name, text] of Object.entries(forms)) {
    assert.notEqual(text, report.text, `${name}: the change applies`);
    const lines = lineLocator(text);
    const got = lines?.locate(cell);
    if (name === 'row as a block') {
      // A block row is within the layout: its position is the reader's.
      assert.deepEqual(got, (({ line, column }) => ({ line, column }))(locate(parseYaml(text), cell)), name);
    } else assert.equal(got, undefined, name);
  }
});

test('cross-year findings placed from the lines, or from what validation kept, are those placed by the positional reader', () => {
  const reports = [...corpus(300, 9)];
  const byAgency = new Map(reports.map((r) => [`${r.agency.id}/${r.year}`, r]));
  let compared = 0;
  let kept = 0;
  for (const cur of reports) {
    const prev = byAgency.get(`${cur.agency.id}/${cur.year - 1}`);
    if (!prev) continue;
    const data = (r: typeof cur) => parseYaml(r.text).data as Record<string, unknown>;
    const editionOf = (r: typeof cur) => data(r)['版本'] as EditionId;
    const values = (r: typeof cur) => {
      const d = data(r);
      const get = (p: readonly string[]) => p.reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], d);
      return new Map(cellsOf(EDITIONS[editionOf(r)]).map((c) => [c.id, (get(c.path) ?? null) as number | null]));
    };
    const findings = checkCrossYear({ year: prev.year, editionId: editionOf(prev), values: values(prev) }, { year: cur.year, editionId: editionOf(cur), values: values(cur) });
    const before = proseSentences(editionOf(prev), data(prev)).map((s) => s.key);
    // What validation keeps of a report read the fast way (src/load/load-task.ts).
    const file = `reports/${cur.year}/${cur.agency.id}.yaml`;
    const counts = { full: 0 };
    const loaded = loadReportFast(cur.text, file, counts).loaded;
    const sentences = loaded && proseSentences(editionOf(cur), loaded.report);
    const placement = loaded && counts.full === 0 ? placementOf(cur.text, editionOf(cur), loaded.report as Record<string, unknown>, sentences!) : undefined;
    for (const copied of [null, '与上一年度相同。']) {
      const p = { file, editionId: editionOf(cur), findings, copied, before };
      const full = placeParsed(p, cur.text);
      const quick = placeByLines(p, cur.text);
      if (quick) {
        assert.deepEqual(quick, full, p.file);
        if (findings.length || copied) compared++;
      }
      const fromPlacement = placement && placeFromPlacement(p, placement, sentences!.map((s) => s.key));
      if (fromPlacement) {
        assert.deepEqual(fromPlacement, full, `${p.file}: placed from what validation kept`);
        if (findings.length || copied) kept++;
      }
    }
  }
  assert.ok(compared > 100, `${compared} placings compared`);
  assert.ok(kept > 100, `${kept} placings from validation compared`);
});

test('a placement kept from validation is not used for findings it cannot place', () => {
  const report = [...corpus(20, 2)].find((r) => r.year === 2021 && r.quirk === null)!;
  const file = `reports/2021/${report.agency.id}.yaml`;
  const loaded = loadReportFast(report.text, file).loaded!;
  const sentences = proseSentences(2021, loaded.report);
  const placement = placementOf(report.text, 2021, loaded.report as Record<string, unknown>, sentences)!;
  const keys = sentences.map((s) => s.key);
  const finding = (cell: string): Finding => ({ rule: 'R5', cell, statement: 's', message: 'm' });
  const p = (findings: Finding[]): Placing => ({ file, editionId: 2021, findings, copied: null, before: [] });
  assert.ok(placeFromPlacement(p([finding('三/上年结转政府信息公开申请数量/自然人')]), placement, keys), 'a cell a cross-year rule names');
  assert.equal(placeFromPlacement(p([finding('三/本年新收政府信息公开申请数量/自然人')]), placement, keys), undefined, 'a cell no cross-year rule names');
  assert.equal(placeFromPlacement(p([]), placement, keys.slice(1)), undefined, 'sentences of another reading');
  assert.equal(placementOf(`\ufeff${report.text}`, 2021, loaded.report as Record<string, unknown>, sentences), undefined, 'a file outside the template layout');
});
