/**
 * Rebuilds make only the files whose data changed, and the site they leave is exactly the
 * site a build from nothing makes of the same reports.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from '../../src/build.ts';
import { recordHoldsOutput, snapshot } from '../shared.ts';
import { readManifest, summaryLinksFile, summaryRecordFile } from '../../src/site/manifest.ts';
import { SITE_POST_BUILD } from '../../src/site/post-build.ts';
import { partCount, partOf } from '../../src/site/search-index.ts';
import { TWO_YEARS } from '../summary/fixture.ts';

/** Folders left empty under `dir`. */
async function emptyFolders(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isDirectory() && (await readdir(path.join(e.parentPath, e.name))).length === 0) out.push(path.join(e.parentPath, e.name));
  }
  return out;
}

/** The search index in parts of about two reports: the fixture's seven reports make three parts. */
const SEARCH = { postBuild: SITE_POST_BUILD, searchPartSize: 2 } as const;

/** The part folders under pagefind/ and, of each, the hashes of its files. */
function searchParts(snap: Record<string, string>): Map<string, Record<string, string>> {
  const parts = new Map<string, Record<string, string>>();
  for (const [f, hash] of Object.entries(snap)) {
    const m = /^pagefind\/([^/]+)\/(.+)$/.exec(f);
    if (!m) continue;
    if (!parts.has(m[1]!)) parts.set(m[1]!, {});
    parts.get(m[1]!)![m[2]!] = hash;
  }
  return parts;
}

describe('a rebuild', () => {
  let tmp: string;
  let reports: string;
  let site: string;
  const clean = async () => {
    const out = path.join(tmp, `clean-${Math.random().toString(36).slice(2)}`);
    assert.ok((await build({ reportsDir: reports, outDir: out, ...SEARCH, clean: true })).built);
    return snapshot(out);
  };
  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'nianbao-incremental-'));
    process.env.NIANBAO_CACHE_DIR = path.join(tmp, 'cache');
    reports = path.join(tmp, 'reports');
    site = path.join(tmp, 'site');
    await cp(TWO_YEARS, reports, { recursive: true });
    assert.ok((await build({ reportsDir: reports, outDir: site, ...SEARCH })).built);
  });
  after(async () => {
    delete process.env.NIANBAO_CACHE_DIR;
    await rm(tmp, { recursive: true, force: true });
  });

  it('writes nothing when nothing changed, not even the record of the output', async () => {
    const before = await snapshot(site);
    const record = path.join(process.env.NIANBAO_CACHE_DIR!, (await readdir(process.env.NIANBAO_CACHE_DIR!)).find((f) => /^site-[0-9a-f]+\.json$/.test(f))!);
    const recorded = await readFile(record, 'utf8');
    const recordedAt = (await stat(record)).mtimeMs;
    const result = await build({ reportsDir: reports, outDir: site, ...SEARCH });
    assert.equal(result.written, 0);
    assert.equal(result.removed, 0);
    assert.equal(result.kept, Object.keys(JSON.parse(recorded).files).length);
    assert.deepEqual(await snapshot(site), before);
    assert.equal((await stat(record)).mtimeMs, recordedAt);
    assert.equal(await readFile(record, 'utf8'), recorded);
  });

  it('when nothing changed, returns without summaries unless asked, counting the pages of the last build', async () => {
    const full = await build({ reportsDir: reports, outDir: site, ...SEARCH, summary: true });
    assert.equal(full.written, 0);
    assert.ok(full.summary, 'summaries made when asked');
    const quick = await build({ reportsDir: reports, outDir: site, ...SEARCH });
    assert.equal(quick.summary, undefined, 'nothing changed: no summaries made');
    assert.equal(quick.pages, full.pages);
    assert.equal(quick.kept, full.kept);
  });

  it('is not taken for unchanged when a setting or the output changed', async () => {
    const before = await snapshot(site);
    // Another list limit: other pages; then back to the site as it was.
    const split = await build({ reportsDir: reports, outDir: site, ...SEARCH, listLimit: 1 });
    assert.ok(split.written > 0 && split.summary, `${split.written} files made with a list limit of 1`);
    const back = await build({ reportsDir: reports, outDir: site, ...SEARCH });
    assert.ok(back.written > 0 && back.summary);
    assert.deepEqual(await snapshot(site), before);
    // Another search index (none): its parts go.
    const unsearched = await build({ reportsDir: reports, outDir: site, searchPartSize: SEARCH.searchPartSize });
    assert.ok(unsearched.built);
    assert.ok(!Object.keys(await snapshot(site)).some((f) => f.startsWith('pagefind/')), 'built again without a search index');
    // The summaries did not change, so they were taken from the last build's record, not worked out.
    assert.equal(unsearched.summary, undefined);
    assert.ok((await build({ reportsDir: reports, outDir: site, ...SEARCH })).built);
    assert.deepEqual(await snapshot(site), before);
    // A page removed by hand: made again.
    await unlink(path.join(site, 'index.html'));
    const repaired = await build({ reportsDir: reports, outDir: site, ...SEARCH });
    assert.ok(repaired.written >= 1 && repaired.summary);
    assert.deepEqual(await snapshot(site), before);
  });

  it('after one report changed, remakes its files and the summaries that hold it, and equals a clean build', async () => {
    const files = (await readdir(path.join(reports, '2020'))).sort();
    const file = path.join(reports, '2020', files[0]!);
    const text = await readFile(file, 'utf8');
    const changed = text.replace(/^(标题: .*)$/m, '$1（更正）');
    assert.notEqual(changed, text, 'the fixture has a title to change');
    await writeFile(file, changed);
    const before = await snapshot(site);
    const eleventyBefore = readManifest(site)?.eleventy?.key;
    const result = await build({ reportsDir: reports, outDir: site, ...SEARCH });
    assert.ok(result.built);
    const after = await snapshot(site);
    const differing = Object.keys(after).filter((f) => after[f] !== before[f]);
    // No page Eleventy makes prints a title: their data, and so their key, stayed the same (Eleventy did not run).
    assert.ok(eleventyBefore);
    assert.equal(readManifest(site)?.eleventy?.key, eleventyBefore);
    // Nor does any summary: they were taken from the last build's record, not worked out again.
    assert.equal(result.summary, undefined);
    const id = files[0]!.replace(/\.yaml$/, '');
    for (const f of [`2020/${id}/index.html`, `data/2020/${id}.json`, 'data/2020.csv', 'data/2020.xlsx']) {
      assert.ok(differing.includes(f), `${f} was remade`);
    }
    assert.ok(!differing.some((f) => f.startsWith('2021/') && f.endsWith('index.html') && f !== '2021/index.html'), 'no 2021 report page changed');
    assert.ok(result.written < Object.keys(before).length / 2, `${result.written} of ${Object.keys(before).length} files written`);
    // The search index: the changed report's part is made again, the other parts are left as they were.
    const partsBefore = searchParts(before);
    const partsAfter = searchParts(after);
    assert.ok(partsBefore.size >= 2, `the index is in ${partsBefore.size} parts`);
    const own = String(partOf(id, partCount(7, SEARCH.searchPartSize)));
    assert.deepEqual([...partsAfter.keys()].sort(), [...partsBefore.keys()].sort());
    for (const [part, files] of partsAfter) {
      if (part === own) assert.notDeepEqual(files, partsBefore.get(part), `part ${part}, which holds ${id}, was made again`);
      else assert.deepEqual(files, partsBefore.get(part), `part ${part} is as it was`);
    }
    assert.deepEqual(after, await clean());
  });

  it('after a report\'s prose changed, leaves the year downloads as they were, and equals a clean build', async () => {
    const file = path.join(reports, '2021', (await readdir(path.join(reports, '2021'))).sort()[0]!);
    const text = await readFile(file, 'utf8');
    const changed = text.replace(/^(  [^\s#].*)。$/m, '$1（更正）。');
    assert.notEqual(changed, text, 'the fixture has prose to change');
    await writeFile(file, changed);
    const before = await snapshot(site);
    const years = ['data/2021.csv', 'data/2021.xlsx'];
    const madeAt = async () =>
      Promise.all(
        years.map(async (f) => {
          const st = await stat(path.join(site, f), { bigint: true });
          return [st.ino, st.ctimeNs];
        }),
      );
    const yearsBefore = await madeAt();
    assert.ok((await build({ reportsDir: reports, outDir: site, ...SEARCH })).built);
    const after = await snapshot(site);
    const id = path.basename(file, '.yaml');
    assert.notEqual(after[`2021/${id}/index.html`], before[`2021/${id}/index.html`], 'its page was made again');
    // Not written at all (a file written again, even with the same bytes, is another file: another inode and status change time).
    assert.deepEqual(await madeAt(), yearsBefore, 'the year downloads were not written');
    assert.deepEqual(after, await clean());
  });

  it('after a figure changed, makes the year\'s summary page again with it (Eleventy\'s data changed), and equals a clean build', async () => {
    const file = path.join(reports, '2021', 'hengshan-zhen.yaml');
    const text = await readFile(file, 'utf8');
    const changed = text.replace('规章: {本年制发件数: 2,', '规章: {本年制发件数: 3,');
    assert.notEqual(changed, text, 'the fixture has the figure to change');
    await writeFile(file, changed);
    const before = await snapshot(site);
    const eleventyBefore = readManifest(site)?.eleventy?.key;
    assert.ok((await build({ reportsDir: reports, outDir: site, ...SEARCH })).built);
    const after = await snapshot(site);
    assert.notEqual(readManifest(site)?.eleventy?.key, eleventyBefore);
    assert.notEqual(after['2021/index.html'], before['2021/index.html'], 'the year page, which sums the figure, was made again');
    assert.deepEqual(after, await clean());
  });

  it('after a title changed, with a summary page damaged by hand or the summaries\' record unreadable, works the summaries out again and equals a clean build', async () => {
    const file = path.join(reports, '2020', 'jia-erzhen.yaml');
    const edit = async (mark: string) => writeFile(file, (await readFile(file, 'utf8')).replace(/^(标题: .*)$/m, `$1${mark}`));
    // A region of two agencies: a summary page of its own (not folded).
    const region = 'regions/2020/河北省/保定市/甲县/index.html';
    assert.ok(region in (await snapshot(site)), 'the site has the region page');
    await edit('（一）');
    await writeFile(path.join(site, region), 'changed by hand');
    const repaired = await build({ reportsDir: reports, outDir: site, ...SEARCH });
    assert.ok(repaired.summary, 'a damaged summary page is made from the summaries');
    assert.deepEqual(await snapshot(site), await clean());
    await edit('（二）');
    await writeFile(summaryRecordFile(path.resolve(site)), '{"key": 1');
    const unread = await build({ reportsDir: reports, outDir: site, ...SEARCH });
    assert.ok(unread.summary, 'without the record the summaries are worked out');
    assert.deepEqual(await snapshot(site), await clean());
    await edit('（三）');
    assert.equal((await build({ reportsDir: reports, outDir: site, ...SEARCH })).summary, undefined, 'the record written again is used');
    assert.deepEqual(await snapshot(site), await clean());
    // The links kept for the page made: another page's put in their place, the file cut short, or gone.
    const linksFile = summaryLinksFile(path.resolve(site));
    const page = JSON.stringify('/2020/jia-erzhen/');
    const spoilt = [
      async () => {
        const lines = (await readFile(linksFile, 'utf8')).split('\n');
        const own = lines.findIndex((l) => l.startsWith(`[${page},`));
        const other = lines.findIndex((l, i) => i > 0 && i !== own && l.startsWith('['));
        assert.ok(own > 0 && other > 0, 'the links file has a line for each page');
        lines[own] = `[${page},${lines[other]!.slice(lines[other]!.indexOf(',') + 1)}`;
        await writeFile(linksFile, lines.join('\n'));
      },
      async () => writeFile(linksFile, (await readFile(linksFile, 'utf8')).slice(0, 60)),
      () => rm(linksFile),
    ];
    for (const [i, spoil] of spoilt.entries()) {
      await edit(`（${i + 4}）`);
      await spoil();
      const again = await build({ reportsDir: reports, outDir: site, ...SEARCH });
      assert.ok(again.summary, `links spoilt (${i}): the summaries are worked out`);
      assert.deepEqual(await snapshot(site), await clean());
    }
    await edit('（八）');
    assert.equal((await build({ reportsDir: reports, outDir: site, ...SEARCH })).summary, undefined, 'the links written again are used');
    assert.deepEqual(await snapshot(site), await clean());
  });

  it('after a second report in a region of one, makes the region\'s summary in place of the page leading on, and equals a clean build; and back', async () => {
    const town = (f: string) => path.join(site, 'regions/2020/河北省/保定市/甲县/一镇', f);
    const isMoved = async () => (await readFile(town('index.html'), 'utf8')).includes('<meta http-equiv="refresh"');
    assert.ok(await isMoved(), '一镇 has one report in 2020: its summary is folded into it');
    const text = await readFile(path.join(reports, '2020', 'jia-yizhen.yaml'), 'utf8');
    const second = text.replace('标识: jia-yizhen', '标识: jia-yizhen-cun').replace(/甲县一镇人民政府/g, '甲县一镇某村民委员会');
    const added = path.join(reports, '2020', 'jia-yizhen-cun.yaml');
    await writeFile(added, second);
    assert.ok((await build({ reportsDir: reports, outDir: site, ...SEARCH })).built);
    assert.ok(!(await isMoved()), 'two reports: a summary page of its own');
    const report = await readFile(path.join(site, '2020/jia-yizhen/index.html'), 'utf8');
    assert.match(report, /<a href="\/regions\/2020\/河北省\/保定市\/甲县\/一镇\/">一镇汇总<\/a>/);
    assert.deepEqual(await snapshot(site), await clean());
    await unlink(added);
    assert.ok((await build({ reportsDir: reports, outDir: site, ...SEARCH })).built);
    assert.ok(await isMoved(), 'one report again: folded again');
    assert.deepEqual(await snapshot(site), await clean());
    assert.deepEqual(await emptyFolders(site), []);
  });

  it('after a report was removed, removes its files and equals a clean build', async () => {
    const files = (await readdir(path.join(reports, '2021'))).sort();
    await unlink(path.join(reports, '2021', files.at(-1)!));
    const result = await build({ reportsDir: reports, outDir: site, ...SEARCH });
    assert.ok(result.removed >= 3, `${result.removed} files removed`);
    assert.deepEqual(await snapshot(site), await clean());
    assert.deepEqual(await emptyFolders(site), []);
  });

  it('after so many reports were removed that the index has fewer parts, has only the new parts and equals a clean build', async () => {
    const files = (await readdir(path.join(reports, '2020'))).sort();
    for (const f of files.slice(0, 2)) await unlink(path.join(reports, '2020', f));
    // Four reports left: two parts (of about two) instead of four.
    assert.equal(partCount(4, SEARCH.searchPartSize), 2);
    assert.ok((await build({ reportsDir: reports, outDir: site, ...SEARCH })).built);
    const after = await snapshot(site);
    assert.ok([...searchParts(after).keys()].every((part) => part === '0' || part === '1'), [...searchParts(after).keys()].join(' '));
    assert.deepEqual(after, await clean());
    assert.deepEqual(await emptyFolders(site), []);
    await recordHoldsOutput(path.resolve(site));
  });
});
