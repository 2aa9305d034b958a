import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { build } from '../../src/build.ts';
import { snapshot } from '../shared.ts';

const run = promisify(execFile);

describe('the build', () => {
  let tmp: string;
  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'nianbao-build-'));
  });
  after(() => rm(tmp, { recursive: true, force: true }));

  it('is byte-identical when run twice', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    assert.ok((await build({ outDir: a })).built);
    assert.ok((await build({ outDir: b })).built);
    const [sa, sb] = [await snapshot(a), await snapshot(b)];
    assert.ok(Object.keys(sa).length >= 7);
    assert.deepEqual(sa, sb);
  });

  it('with three mistakes exits non-zero with three located Chinese messages and leaves the site untouched', async () => {
    const site = path.join(tmp, 'site');
    assert.ok((await build({ outDir: site })).built);
    const before = await snapshot(site);
    const bad = path.join(tmp, 'bad-reports');
    await mkdir(path.join(bad, '2020'), { recursive: true });
    await cp('reports/2020', path.join(bad, '2020'), { recursive: true });
    await cp('tests/fixtures/invalid/three-different-mistakes.yaml', path.join(bad, '2020', 'luanzhou-leizhuang.yaml'));
    const result = await run(process.execPath, ['bin/nianbao.js', 'build', '--reports', bad, '--out', site]).then(
      () => assert.fail('build should fail'),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    assert.equal(result.code, 1);
    const errors = result.stderr.split('\n').filter((l) => /  错误  /.test(l));
    assert.equal(errors.length, 3);
    for (const line of errors) assert.match(line, /luanzhou-leizhuang\.yaml:\d+:\d+  (SCHEMA-[A-Z-]+|R\d)  错误  .*[\u4e00-\u9fff]/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    assert.match(result.stderr, /网站未生成，原有网站保持不变/);
    assert.deepEqual(await snapshot(site), before);
  });

  it('leaves the previous site untouched when a step fails midway, and cleans up', async () => {
    const site = path.join(tmp, 'site2');
    assert.ok((await build({ outDir: site })).built);
    const before = await snapshot(site);
    const failing = async () => {
      throw new Error('disk full');
    };
    // Remaking every file, and remaking a few after a report changed.
    await assert.rejects(build({ outDir: site, postBuild: [failing], clean: true }), /disk full/);
    assert.deepEqual(await snapshot(site), before);
    const changed = path.join(tmp, 'changed-reports');
    await cp('reports', changed, { recursive: true });
    const file = path.join(changed, '2020', 'luanzhou-leizhuang.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('标题: 雷庄镇2020年度政府信息公开工作年度报告', '标题: 雷庄镇2020年度政府信息公开工作年度报告（更正）'));
    await assert.rejects(build({ reportsDir: changed, outDir: site, postBuild: [failing] }), /disk full/);
    assert.deepEqual(await snapshot(site), before);
    const leftovers = (await readdir(tmp)).filter((n) => n.startsWith('.site-'));
    assert.deepEqual(leftovers, []);
  });

  it('escapes hostile text in a report instead of publishing markup', async () => {
    const dir = path.join(tmp, 'hostile', '2020');
    await mkdir(dir, { recursive: true });
    const seed = await readFile('reports/2020/luanzhou-leizhuang.yaml', 'utf8');
    const hostile = seed
      .replace('标题: 雷庄镇2020年度政府信息公开工作年度报告', '标题: "雷庄镇<script>alert(1)</script>年度报告"')
      .replace('一、总体情况: |-\n', '一、总体情况: |-\n  <img src=x onerror=alert(2)> [链接](javascript:alert(3))\n\n');
    await writeFile(path.join(dir, 'luanzhou-leizhuang.yaml'), hostile);
    const out = path.join(tmp, 'hostile-site');
    assert.ok((await build({ reportsDir: path.join(tmp, 'hostile'), outDir: out })).built);
    const html = await readFile(path.join(out, '2020', 'luanzhou-leizhuang', 'index.html'), 'utf8');
    assert.doesNotMatch(html, /<script>alert|<img src=x|href="javascript:/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /&lt;img src=x onerror=alert\(2\)&gt;/);
  });
});
