/**
 * The built site as files: sitemap, canonical and Open Graph addresses, the 404 page, and
 * the weight of a report page. Builds the seed reports once into a temporary folder.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { build } from '../../src/build.ts';
import { deadLinks } from './links.ts';

const SITE_URL = 'https://www.example.gov.cn/nianbao/';
/** Compressed HTML + CSS a report page may weigh. */
const REPORT_BUDGET = 60 * 1024;

let dir: string;
let out: string;
let htmlFiles: string[];
/** The small pages left at folded pages' addresses (src/summary/fold.ts). */
let movedFiles: string[];

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nianbao-site-'));
  out = path.join(dir, 'site');
  process.env.NIANBAO_SITE_URL = SITE_URL;
  try {
    const result = await build({ reportsDir: 'reports', outDir: out });
    assert.ok(result.built, 'the seed reports build');
  } finally {
    delete process.env.NIANBAO_SITE_URL;
  }
  const all = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.html')).map((f) => f.split(path.sep).join('/'));
  const moved = await Promise.all(all.map(async (f) => (await readFile(path.join(out, f), 'utf8')).includes('<meta http-equiv="refresh"')));
  movedFiles = all.filter((_, i) => moved[i]);
  htmlFiles = all.filter((_, i) => !moved[i]);
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const load = async (file: string) => cheerio.load(await readFile(path.join(out, file), 'utf8'));
const urlOf = (file: string) => new URL(file.replace(/index\.html$/, ''), SITE_URL).href;

describe('sitemap.xml', () => {
  it('lists every page of the site but the 404 page, by absolute address under NIANBAO_SITE_URL', async () => {
    const xml = await readFile(path.join(out, 'sitemap.xml'), 'utf8');
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!).sort();
    const expected = htmlFiles.filter((f) => f !== '404.html').map(urlOf).sort();
    assert.deepEqual(locs, expected);
    assert.ok(locs.some((l) => l === `${SITE_URL}2020/laizhou-zhuqiao/`));
  });
});

describe('links', () => {
  it('every internal link and asset on every page leads to a file of the site', async () => {
    const { dead, checked } = await deadLinks(out, '/nianbao/', SITE_URL);
    assert.ok(checked > 200, `${checked} links checked`);
    assert.deepEqual(dead, []);
  });

  it('a folded page\'s address leads on to the page it was folded into, and is not indexed', async () => {
    // Every seed region has one report but 河北省 (two): its townships, counties and cities are folded.
    assert.ok(movedFiles.includes('regions/2020/河北省/唐山市/滦州市/雷庄镇/index.html'));
    assert.ok(movedFiles.includes('agencies/luanzhou-leizhuang/index.html'), 'a one-year history');
    assert.ok(htmlFiles.includes('regions/2020/河北省/index.html'));
    for (const file of movedFiles) {
      const $ = await load(file);
      assert.equal($('meta[name=robots]').attr('content'), 'noindex', file);
      const to = /url=(.*)$/.exec($('meta[http-equiv=refresh]').attr('content')!)![1]!;
      assert.equal($('body a').attr('href'), to, file);
      assert.ok(htmlFiles.includes(`${decodeURI(to).replace(/^\/nianbao\//, '')}index.html`), `${file} → ${to}`);
    }
    const $ = await load('regions/2020/河北省/唐山市/滦州市/雷庄镇/index.html');
    assert.equal($('body a').attr('href'), '/nianbao/2020/luanzhou-leizhuang/');
  });
});

describe('every page', () => {
  it('has a title, a description, a canonical address and Open Graph tags', async () => {
    for (const file of htmlFiles.filter((f) => f !== '404.html')) {
      const $ = await load(file);
      assert.ok($('title').text().trim(), `${file}: title`);
      assert.ok($('meta[name=description]').attr('content'), `${file}: description`);
      assert.equal($('link[rel=canonical]').attr('href'), urlOf(file), `${file}: canonical`);
      assert.equal($('meta[property="og:url"]').attr('content'), urlOf(file), `${file}: og:url`);
      for (const p of ['og:title', 'og:description', 'og:type', 'og:site_name', 'og:locale']) assert.ok($(`meta[property="${p}"]`).attr('content'), `${file}: ${p}`);
      assert.match($('.site-footer').text(), /CC BY 4\.0/, `${file}: licence in the footer`);
      assert.match($('.site-footer').text(), /联系发布该报告的行政机关/, `${file}: how to report an error`);
      // Links carry the path of the public address.
      assert.equal($('link[rel=stylesheet]').attr('href'), '/nianbao/assets/site.css');
    }
  });

  it('the 404 page is not indexed and leads back to browsing and search', async () => {
    const $ = await load('404.html');
    assert.equal($('meta[name=robots]').attr('content'), 'noindex');
    assert.equal($('link[rel=canonical]').length, 0);
    assert.deepEqual($('main a').map((_, a) => $(a).attr('href')).get(), ['/nianbao/', '/nianbao/search/']);
  });
});

describe('report pages', () => {
  it('need no JavaScript and weigh under 60 KB of compressed HTML + CSS', async (t) => {
    const css = gzipSync(await readFile(path.join(out, 'assets/site.css'))).length;
    const reports = htmlFiles.filter((f) => /^\d{4}\/[^/]+\/index\.html$/.test(f));
    assert.ok(reports.length >= 5, 'the seed report pages');
    for (const file of reports) {
      const raw = await readFile(path.join(out, file));
      assert.doesNotMatch(raw.toString('utf8'), /<script/i, `${file} has a script`);
      const html = gzipSync(raw).length;
      t.diagnostic(`${file}: HTML ${(raw.length / 1024).toFixed(1)} KB, gzip ${(html / 1024).toFixed(1)} KB + CSS gzip ${(css / 1024).toFixed(1)} KB = ${((html + css) / 1024).toFixed(1)} KB`);
      assert.ok(html + css < REPORT_BUDGET, `${file}: ${html + css} bytes compressed, budget ${REPORT_BUDGET}`);
    }
  });
});
