import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpus } from '../../bench/generate.ts';
import { loadReportText } from '../../src/load/report.ts';

test('the same seed gives the same bytes; another seed gives other reports', () => {
  const a = [...corpus(40, 7)].map((r) => r.text);
  const b = [...corpus(40, 7)].map((r) => r.text);
  const c = [...corpus(40, 8)].map((r) => r.text);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  // A smaller corpus is the start of a larger one.
  assert.deepEqual([...corpus(10, 7)].map((r) => r.text), a.slice(0, 10));
});

test('generated reports validate without errors, in both editions, with the intended warnings only', () => {
  const reports = [...corpus(200, 3)];
  const editions = new Set<number>();
  const levels = new Set<string>();
  const warnings = new Set<string>();
  for (const r of reports) {
    const result = loadReportText(r.text, `reports/${r.year}/${r.agency.id}.yaml`);
    assert.ok(result.loaded, `${r.agency.id} ${r.year} did not load`);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), [], `${r.agency.id} ${r.year}`);
    for (const d of result.diagnostics) warnings.add(d.rule);
    if (r.quirk === 'R6' || r.quirk === 'R7' || r.quirk === 'EDITION-YEAR') {
      assert.ok(result.diagnostics.some((d) => d.rule === r.quirk), `${r.agency.id} should trip ${r.quirk}`);
    }
    editions.add(result.loaded.edition.id);
    levels.add(r.agency.level);
  }
  assert.deepEqual([...editions].sort(), [2019, 2021]);
  assert.deepEqual([...levels].sort(), ['乡级', '县级', '市级', '省级'].sort());
  for (const rule of warnings) assert.ok(['R6', 'R7', 'EDITION-YEAR'].includes(rule), `unexpected ${rule}`);
  assert.ok(warnings.size > 0, 'some reports trip warnings');
  // Agency ids are unique per year, as file names require.
  const keys = reports.map((r) => `${r.year}/${r.agency.id}`);
  assert.equal(new Set(keys).size, keys.length);
  assert.ok(reports.every((r) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(r.agency.id)));
});
