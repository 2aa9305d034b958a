import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cellsOf } from '../../schema/cells.ts';
import { EDITIONS } from '../../schema/editions/index.ts';
import { importFile } from '../../src/import/index.ts';
import { loadReportText } from '../../src/load/report.ts';
import { sharedDir } from '../shared.ts';

describe('importing the 2021 Word template', () => {
  it('gives an empty 2021-edition report with every row and column recognised', async () => {
    const file = path.join(sharedDir(), 'corpus', '2021-template.docx');
    const r = await importFile(file, { year: 2021, id: 'template', region: ['江苏省'], level: '省级' });
    assert.deepEqual(r.issues.filter((i) => i.severity === 'error'), []);
    assert.deepEqual(r.issues.filter((i) => i.message.includes('未识别')), []);
    const rec = r.recognized!;
    assert.equal(rec.draft.edition, 2021);
    assert.match(rec.editionBasis, /根据表二、表三的栏目判断/);
    assert.deepEqual(rec.sections, ['一', '二', '三', '四', '五', '六']);
    assert.deepEqual(rec.tables.rows, { 二: 6, 三: 25, 四: 1 });
    assert.deepEqual(rec.tables.missing, []);
    // Every cell of the edition was found in the template, and every one is blank.
    const cells = cellsOf(EDITIONS[2021]);
    assert.deepEqual([...rec.tables.values.keys()].sort(), cells.map((c) => c.id).sort());
    assert.ok([...rec.tables.values.values()].every((v) => v === null));
    // Written as a template to fill in: every cell unfilled, none invented.
    const loaded = loadReportText(r.yaml!, 'reports/2021/template.yaml');
    const unfilledCells = loaded.diagnostics.filter((d) => d.rule === 'SCHEMA-UNFILLED' && d.message.startsWith('「表'));
    assert.equal(unfilledCells.length, cells.filter((c) => !c.total).length);
    assert.doesNotMatch(r.yaml!, /: 0[,}]/);
    assert.match(r.yaml!, /本年收费金额: \}/);
  });
});
