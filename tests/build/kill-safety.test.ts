/**
 * A build killed at any moment (kill -9), or stopped by a full disk, leaves a state from which
 * the next build ends with a complete site — the one a build from nothing makes — and no
 * staging folders. The CLI runs as a clerk types it, with tests/build/fault.mjs loaded to kill
 * it or fail a write at a chosen file operation (counted in a first, traced run).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build, recoverStaleBuilds } from '../../src/build.ts';
import { snapshot } from '../shared.ts';
import { TWO_YEARS } from '../summary/fixture.ts';

const FAULT = path.join(import.meta.dirname, 'fault.mjs');

let tmp: string;
before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'nianbao-kill-'));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** `nianbao build …` of `root`/reports into `root`/site in a process of its own, optionally with a fault at a file operation under `root`. */
function cli(root: string, args: readonly string[], fault?: string): { status: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NIANBAO_CACHE_DIR: path.join(root, 'cache'), NIANBAO_FAULT_UNDER: root };
  delete env.NIANBAO_FAULT;
  if (fault) env.NIANBAO_FAULT = fault;
  const r = spawnSync(process.execPath, [...(fault ? ['--import', FAULT] : []), 'bin/nianbao.js', 'build', '--reports', path.join(root, 'reports'), '--out', path.join(root, 'site'), ...args], { env, encoding: 'utf8' });
  return { status: r.status, signal: r.signal, stderr: r.stderr, stdout: r.stdout };
}

/**
 * The site a build from nothing makes of `root`/reports (pages name their report file by its
 * path, so it is built from the same folder, into another output, without caches).
 */
async function reference(root: string): Promise<Record<string, string>> {
  const out = path.join(root, 'reference-site');
  const env: NodeJS.ProcessEnv = { ...process.env, NIANBAO_CACHE: '0' };
  const r = spawnSync(process.execPath, ['bin/nianbao.js', 'build', '--reports', path.join(root, 'reports'), '--out', out], { env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const site = await snapshot(out);
  await rm(out, { recursive: true, force: true });
  return site;
}

/**
 * The file operations of a run, counted by kind: in all, and before the first in the site
 * itself (`staging`: writes up to then make the new site beside the old one).
 */
function trace(root: string, args: readonly string[]): { all: Record<string, number>; staging: Record<string, number> } {
  const all: Record<string, number> = {};
  let staging: Record<string, number> | undefined;
  const r = cli(root, args, 'trace');
  assert.equal(r.status, 0, r.stderr);
  for (const m of r.stderr.matchAll(/^fault-trace (\w+) (.*)$/gm)) {
    const site = path.join(root, 'site');
    if (!staging && (m[2] === site || m[2]!.startsWith(`${site}${path.sep}`))) staging = { ...all };
    all[m[1]!] = (all[m[1]!] ?? 0) + 1;
  }
  return { all, staging: staging ?? all };
}

/** Folders a build stages in, left beside the site. */
const leftovers = async (root: string) => (await readdir(root)).filter((n) => n.startsWith('.site-'));


/** A state to start each kill from: reports, and (unless a first build) a site and caches made of `before`. */
interface Scenario {
  readonly name: string;
  readonly args: readonly string[];
  /** Make the starting state in `root`. */
  setup(root: string): Promise<void>;
}

const copyReports = (root: string) => cp(TWO_YEARS, path.join(root, 'reports'), { recursive: true });

/** One report's title changed and another report removed: pages made, moved and removed. */
async function changeReports(root: string): Promise<void> {
  const file = path.join(root, 'reports', '2020', 'jia-erzhen.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace(/^(标题: .*)$/m, '$1（更正）'));
  await rm(path.join(root, 'reports', '2021', 'hengshan-zhen.yaml'));
}

/** Build once (site and caches), then keep that state to put back before each kill. */
async function prebuilt(root: string, pristine: string): Promise<void> {
  if (!(await stat(pristine).catch(() => undefined))) {
    await mkdir(pristine, { recursive: true });
    const first = await mkdtemp(path.join(tmp, 'first-'));
    await copyReports(first);
    assert.equal(cli(first, []).status, 0);
    // Same absolute paths matter (the manifest is of one output folder): build where it will be used.
    await copyReports(root);
    await rm(first, { recursive: true, force: true });
    assert.equal(cli(root, []).status, 0);
    for (const d of ['site', 'cache']) await cp(path.join(root, d), path.join(pristine, d), { recursive: true, preserveTimestamps: true });
  }
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  await copyReports(root);
  for (const d of ['site', 'cache']) await cp(path.join(pristine, d), path.join(root, d), { recursive: true, preserveTimestamps: true });
}

const SCENARIOS: Scenario[] = [
  { name: 'a first build (no site yet)', args: [], setup: async (root) => copyReports(root) },
  { name: 'a clean build over a site (--clean)', args: ['--clean'], setup: (root) => prebuilt(root, path.join(tmp, 'pristine-clean')) },
  {
    name: 'an incremental build (one report changed, one removed)',
    args: [],
    setup: async (root) => {
      await prebuilt(root, path.join(tmp, 'pristine-incremental'));
      await changeReports(root);
    },
  },
];

for (const scenario of SCENARIOS) {
  describe(`kill -9 during ${scenario.name}`, () => {
    it('is followed by a build that ends with the complete site and no staging folders', async () => {
      const root = path.join(tmp, `kill-${SCENARIOS.indexOf(scenario)}`);
      await rm(root, { recursive: true, force: true });
      await mkdir(root, { recursive: true });
      await scenario.setup(root);
      const expected = await reference(root);
      const { all, staging } = trace(root, scenario.args);
      // Moments: halfway through staging; the first file moved into the site; halfway through
      // the moves; the last rename (the record of the output); the last removal.
      const w = staging.write ?? 0;
      const first = (staging.rename ?? 0) + 1;
      const r = all.rename ?? 0;
      const moments = [`write:${Math.ceil(w / 2)}`, `rename:${first}`, `rename:${Math.ceil((first + r) / 2)}`, `rename:${r}`];
      if ((all.unlink ?? 0) > (staging.unlink ?? 0)) moments.push(`unlink:${all.unlink}`);
      assert.ok(w > 10 && r > first, `the build was traced: ${JSON.stringify({ all, staging })}`);
      for (const moment of moments) {
        await rm(root, { recursive: true, force: true });
        await mkdir(root, { recursive: true });
        await scenario.setup(root);
        const killed = cli(root, scenario.args, `kill:${moment}`);
        assert.equal(killed.signal, 'SIGKILL', `killed at ${moment}: ${killed.stderr}`);
        const next = cli(root, []);
        assert.equal(next.status, 0, `after a kill at ${moment}: ${next.stderr}`);
        assert.deepEqual(await leftovers(root), [], `staging folders after a kill at ${moment}`);
        assert.deepEqual(await snapshot(path.join(root, 'site')), expected, `the site after a kill at ${moment}`);
      }
    });
  });
}

describe('a full disk', () => {
  it('stops the build with a Chinese message, removes what it staged and keeps the old site', async () => {
    const root = path.join(tmp, 'enospc');
    await mkdir(root, { recursive: true });
    await prebuilt(root, path.join(tmp, 'pristine-enospc'));
    await changeReports(root);
    const { all, staging } = trace(root, []);
    const w = staging.write!;
    assert.ok(all.write! > w, 'the build writes (makes folders) while moving files into the site');
    // Halfway through staging, its last write, and the first while moving (a folder made in the site).
    for (const n of [Math.ceil(w / 2), w, w + 1]) {
      await prebuilt(root, path.join(tmp, 'pristine-enospc'));
      await changeReports(root);
      const old = await snapshot(path.join(root, 'site'));
      const r = cli(root, [], `enospc:write:${n}`);
      if (r.status === 0) continue; // The write that failed was the validation cache's: see the next test.
      assert.equal(r.status, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /内部错误|ENOSPC|Error|at /);
      assert.deepEqual(await leftovers(root), []);
      if (n <= w) {
        assert.match(r.stderr, /^磁盘空间不足：生成新网站时磁盘已满。本次暂存的文件已删除，原有网站 .* 保持不变。请腾出磁盘空间/);
        assert.deepEqual(await snapshot(path.join(root, 'site')), old);
      } else {
        assert.match(r.stderr, /^磁盘空间不足：新网站移入 .* 时磁盘已满，网站只更新了一部分。请腾出磁盘空间后重新运行 build，它会把网站补全。/);
      }
      // With space again, the build completes.
      assert.equal(cli(root, []).status, 0);
      assert.deepEqual(await snapshot(path.join(root, 'site')), await reference(root));
    }
  });

  it('on the cache folder fails no command: validate and build work, only without the cache', async () => {
    const root = path.join(tmp, 'cache-full');
    await mkdir(root, { recursive: true });
    await copyReports(root);
    // Every write into the cache folder fails as on a full disk (first and all following: one per run is enough here).
    const env: NodeJS.ProcessEnv = { ...process.env, NIANBAO_CACHE_DIR: path.join(root, 'cache'), NIANBAO_FAULT_UNDER: path.join(root, 'cache'), NIANBAO_FAULT: 'enospc:write:1' } as NodeJS.ProcessEnv;
    const validate = spawnSync(process.execPath, ['--import', FAULT, 'bin/nianbao.js', 'validate', path.join(root, 'reports')], { env, encoding: 'utf8' });
    assert.equal(validate.status, 0, validate.stderr);
    assert.match(validate.stdout + validate.stderr, /共 7 份报告：0 个错误/);
    // A cache folder that cannot even be made (a file stands in its place).
    await writeFile(path.join(root, 'not-a-folder'), '');
    const blocked: NodeJS.ProcessEnv = { ...process.env, NIANBAO_CACHE_DIR: path.join(root, 'not-a-folder', 'cache') };
    delete blocked.NIANBAO_FAULT;
    const v2 = spawnSync(process.execPath, ['bin/nianbao.js', 'validate', path.join(root, 'reports')], { env: blocked, encoding: 'utf8' });
    assert.equal(v2.status, 0, v2.stderr);
    const b = spawnSync(process.execPath, ['bin/nianbao.js', 'build', '--reports', path.join(root, 'reports'), '--out', path.join(root, 'site')], { env: blocked, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    assert.deepEqual(await snapshot(path.join(root, 'site')), await reference(root));
  });

  it('on a real small disk (tmpfs, when it can be mounted): the same message, Pagefind’s included', async (t) => {
    const mnt = path.join(tmp, 'tmpfs');
    await mkdir(mnt, { recursive: true });
    // Room for the site and half as much again (measured on a build elsewhere): one site fits, a second beside it does not.
    const probe = path.join(tmp, 'tmpfs-probe');
    await copyReports(probe);
    const probeArgs = ['bin/nianbao.js', 'build', '--reports', path.join(probe, 'reports'), '--out', path.join(probe, 'site')];
    assert.equal(spawnSync(process.execPath, probeArgs, { env: { ...process.env, NIANBAO_CACHE_DIR: path.join(tmp, 'tmpfs-probe-cache') } }).status, 0);
    const siteKB = Number(spawnSync('du', ['-sk', path.join(probe, 'site')], { encoding: 'utf8' }).stdout.split('\t')[0]);
    assert.ok(siteKB > 0);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${Math.ceil(siteKB * 1.5) + 256}k`, 'tmpfs', mnt]).status !== 0) return t.skip('mounting a tmpfs needs root');
    try {
      await copyReports(mnt);
      const env = { ...process.env, NIANBAO_CACHE_DIR: path.join(tmp, 'tmpfs-cache') };
      const args = ['bin/nianbao.js', 'build', '--reports', path.join(mnt, 'reports'), '--out', path.join(mnt, 'site')];
      assert.equal(spawnSync(process.execPath, args, { env }).status, 0);
      const old = await snapshot(path.join(mnt, 'site'));
      // The site (about 2.7 MB) takes as much again while staged: a clean build cannot fit.
      const r = spawnSync(process.execPath, [...args, '--clean'], { env, encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /^磁盘空间不足：生成新网站时磁盘已满。本次暂存的文件已删除，原有网站 .* 保持不变。/m);
      assert.doesNotMatch(r.stderr, /panicked|内部错误|No space/);
      assert.deepEqual(await leftovers(mnt), []);
      assert.deepEqual(await snapshot(path.join(mnt, 'site')), old);
      // Pagefind alone on a full disk: its panic becomes the same kind of error.
      const { writeSearchIndex, SearchIndexError } = await import('../../src/site/search-index.ts');
      const { loadCorpus } = await import('../../src/load/corpus.ts');
      const corpus = await loadCorpus([path.join(mnt, 'reports')]);
      // Leave 40 KB free: less than the index of these reports needs.
      await rm(path.join(mnt, 'site'), { recursive: true, force: true });
      const fs = await statfs(mnt);
      await writeFile(path.join(mnt, 'fill'), Buffer.alloc(fs.bavail * fs.bsize - 40 * 1024));
      const err = await writeSearchIndex(path.join(mnt, 'index'), corpus).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof SearchIndexError, `Pagefind on a full disk: ${String(err)}`);
      assert.equal(err.diskFull, true);
    } finally {
      spawnSync('umount', [mnt]);
    }
  });
});

describe('what killed builds left', () => {
  /** The id of a process that has ended. */
  const deadPid = async () => {
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => child.on('exit', resolve));
    return child.pid!;
  };

  it('a build puts back the site a killed build moved aside, even when it stops at an error, and removes dead staging folders', async () => {
    const root = await mkdtemp(path.join(tmp, 'old-'));
    const dead = await deadPid();
    await mkdir(path.join(root, `.site-old-${dead}`));
    await writeFile(path.join(root, `.site-old-${dead}`, 'index.html'), 'the old site');
    await mkdir(path.join(root, `.site-build-${dead}`, '2020'), { recursive: true });
    await mkdir(path.join(root, `.site-eleventy-${dead}`));
    // A live process's staging folder is not touched.
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await mkdir(path.join(root, `.site-build-${live.pid}`));
      const reports = path.join(root, 'reports');
      await copyReports(root);
      const broken = path.join(reports, '2020', 'jia-erzhen.yaml');
      await writeFile(broken, `${await readFile(broken, 'utf8')}\n: oops`);
      const result = await build({ reportsDir: reports, outDir: path.join(root, 'site') });
      assert.equal(result.built, false);
      assert.equal(await readFile(path.join(root, 'site', 'index.html'), 'utf8'), 'the old site');
      assert.deepEqual(await leftovers(root), [`.site-build-${live.pid}`]);
    } finally {
      live.kill();
    }
  });

  it('leaves the site alone when it is there, removing the stale copy', async () => {
    const root = await mkdtemp(path.join(tmp, 'old2-'));
    const dead = await deadPid();
    await mkdir(path.join(root, 'site'));
    await writeFile(path.join(root, 'site', 'index.html'), 'the new site');
    await mkdir(path.join(root, `.site-old-${dead}`));
    await recoverStaleBuilds(path.join(root, 'site'));
    assert.equal(await readFile(path.join(root, 'site', 'index.html'), 'utf8'), 'the new site');
    assert.deepEqual(await leftovers(root), []);
  });
});
