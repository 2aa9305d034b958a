import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadReportText } from '../../src/load/report.ts';

const FILE = 'reports/2020/luanzhou-leizhuang.yaml';
const ROW = '本年新收政府信息公开申请数量: {自然人: 0, 商业企业: 0, 科研机构: 0, 社会公益组织: 0, 法律服务机构: 0, 其他: 0, 总计: 0}';

describe('a row mistyped with a thousands separator (自然人: 3,001)', () => {
  it('is named once, and its figures go into no rule: no R1/R2 advice on the wrong cell', () => {
    const text = readFileSync(FILE, 'utf8');
    assert.ok(text.includes(ROW));
    for (const typed of ['自然人: 3,001', '自然人: 3,001, 商业企业: 0']) {
      const broken = text.replace(ROW, ROW.replace('自然人: 0', typed.split(', 商业')[0]!).replace('总计: 0', '总计: 3001'));
      const ds = loadReportText(broken, FILE).diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(ds.map((d) => d.rule), ['SCHEMA-UNKNOWN-KEY'], ds.map((d) => d.message).join('\n'));
      assert.match(ds[0]!.message, /请把这一格写作 3001/);
      // The advice applied: the row is whole again, and the rules run on it.
      const fixed = loadReportText(broken.replace('自然人: 3,001', '自然人: 3001'), FILE).diagnostics.filter((d) => d.severity === 'error');
      assert.ok(fixed.every((d) => /^R\d$/.test(d.rule)), fixed.map((d) => d.rule).join());
      assert.ok(fixed.some((d) => d.rule === 'R1'), 'the corrected row is checked (3001 new applications, none handled)');
    }
  });
});
