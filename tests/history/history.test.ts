/**
 * Revision history from git, on a temporary repository: a report published, corrected twice
 * (a cell, then a sentence) and reformatted once has exactly two corrections with the right
 * before → after; its figures link to their lines at the commit the page is made from; the
 * Atom feed has what RFC 4287 requires; without history (shallow clone, no git) the build
 * says so once and publishes without; builds repeat byte for byte, and a rebuild makes again
 * only the pages whose history changed.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { build } from '../../src/build.ts';
import { HISTORY_NOTICES } from '../../src/history/git.ts';
import { snapshot } from '../shared.ts';
import { A, B, CELL, type CorrectedRepo, correctedRepo, lineOf } from './repo.ts';
import { cellAttribute, cellOfAttribute } from '../../src/site/table-view.ts';

const PATTERN = 'https://git.example.org/nianbao/blob/{commit}/{path}#L{line}';

let tmp: string;
let repo: string;
let r: CorrectedRepo;
let commits: CorrectedRepo['commits'];
let linesAt: CorrectedRepo['linesAt'];
const read = (rel: string) => r.read(rel);
const edit = (rel: string, from: string | RegExp, to: string) => r.edit(rel, from, to);
const git = (...args: string[]) => r.git(...args);

async function buildSite(out: string, env: Record<string, string | undefined> = {}) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  try {
    return await build({ reportsDir: path.join(repo, 'reports'), outDir: out });
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'nianbao-history-'));
  process.env.NIANBAO_CACHE_DIR = path.join(tmp, 'cache');
  repo = path.join(tmp, 'repo');
  r = correctedRepo(repo);
  ({ commits, linesAt } = r);
});

after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('revision history from git', () => {
  let site: string;
  let $: cheerio.CheerioAPI;
  before(async () => {
    site = path.join(tmp, 'site');
    const result = await buildSite(site, { NIANBAO_SOURCE_URL: PATTERN });
    assert.ok(result.built);
    assert.deepEqual(result.notices, []);
    $ = cheerio.load(readFileSync(path.join(site, '2020/laizhou-zhuqiao/index.html'), 'utf8'));
  });

  it('lists the first publication and exactly the two corrections, newest first; the reformatting is not one', () => {
    const items = $('#history ol.revisions > li');
    assert.equal(items.length, 3);
    assert.deepEqual(
      items.map((_, li) => $(li).attr('id')).get(),
      [commits.text, commits.cell, commits.first].map((c) => `v-${c!.slice(0, 7)}`),
    );
    assert.match($(items[0]).find('summary').text(), /2026年3月3日 · 更正 1 处文字 · 更正总体情况中的申请数 · [0-9a-f]{7}/);
    assert.match($(items[1]).find('summary').text(), /2026年3月2日 · 更正 1 个数字 · 更正表二规章本年新制作数量（原报告第2页）/);
    assert.match($(items[2]).text(), /2026年3月1日 · 首次发布 · 发布 2020 年度报告/);
    assert.match($('dl.meta').text(), /发布后更正 2 次，最近一次 2026年3月3日/);
  });

  it('shows the corrected cell with its statutory labels, before → after', () => {
    const rows = $(`#v-${commits.cell.slice(0, 7)} table.revision-cells tbody tr`);
    assert.equal(rows.length, 1);
    const cells = rows.first().children().map((_, c) => $(c).text()).get();
    assert.deepEqual(cells, ['表二：第二十条第（一）项 / 规章 · 本年新制作数量', '0', '3']);
  });

  it('shows the corrected sentence as a readable diff', () => {
    const v = $(`#v-${commits.text.slice(0, 7)}`);
    assert.equal(v.find('h3').text(), '一、总体情况');
    const passage = v.find('p.revision-text');
    assert.equal(passage.length, 1);
    assert.equal(passage.find('del').text(), '（删去：1）');
    assert.deepEqual(passage.find('ins').map((_, e) => $(e).text()).get(), ['（增加：2）', '（增加：均）']);
    assert.match(passage.text(), /收到信息公开申请 .*次，.*已公开。/);
    assert.equal(v.find('table').length, 0, 'no cell changed in this version');
  });

  it('links each figure to its line in the YAML at the commit the page is made from', () => {
    assert.notEqual(linesAt.first, linesAt.format, 'the reformatting moved the row');
    const a = $(`td[data-cell="${cellAttribute(2019, CELL)}"] a`);
    assert.equal(a.attr('href'), `https://git.example.org/nianbao/blob/${commits.format}/reports/2020/laizhou-zhuqiao.yaml#L${linesAt.format}`);
    assert.equal(a.text(), '3');
    // Every figure the report gives links to the line where it is written.
    const text = read(A).split('\n');
    const links = $('table.statutory td[data-cell] a');
    assert.ok(links.length > 100);
    links.each((_, el) => {
      const m = /#L(\d+)$/.exec($(el).attr('href')!)!;
      const id = cellOfAttribute(2019, $(el).closest('td').attr('data-cell')!);
      const key = id.split('/').at(-1)!;
      assert.ok(text[Number(m[1]) - 1]!.includes(`${key}:`), `${id} → line ${m[1]}`);
    });
    // Each prose section links to its key's line; each version to its whole file.
    const prose = $('#s一 .source-link a').attr('href')!;
    assert.equal(prose, `https://git.example.org/nianbao/blob/${commits.format}/reports/2020/laizhou-zhuqiao.yaml#L${lineOf(read(A), '一、总体情况:')}`);
    assert.equal($(`#v-${commits.cell.slice(0, 7)} a`).last().attr('href'), `https://git.example.org/nianbao/blob/${commits.cell}/reports/2020/laizhou-zhuqiao.yaml`);
  });

  it('puts the history in the report JSON', () => {
    const json = JSON.parse(readFileSync(path.join(site, 'data/2020/laizhou-zhuqiao.json'), 'utf8'));
    assert.deepEqual(
      json.history.map((v: { commit: string; first: boolean }) => [v.commit, v.first]),
      [
        [commits.text, false],
        [commits.cell, false],
        [commits.first, true],
      ],
    );
    assert.deepEqual(json.history[1].cells, [{ id: CELL, label: '表二：第二十条第（一）项 / 规章 · 本年新制作数量', before: 0, after: 3 }]);
    assert.match(json.history[0].text[0].after, /申请 2 次，均已公开。/);
    assert.equal(json.history[0].date, '2026-03-03T10:00:00+08:00');
  });

  it('lists the corrections on the data-quality page, newest first', () => {
    const q = cheerio.load(readFileSync(path.join(site, 'quality/index.html'), 'utf8'));
    const items = q('.corrections-list li');
    assert.equal(items.length, 2);
    assert.equal(q(items[0]).find('a').attr('href'), `/2020/laizhou-zhuqiao/#v-${commits.text.slice(0, 7)}`);
    assert.match(q(items[1]).text(), /更正 1 个数字：更正表二规章本年新制作数量/);
  });

  it('writes an Atom feed with every element RFC 4287 requires', () => {
    const text = readFileSync(path.join(site, 'feed.xml'), 'utf8');
    const x = cheerio.load(text, { xml: true });
    const feed = x.root().children();
    assert.equal(feed.length, 1);
    assert.ok(feed.is('feed'), 'the root element is atom:feed');
    assert.equal(feed.attr('xmlns'), 'http://www.w3.org/2005/Atom');
    const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
    const one = (parent: ReturnType<typeof x>, name: string, where = 'entry') => {
      const found = parent.children(name);
      assert.equal(found.length, 1, `exactly one atom:${name} in atom:${where}`);
      return found;
    };
    // 4.1.1: atom:feed has one id, title, updated; an author unless every entry has one; a self link.
    assert.ok(URL.canParse(one(feed, 'id', 'feed').text()));
    assert.ok(one(feed, 'title', 'feed').text());
    assert.match(one(feed, 'updated', 'feed').text(), RFC3339);
    assert.ok(one(feed, 'author', 'feed').children('name').text());
    assert.equal(feed.children('link[rel="self"]').attr('href'), 'https://nianbao.example.org/feed.xml');
    const entries = feed.children('entry');
    // Both reports' first publications and A's two corrections.
    assert.equal(entries.length, 4);
    const ids = new Set<string>();
    entries.each((_, e) => {
      const entry = x(e);
      const id = one(entry, 'id').text();
      assert.ok(URL.canParse(id));
      ids.add(id);
      assert.ok(one(entry, 'title').text());
      assert.match(one(entry, 'updated').text(), RFC3339);
      // 4.1.2: an entry without content has an alternate link, and a summary.
      assert.equal(entry.children('content').length, 0);
      assert.ok(entry.children('link[rel="alternate"]').attr('href'));
      assert.ok(one(entry, 'summary').text());
    });
    assert.equal(ids.size, 4, 'entry ids are unique');
    assert.equal(feed.children('updated').text(), '2026-03-03T10:00:00+08:00');
    assert.match(x(entries[0]).children('title').text(), /莱州市朱桥镇人民政府2020年度报告：更正 1 处文字/);
  });

  it('makes the same bytes again for the same commit', async () => {
    const again = path.join(tmp, 'again');
    assert.ok((await buildSite(again, { NIANBAO_SOURCE_URL: PATTERN, NIANBAO_CACHE: '0' })).built);
    assert.deepEqual(await snapshot(again), await snapshot(site));
  });

  it('makes again only the pages whose history changed', async () => {
    const page = (id: string) => path.join(site, `2020/${id}/index.html`);
    const aBefore = statSync(page('laizhou-zhuqiao')).ino;
    const bBefore = statSync(page('luanzhou-leizhuang')).ino;
    edit(B, /^标题: (.*)$/m, '标题: $1（更正）');
    git('commit', '-q', '-am', '更正标题');
    const result = await buildSite(site, { NIANBAO_SOURCE_URL: PATTERN });
    assert.ok(result.built);
    assert.equal(statSync(page('laizhou-zhuqiao')).ino, aBefore, 'the other report page was kept');
    assert.notEqual(statSync(page('luanzhou-leizhuang')).ino, bBefore);
    const b = cheerio.load(readFileSync(page('luanzhou-leizhuang'), 'utf8'));
    assert.match(b('#history .revision-fields').text(), /标题：.* → .*（更正）/);
  });
});

describe('without history', () => {
  it('outside a git repository: one notice, and the site is made', async () => {
    const plain = path.join(tmp, 'plain');
    mkdirSync(path.join(plain, 'reports/2020'), { recursive: true });
    writeFileSync(path.join(plain, A), read(A));
    const result = await build({ reportsDir: path.join(plain, 'reports'), outDir: path.join(tmp, 'plain-site') });
    assert.ok(result.built);
    assert.deepEqual(result.notices, [HISTORY_NOTICES.notRepo]);
  });
  it('in a shallow clone: one notice, and pages without history or source links', async () => {
    const shallow = path.join(tmp, 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
    const result = await build({ reportsDir: path.join(shallow, 'reports'), outDir: path.join(tmp, 'shallow-site') });
    assert.ok(result.built);
    assert.deepEqual(result.notices, [HISTORY_NOTICES.shallow]);
    const html = readFileSync(path.join(tmp, 'shallow-site/2020/laizhou-zhuqiao/index.html'), 'utf8');
    assert.ok(!html.includes('id="history"'));
    assert.ok(!html.includes('源文件'));
    // The feed falls back to each report's 发布日期 (B's original gives none).
    const feed = cheerio.load(readFileSync(path.join(tmp, 'shallow-site/feed.xml'), 'utf8'), { xml: true });
    assert.deepEqual(feed('entry > updated').map((_, e) => feed(e).text()).get(), ['2021-01-26T00:00:00+08:00']);
  });

  it('without git: the CLI says so once and builds the site', () => {
    const out = path.join(tmp, 'nogit-site');
    // A PATH with node and nothing else.
    const bin = path.join(tmp, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const run = spawnSync(process.execPath, ['bin/nianbao.js', 'build', '--reports', path.join(repo, 'reports'), '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, PATH: bin, NIANBAO_SOURCE_URL: PATTERN },
    });
    assert.equal(run.status, 0, run.stderr);
    const notices = run.stderr.split('\n').filter((l) => l.startsWith('注意：'));
    assert.deepEqual(notices, [`注意：${HISTORY_NOTICES.noGit}`]);
    const html = readFileSync(path.join(out, '2020/laizhou-zhuqiao/index.html'), 'utf8');
    assert.ok(!html.includes('id="history"'));
    assert.ok(!html.includes('git.example.org'), 'no source links without the commit they would point at');
  });
});
