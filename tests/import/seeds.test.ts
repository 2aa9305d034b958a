import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cellName, cellsOf } from '../../schema/cells.ts';
import { importFile, type ImportOptions } from '../../src/import/index.ts';
import type { LoadedReport } from '../../src/load/report.ts';
import { mustLoad, SEEDS, sharedDir } from '../shared.ts';

/** A prose section of a loaded report by its key (keys differ per edition). */
const prose = (r: LoadedReport, key: string): unknown => (r.report as Record<string, unknown>)[key];

/** The clerk-supplied fields of a hand-authored report, as command-line options. */
function optionsOf(hand: LoadedReport): ImportOptions {
  const a = hand.report.机关;
  return { id: a.标识, region: a.地区, level: a.层级 };
}

/** Every cell of the imported report equals the hand-authored one, and the same totals were stated. */
function assertSameTables(imported: LoadedReport, hand: LoadedReport): void {
  assert.equal(imported.edition.id, hand.edition.id);
  for (const cell of cellsOf(hand.edition)) {
    assert.equal(imported.values.get(cell.id), hand.values.get(cell.id), `${cellName(cell)} (${cell.id})`);
  }
  assert.deepEqual([...imported.computed].sort(), [...hand.computed].sort());
}

/** Import a file with the hand report's id/region/level and compare. */
async function check(file: string, report: string): Promise<LoadedReport> {
  const handFile = `reports/2020/${report}.yaml`;
  const hand = mustLoad(await readFile(handFile, 'utf8'), handFile);
  const result = await importFile(file, optionsOf(hand));
  assert.deepEqual(result.issues.filter((i) => i.severity === 'error'), []);
  assert.ok(result.yaml);
  const imported = mustLoad(result.yaml, `reports/2020/${report}.yaml`);
  assertSameTables(imported, hand);
  assert.deepEqual(imported.diagnostics.filter((d) => d.severity === 'error'), []);
  return imported;
}

describe('importing the five seed texts', () => {
  const dir = path.join(sharedDir(), 'seeds');
  for (const [seed, report] of Object.entries(SEEDS)) {
    it(`${seed} → tables equal reports/2020/${report}.yaml cell by cell`, async () => {
      await check(path.join(dir, seed), report);
    });
  }

  it('finds the sections each seed has, renamed headings included', async () => {
    const found: Record<string, string[]> = {};
    for (const seed of Object.keys(SEEDS)) found[seed.slice(0, 3)] = (await importFile(path.join(dir, seed))).recognized!.sections;
    assert.deepEqual(found, {
      '000': ['一', '二', '三', '四', '五', '六'],
      '001': ['一', '二', '三', '四', '五'],
      '002': ['一', '二', '三', '四', '五', '六'],
      '003': ['一', '二', '三', '四', '五'],
      '004': ['一', '二', '三', '四', '五', '六'],
    });
  });

  it('takes title, year, date and contact details from the text', async () => {
    const r000 = await check(path.join(dir, '000_3a1735077e09b84e.txt'), 'luanzhou-leizhuang');
    assert.equal(r000.report.标题, '雷庄镇2020年度政府信息公开工作年度报告');
    assert.equal(r000.report.年度, 2020);
    assert.deepEqual(r000.report.机关.联系方式, { 单位: '雷庄镇综合办', 邮编: '063705', 电话: '0315—7536211' });
    assert.match(r000.report.前言 ?? '', /^根据《中华人民共和国政府信息公开条例》/);
    assert.match(prose(r000, '一、总体情况') as string, /^（一）完善制度、优化机制\n\n根据上级/);
    const r002 = await check(path.join(dir, '002_cc4698f0161a297f.txt'), 'laizhou-zhuqiao');
    assert.equal(r002.report.发布日期, '2021-01-26');
    assert.equal(r002.report.机关.名称, '莱州市朱桥镇人民政府');
    assert.equal(prose(r002, '六、其他需要报告的事项'), '无其他需要报告的事项。');
  });

  it('leaves a missing section 六 out (seed 001)', async () => {
    const r = await check(path.join(dir, '001_98f5ae91cf61213a.txt'), 'yijun-yaosheng-leiyuan');
    assert.equal(prose(r, '六、其他需要报告的事项'), undefined);
    assert.equal(r.report.标题, '宜君县尧生镇雷塬综合服务中心2020年政府信息公开工作年度报告');
  });
});

describe('other text shapes of the seeds', () => {
  it('seed 000 saved as GB18030 (Chinese Windows) reads the same', async () => {
    await check('tests/fixtures/import/seed-000.gb18030.txt', 'luanzhou-leizhuang');
  });

  it('seed 002 with pipe-separated rows reads the same', async () => {
    await check('tests/fixtures/import/seed-002.pipes.txt', 'laizhou-zhuqiao');
  });
});

describe('importing HTML renderings of the seeds (rowspan/colspan as government pages publish)', () => {
  it('reads the same when the page lays the article out in a table', async () => {
    const html = await readFile('tests/fixtures/import/seed-004.html', 'utf8');
    const wrapped = html.replace('<div class="article">', '<table class="layout"><tr><td>导航</td><td class="article">').replace('</div></body>', '</td></tr></table></body>');
    assert.notEqual(wrapped, html);
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'nianbao-layout-')), 'page.html');
    await writeFile(file, wrapped);
    try {
      await check(file, 'huoshan-hengshan');
    } finally {
      await rm(path.dirname(file), { recursive: true, force: true });
    }
  });

  for (const [seed, report] of Object.entries(SEEDS)) {
    const html = `tests/fixtures/import/seed-${seed.slice(0, 3)}.html`;
    it(`${html} → tables equal reports/2020/${report}.yaml cell by cell`, async () => {
      await check(html, report);
    });
  }
});
