/**
 * Pages that repeat another are folded (src/summary/fold.ts) on a generated corpus: every
 * region of one report and every one-year agency history leads to the report, no internal
 * link of the built site leads nowhere, and what is folded is small.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeCorpus } from '../../bench/generate.ts';
import { build, type BuildResult } from '../../src/build.ts';
import { regionFold } from '../../src/summary/fold.ts';
import { regionUrl } from '../../src/summary/urls.ts';
import { deadLinks } from '../site/links.ts';

describe('regionFold', () => {
  it('folds a region of one report, and one with a single sub-region and no report of its own', () => {
    assert.equal(regionFold(1, 1, 0), 'single-report');
    assert.equal(regionFold(1, 0, 1), 'single-report');
    assert.equal(regionFold(5, 0, 1), 'single-child');
    assert.equal(regionFold(5, 1, 1), null, 'a report of its own besides one sub-region');
    assert.equal(regionFold(2, 2, 0), null);
    assert.equal(regionFold(2, 0, 2), null);
  });
});

describe('a generated corpus site', () => {
  let tmp: string;
  let site: string;
  let result: BuildResult;
  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'nianbao-fold-'));
    process.env.NIANBAO_CACHE_DIR = path.join(tmp, 'cache');
    // 61 reports: provincial, city and county departments, townships, and a last agency with 2020 only.
    writeCorpus(path.join(tmp, 'reports'), 61);
    site = path.join(tmp, 'site');
    result = await build({ reportsDir: path.join(tmp, 'reports'), outDir: site });
    assert.ok(result.built);
  });
  after(async () => {
    delete process.env.NIANBAO_CACHE_DIR;
    await rm(tmp, { recursive: true, force: true });
  });

  it('makes a summary page for exactly the regions that do not repeat another page', async () => {
    // Counted again here, from the reports alone.
    const nodes = new Map<string, { reports: number; here: number; children: Set<string> }>();
    for (const r of result.corpus.reports) {
      r.agency.region.forEach((_, d) => {
        const key = JSON.stringify([r.year, ...r.agency.region.slice(0, d + 1)]);
        const n = nodes.get(key) ?? { reports: 0, here: 0, children: new Set<string>() };
        n.reports++;
        if (d === r.agency.region.length - 1) n.here++;
        else n.children.add(r.agency.region[d + 1]!);
        nodes.set(key, n);
      });
    }
    let single = 0;
    for (const [key, n] of nodes) {
      const [year, ...p] = JSON.parse(key) as [number, ...string[]];
      const html = await readFile(path.join(site, decodeURI(regionUrl(year, p)), 'index.html'), 'utf8');
      const moved = html.includes('<meta http-equiv="refresh"');
      assert.equal(moved, n.reports === 1 || (n.here === 0 && n.children.size === 1), key);
      if (n.reports === 1) single++;
      if (moved) assert.ok(html.length < 1024, `${key}: ${html.length} bytes`);
    }
    assert.ok(single > 20, `${single} regions of one report`);
    assert.equal(result.summary!.moved.filter((m) => m.url.startsWith('/regions/')).length, [...nodes.values()].filter((n) => n.reports === 1 || (n.here === 0 && n.children.size === 1)).length);
    // The last agency has a 2020 report only: its history is folded into it.
    const ids = result.corpus.reports.map((r) => r.agency.id);
    const once = result.corpus.reports.filter((r) => ids.indexOf(r.agency.id) === ids.lastIndexOf(r.agency.id));
    assert.equal(once.length, 1);
    const last = once[0]!;
    const history = await readFile(path.join(site, 'agencies', last.agency.id, 'index.html'), 'utf8');
    assert.match(history, new RegExp(`url=/2020/${last.agency.id}/"`));
    const page = await readFile(path.join(site, '2020', last.agency.id, 'index.html'), 'utf8');
    assert.ok(!page.includes(`/agencies/${last.agency.id}/`), 'its report page does not link its folded history');
    assert.match(page, /本机关只有本年度的报告/);
  });

  it('has no internal link that leads nowhere, and the crawl finds one that does', async () => {
    const { dead, checked } = await deadLinks(site);
    assert.ok(checked > 2000, `${checked} links checked`);
    assert.deepEqual(dead, []);
    const sitemap = await readFile(path.join(site, 'sitemap.xml'), 'utf8');
    for (const m of result.summary!.moved) assert.ok(!sitemap.includes(`${m.url}<`), `${m.url} is not in the sitemap`);
    // A report page removed: the links to it are found dead.
    const victim = (await readdir(path.join(site, '2021')))[0]!;
    await unlink(path.join(site, '2021', victim, 'index.html'));
    const after = await deadLinks(site);
    assert.ok(after.dead.some((d) => d.href === `/2021/${victim}/`), JSON.stringify(after.dead.slice(0, 3)));
    assert.ok((await stat(path.join(site, '2021'))).isDirectory());
  });
});
