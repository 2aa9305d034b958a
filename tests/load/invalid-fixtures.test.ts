import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadReportText } from '../../src/load/report.ts';

/** Each fixture is named after its mistake; the diagnostic must point at the exact line and column. */
const CASES: readonly { fixture: string; rule: string; line: number; column: number; count?: number }[] = [
  { fixture: 'unknown-key', rule: 'SCHEMA-UNKNOWN-KEY', line: 43, column: 5, count: 1 },
  { fixture: 'negative-count', rule: 'SCHEMA-NEGATIVE', line: 51, column: 42, count: 1 },
  { fixture: 'fractional-count', rule: 'SCHEMA-INTEGER', line: 51, column: 42, count: 1 },
  { fixture: 'number-with-unit', rule: 'SCHEMA-NUMBER-FORMAT', line: 51, column: 42, count: 1 },
  { fixture: 'unfilled-cell', rule: 'SCHEMA-UNFILLED', line: 52, column: 24, count: 1 },
  { fixture: 'r1-applications-do-not-balance', rule: 'R1', line: 62, column: 25, count: 2 },
  { fixture: 'r2-row-total-mismatch', rule: 'R2', line: 65, column: 71, count: 1 },
  // 自然人 and, so, the 总计 column of （七）总计 (both at line 87).
  { fixture: 'r3-outcome-total-mismatch', rule: 'R3', line: 87, column: 15, count: 2 },
  { fixture: 'r4-review-total-mismatch', rule: 'R4', line: 92, column: 50, count: 1 },
  { fixture: 'edition-2019-shape-under-2021', rule: 'SCHEMA-EDITION-SHAPE', line: 4, column: 5, count: 1 },
  { fixture: 'alias-bomb', rule: 'YAML-ALIAS', line: 16, column: 10, count: 1 },
  { fixture: 'duplicate-key', rule: 'YAML-DUPLICATE-KEY', line: 6, column: 1, count: 1 },
  { fixture: 'bad-date', rule: 'SCHEMA-DATE', line: 16, column: 7, count: 1 },
  { fixture: 'yaml-syntax', rule: 'YAML-SYNTAX', line: 8, column: 3, count: 1 },
  { fixture: 'missing-edition', rule: 'SCHEMA-MISSING', line: 4, column: 1, count: 1 },
];

const load = (name: string) => {
  const file = `tests/fixtures/invalid/${name}.yaml`;
  return loadReportText(readFileSync(file, 'utf8'), file);
};

describe('invalid fixtures', () => {
  for (const c of CASES) {
    it(`${c.fixture} gives ${c.rule} at ${c.line}:${c.column}`, () => {
      const errors = load(c.fixture).diagnostics.filter((d) => d.severity === 'error');
      assert.ok(
        errors.some((d) => d.rule === c.rule && d.line === c.line && d.column === c.column),
        `expected ${c.rule} at ${c.line}:${c.column}, got ${errors.map((d) => `${d.rule}@${d.line}:${d.column}`).join(', ')}`,
      );
      assert.deepEqual([...new Set(errors.map((d) => d.rule))], [c.rule], 'no other kind of error');
      if (c.count !== undefined) assert.equal(errors.length, c.count);
    });
  }

  it('every message is Chinese, names what to do, and carries no stack trace', () => {
    for (const c of CASES) {
      for (const d of load(c.fixture).diagnostics) {
        assert.match(d.message, /[\u4e00-\u9fff]/);
        assert.match(d.message, /请|填写|改为|删去|写作/, 'says what to do');
        assert.doesNotMatch(d.message, /\bat .+:\d+:\d+\)|Error:|undefined|\[object/);
      }
    }
  });

  it('a report with three different mistakes yields three located messages', () => {
    const d = load('three-different-mistakes').diagnostics;
    assert.deepEqual(
      d.map((x) => [x.rule, x.line, x.column]),
      [
        ['SCHEMA-UNKNOWN-KEY', 44, 5],
        ['SCHEMA-NEGATIVE', 47, 42],
        ['R4', 92, 50],
      ],
    );
  });

  it('a misspelt key is suggested by its closest statutory label', () => {
    const [d] = load('unknown-key').diagnostics;
    assert.match(d!.message, /您是否想写「规章」/);
  });

  it('R2 names the cell and the numbers on both sides', () => {
    const [d] = load('r2-row-total-mismatch').diagnostics;
    assert.equal(d!.cell, '三/本年度办理结果/予以公开/总计');
    assert.match(d!.message, /「表三：三、本年度办理结果 \/ （一）予以公开 · 总计」填写为 1/);
    assert.match(d!.message, /之和为 0/);
  });
});
