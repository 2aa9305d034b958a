import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellsOf } from '../../schema/cells.ts';
import { EDITION_IDS, EDITIONS } from '../../schema/editions/index.ts';
import { INDICATORS, indicatorText, measure, MIN_SAMPLE, OUTCOME_GROUPS } from '../../src/summary/indicators.ts';

const byId = (id: string) => INDICATORS.find((i) => i.id === id)!;

describe('indicators', () => {
  it('name only cells that exist in each edition', () => {
    for (const e of EDITION_IDS) {
      const ids = new Set(cellsOf(EDITIONS[e]).map((c) => c.id));
      for (const ind of INDICATORS) {
        const all = [...ind.numerator[e], ...(ind.denominator?.plus[e] ?? []), ...(ind.denominator?.minus[e] ?? [])];
        assert.ok(ind.numerator[e].length > 0, ind.id);
        for (const id of all) assert.ok(ids.has(id), `${ind.id}: ${id} in ${e}`);
      }
    }
    assert.equal(byId('withheld-share').numerator[2019].length, 8);
    assert.deepEqual(OUTCOME_GROUPS.map((g) => g.ids[2021].length), [1, 1, 8, 3, 5, 3]);
    assert.deepEqual(OUTCOME_GROUPS.map((g) => g.ids[2019].length), [1, 1, 8, 3, 5, 1]);
  });

  it('show a rate from 10 cases and 样本过少 below', () => {
    const rate = byId('disclosure-rate');
    assert.equal(MIN_SAMPLE, 10);
    assert.equal(indicatorText(rate, 3, 9), '样本过少');
    assert.equal(indicatorText(rate, 3, 10), '30.0%');
    assert.equal(indicatorText(rate, 0, 0), '样本过少');
    assert.equal(indicatorText(byId('applications'), 4, null), '4');
  });

  it('measure 纠错率 against decided cases only, and give up on a blank cell', () => {
    const ind = byId('review-correction');
    const values = new Map<string, number | null>([['四/行政复议/结果纠正', 3], ['四/行政复议/总计', 14], ['四/行政复议/尚未审结', 2]]);
    assert.deepEqual(measure(ind, 2019, values), { num: 3, den: 12 });
    assert.equal(indicatorText(ind, 3, 12), '25.0%');
    values.set('四/行政复议/尚未审结', null);
    assert.equal(measure(ind, 2019, values), null);
  });
});
