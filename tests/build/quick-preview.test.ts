/** The preview's quick path: a saved report's own page is rewritten at once, or left to the build. */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from '../../src/build.ts';
import { quickPreview } from '../../src/serve/quick.ts';

describe('the quick preview', () => {
  let tmp: string;
  let reports: string;
  let site: string;
  const file = () => path.join(reports, '2020', 'laizhou-zhuqiao.yaml');
  const page = () => readFile(path.join(site, '2020', 'laizhou-zhuqiao', 'index.html'), 'utf8');
  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'nianbao-quick-'));
    process.env.NIANBAO_CACHE_DIR = path.join(tmp, 'cache');
    reports = path.join(tmp, 'reports');
    site = path.join(tmp, 'site');
    await cp('reports', reports, { recursive: true });
  });
  after(async () => {
    delete process.env.NIANBAO_CACHE_DIR;
    await rm(tmp, { recursive: true, force: true });
  });

  it('rewrites the saved report\'s page and data, which then equal what the build makes', async () => {
    const quick = quickPreview(site);
    quick.remember(await build({ reportsDir: reports, outDir: site, summary: true }));
    const text = await readFile(file(), 'utf8');
    await writeFile(file(), text.replace(/^(标题: .*)$/m, '$1（更正稿）'));
    assert.equal(await quick.update([file()]), true);
    const quickPage = await page();
    assert.match(quickPage, /（更正稿）/);
    const quickJson = await readFile(path.join(site, 'data', '2020', 'laizhou-zhuqiao.json'), 'utf8');
    const built = await build({ reportsDir: reports, outDir: site });
    assert.ok(built.built);
    assert.equal(await page(), quickPage);
    assert.equal(await readFile(path.join(site, 'data', '2020', 'laizhou-zhuqiao.json'), 'utf8'), quickJson);
  });

  it('rewrites a report saved again and again, each save shown', async () => {
    const quick = quickPreview(site);
    quick.remember(await build({ reportsDir: reports, outDir: site, summary: true }));
    const text = await readFile(file(), 'utf8');
    for (const mark of ['（第一稿）', '（第二稿）', '（第三稿）']) {
      await writeFile(file(), text.replace(/^(标题: .*)$/m, `$1${mark}`));
      assert.equal(await quick.update([file()]), true, mark);
      assert.match(await page(), new RegExp(mark));
    }
    await writeFile(file(), text);
    assert.ok((await build({ reportsDir: reports, outDir: site })).built);
  });

  it('leaves a report with an error, or one moved to another place, to the build', async () => {
    const quick = quickPreview(site);
    quick.remember(await build({ reportsDir: reports, outDir: site, summary: true }));
    const text = await readFile(file(), 'utf8');
    const shown = await page();
    await writeFile(file(), text.replace(/^标题: .*$/m, '标题:'));
    assert.equal(await quick.update([file()]), false);
    await writeFile(file(), text.replace(/^(  地区: \[)/m, '$1另一省, '));
    assert.notEqual(await readFile(file(), 'utf8'), text, 'the region line was changed');
    assert.equal(await quick.update([file()]), false);
    assert.equal(await page(), shown);
    await writeFile(file(), text);
  });
});
