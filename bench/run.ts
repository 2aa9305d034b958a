/**
 * `npm run bench`: first the CLI's start-up — `nianbao --help` and `validate` of one seed report,
 * each the median of 5 runs, as a clerk's edit–validate loop pays it — then builds synthetic
 * corpora of N = 1,000, 10,000 and 40,000 reports (BENCH_SIZES=1000,10000 for fewer, 0 for
 * none) and prints, for each: `validate` alone without and with
 * the validation cache, a build from nothing (no cache, no output), a no-change rebuild, a
 * one-file-changed rebuild, the time until `serve` shows a one-file change, the site's size (bytes,
 * files, largest file), the bare floor of issue 17 (js-yaml, one template, no schema) with build ÷
 * bare floor, and the project's floor
 * (bare parse + validate + Nunjucks render, 1 and 2 threads) with the ratio to it.
 * Every figure is measured on a child process with /usr/bin/time: wall, CPU (user + system)
 * and peak RSS. The load average is printed next to each figure: the machine is shared, so
 * trust ratios and CPU seconds more than wall seconds.
 *
 * BENCH_STEPS=startup,datasize,validate,build,bare,nochange,onefile,serve,floor,history,import picks steps (default
 * all; the rebuild steps need `build`; `bare` runs the bare floor (bench/bare-floor.ts) right
 * after the build from nothing and prints build ÷ bare floor; `import` scores every import input with a truth, bench/import.ts;
 * `datasize` prints the sizes of each report's JSON and CSV over the seed reports and 1,000 generated, bench/data-size.ts).
 * `history` makes a git repository of the corpus with three commits of changes (bench/history.ts)
 * and reads every report's revision history from it; `historybuild` (not run unless named) then
 * builds the site from that repository, adds a commit correcting 1 % of the reports and rebuilds.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { writeCorpus } from './generate.ts';
import { printSiteSize } from './site-size.ts';

const OUT = 'bench/out';
const SEED = 1;
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,40000').split(',').map(Number).filter((n) => n > 0);
const steps = new Set((process.env.BENCH_STEPS ?? 'startup,datasize,validate,build,bare,nochange,onefile,serve,floor,history,import').split(','));
/** The seed report validated in the start-up figure. */
const ONE_REPORT = 'reports/2020/luanzhou-leizhuang.yaml';
const STARTUP_RUNS = 5;

interface Figure {
  readonly n: number;
  readonly what: string;
  readonly wall: number;
  readonly cpu: number;
  readonly rssMB: number;
  readonly pages?: number;
  readonly load: string;
  readonly ok: boolean;
}

const figures: Figure[] = [];
/** Standard output of the last measured command. */
let lastStdout = '';

/** Run a command under /usr/bin/time; wall and CPU seconds, peak RSS; pages as the build prints them. */
function measure(n: number, what: string, cmd: readonly string[], pages?: number, env: NodeJS.ProcessEnv = {}): Figure {
  const timeFile = path.join(OUT, `time-${process.pid}.txt`);
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  const child = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', '-o', timeFile, ...cmd], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NIANBAO_CACHE_DIR: cacheDir(n), ...env } });
  lastStdout = child.stdout ?? '';
  const built = /网站共 (\d+) 个页面.*本次生成 (\d+) 个文件/.exec(child.stdout ?? '');
  if (built) pages = Number(built[1]);
  const [wall, rssKB, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number, number];
  rmSync(timeFile, { force: true });
  const ok = child.status === 0;
  if (!ok) console.error(`  ${what} exited with ${child.status}:\n${(child.stderr ?? '').split('\n').slice(-8).join('\n')}`);
  const f: Figure = { n, what, wall, cpu: user + sys, rssMB: Math.round(rssKB / 1024), ...(pages !== undefined ? { pages } : {}), load, ok };
  figures.push(f);
  print(f, built);
  return f;
}

/** One figure's line. */
function print(f: Figure, built?: RegExpExecArray | null): void {
  const { what, wall, pages, load } = f;
  const rate = pages ? `  ${Math.round(pages / wall)} pages/s` : '';
  const wrote = built ? `  ${built[2]} files written` : '';
  console.log(`  ${what.padEnd(34)} ${wall.toFixed(2).padStart(7)} s wall  ${f.cpu.toFixed(2).padStart(7)} s CPU  ${String(f.rssMB).padStart(5)} MB peak RSS${rate}${wrote}   (load ${load})`);
}

/**
 * A short command run STARTUP_RUNS times, quietly; the run of median wall time is kept and
 * printed. No validation cache: the clerk has just edited the file.
 */
function startup(what: string, cmd: readonly string[]): Figure {
  const log = console.log;
  const runs: Figure[] = [];
  console.log = () => {};
  try {
    for (let i = 0; i < STARTUP_RUNS; i++) runs.push(measure(0, what, cmd, undefined, { NIANBAO_CACHE: '0' }));
  } finally {
    console.log = log;
  }
  figures.splice(figures.length - runs.length, runs.length);
  const median = [...runs].sort((a, b) => a.wall - b.wall)[Math.floor(runs.length / 2)]!;
  figures.push(median);
  print(median);
  return median;
}

/** The corpus for N, generated once per generator version. */
function corpusFor(n: number): string {
  const dir = path.join(OUT, `corpus-${n}`);
  const stamp = createHash('sha256').update(readFileSync('bench/generate.ts')).update(readFileSync('src/write/report-yaml.ts')).update(`${n}/${SEED}`).digest('hex');
  const marker = path.join(OUT, `corpus-${n}.stamp`);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp && existsSync(dir)) return dir;
  const started = performance.now();
  writeCorpus(dir, n, SEED);
  writeFileSync(marker, stamp);
  console.log(`  (generated ${n} reports in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return dir;
}

/** Each corpus has its own cache folder, emptied where a step must start cold. */
const cacheDir = (n: number) => path.join(OUT, `cache-${n}`);

const node = process.execPath;
const cli = (...args: string[]) => [node, 'bin/nianbao.js', ...args];
const tsx = (...args: string[]) => [node, '--import', 'tsx', ...args];

/** Bytes and files of a built site, its largest file and its largest page (HTML). */
function siteSize(dir: string): { bytes: number; files: number; largest: { file: string; bytes: number }; largestPage: { file: string; bytes: number } } {
  let bytes = 0;
  let files = 0;
  let largest = { file: '', bytes: 0 };
  let largestPage = { file: '', bytes: 0 };
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = path.relative(dir, path.join(e.parentPath, e.name));
    const size = statSync(path.join(dir, file)).size;
    bytes += size;
    files++;
    if (size > largest.bytes) largest = { file, bytes: size };
    if (file.endsWith('.html') && size > largestPage.bytes) largestPage = { file, bytes: size };
  }
  return { bytes, files, largest, largestPage };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** The site's size, as `siteSize` finds it; its largest page stays small however large the corpus (long listings are split by region). */
function printSite(site: string): void {
  const s = siteSize(site);
  console.log(`  site: ${s.bytes.toLocaleString('en')} bytes (${(s.bytes / 2 ** 30).toFixed(2)} GB) in ${s.files.toLocaleString('en')} files; largest file ${s.largest.file} (${mb(s.largest.bytes)}); largest page ${s.largestPage.file} (${(s.largestPage.bytes / 1024).toFixed(0)} KB)`);
}

/**
 * The bare floor (bench/bare-floor.ts: js-yaml, one Nunjucks template, no schema, no
 * summaries) on 1 and 2 threads; the figure of smaller wall time is returned, to divide by.
 */
function bareFloor(n: number, corpus: string): Figure {
  const out = path.join(OUT, 'bare-floor-site');
  const runs = [1, 2].map((threads) => {
    const f = measure(n, `bare floor, ${threads} thread${threads > 1 ? 's' : ''}`, tsx('bench/bare-floor.ts', corpus, out, String(threads)), n);
    const s = siteSize(out);
    console.log(`    its site: ${s.bytes.toLocaleString('en')} bytes in ${s.files.toLocaleString('en')} files; largest ${s.largest.file} (${(s.largest.bytes / 1024).toFixed(0)} KB)`);
    return f;
  });
  rmSync(out, { recursive: true, force: true });
  return runs.reduce((a, b) => (b.wall < a.wall ? b : a));
}

mkdirSync(OUT, { recursive: true });
console.log(`nianbao bench — ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
if (steps.has('startup')) {
  const { compiledIsCurrent } = (await import('../bin/compile.js' as string)) as { compiledIsCurrent(): boolean };
  const how = compiledIsCurrent() ? 'the compiled CLI in dist/' : 'NO current dist/ (run npm run compile): through tsx';
  console.log(`\nStart-up, median of ${STARTUP_RUNS} runs — ${how}`);
  startup('nianbao --help', cli('--help'));
  startup('validate, one report (no cache)', cli('validate', ONE_REPORT));
}
if (steps.has('datasize')) {
  console.log('\nOpen data, one report\'s files');
  spawnSync(node, ['--import', 'tsx', 'bench/data-size.ts', 'reports', corpusFor(1000)], { stdio: 'inherit' });
}
for (const n of sizes) {
  console.log(`\nN = ${n}`);
  const corpus = corpusFor(n);
  const site = path.join(OUT, `site-${n}`);
  rmSync(site, { recursive: true, force: true });
  rmSync(cacheDir(n), { recursive: true, force: true });
  if (steps.has('validate')) {
    const cold = measure(n, 'validate, no cache', cli('validate', corpus));
    console.log(`  validate, no cache: ${((cold.cpu * 1000) / n).toFixed(2)} ms CPU a report`);
    measure(n, 'validate, from the cache', cli('validate', corpus));
  }
  const pages = n + 1;
  rmSync(cacheDir(n), { recursive: true, force: true });
  const clean = steps.has('build') ? measure(n, 'build from nothing (no cache)', cli('build', '--reports', corpus, '--out', site), pages) : undefined;
  if (clean) {
    printSite(site);
    printSiteSize(site);
  }
  const bare = steps.has('bare') ? bareFloor(n, corpus) : undefined;
  if (clean && bare) console.log(`  build ÷ bare floor: ${(clean.wall / bare.wall).toFixed(2)}× wall, ${(clean.cpu / bare.cpu).toFixed(2)}× CPU (bare floor, ${bare.what.replace(/^bare floor, /, '')})`);
  if (clean && steps.has('nochange')) measure(n, 'rebuild, no change', cli('build', '--reports', corpus, '--out', site), pages);

  // One clerk's edit, twice: first to the text (a correction in the preamble), which the
  // search index does not hold; then to the title, which it does (so the index is remade).
  // Each must show on that report's page.
  const files = spawnSync('find', [corpus, '-name', '*.yaml'], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
  const target = files[Math.floor(files.length / 2)]!;
  if (clean && steps.has('onefile')) {
    const original = readFileSync(target, 'utf8');
    const page = path.join(site, path.basename(path.dirname(target)), path.basename(target, '.yaml'), 'index.html');
    const edit = (what: string, from: string, change: (text: string, mark: string) => string) => {
      const mark = `（修订${Date.now()}）`;
      const text = change(from, mark);
      if (text === from) throw new Error(`${target}: nothing to change for "${what}"`);
      writeFileSync(target, text);
      measure(n, `rebuild, one file changed: ${what}`, cli('build', '--reports', corpus, '--out', site), pages);
      const shown = existsSync(page) && readFileSync(page, 'utf8').includes(mark);
      console.log(`  the change is visible in the page: ${shown ? 'yes' : 'NO'}`);
      return text;
    };
    const corrected = edit('its text', original, (t, mark) => t.replace(/^(  [^\s#].*)。$/m, `$1${mark}。`));
    edit('its title (searchable)', corrected, (t, mark) => t.replace(/^(标题: .*)$/m, `$1${mark}`));
    writeFileSync(target, original);
  }
  if (steps.has('serve')) {
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    const served = spawnSync(node, ['--import', 'tsx', 'bench/serve-latency.ts', corpus, site], { encoding: 'utf8', env: { ...process.env, NIANBAO_CACHE_DIR: cacheDir(n) } });
    const serveFigures = /\{.*\}/.exec(served.stdout ?? '')?.[0];
    if (serveFigures) {
      const { startupMs, latencyMs, rssMB } = JSON.parse(serveFigures) as { startupMs: number; latencyMs: number; rssMB: number };
      figures.push({ n, what: 'serve: one-file change visible', wall: latencyMs / 1000, cpu: NaN, rssMB, load, ok: latencyMs >= 0 });
      console.log(`  serve: one-file change visible in ${latencyMs} ms (startup ${(startupMs / 1000).toFixed(1)} s, peak RSS ${rssMB} MB)   (load ${load})`);
    } else console.error(`  serve latency could not be measured:\n${(served.stderr ?? '').split('\n').slice(-8).join('\n')}`);
  }

  if (steps.has('floor')) {
    const floor1 = measure(n, 'floor, 1 thread', tsx('bench/floor.ts', corpus, path.join(OUT, 'floor-site'), '1'), n);
    const floor2 = measure(n, 'floor, 2 threads', tsx('bench/floor.ts', corpus, path.join(OUT, 'floor-site'), '2'), n);
    rmSync(path.join(OUT, 'floor-site'), { recursive: true, force: true });
    const best = floor2.wall < floor1.wall ? floor2 : floor1;
    if (clean) console.log(`  build ÷ floor: ${(clean.wall / best.wall).toFixed(2)}× wall, ${(clean.cpu / floor2.cpu).toFixed(2)}× CPU (floor, 2 threads)`);
  }
  if (steps.has('history')) {
    const repo = path.join(OUT, `history-${n}`);
    const started = performance.now();
    const setup = spawnSync(node, ['--import', 'tsx', 'bench/history.ts', 'setup', corpus, repo], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    console.log(`  (git repository of ${n} reports, three commits touching ${JSON.parse(setup.stdout).touched} files, made in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const show = () => {
      const found = JSON.parse(lastStdout) as { revisions: number; corrections: number; ms: number; steps: Record<string, number> };
      const steps = Object.entries(found.steps).map(([k, v]) => `${k.replace(/^history: /, '')} ${v} ms`).join(', ');
      console.log(`    ${found.revisions} published versions, ${found.corrections} of them corrections; ${found.ms} ms in corpusHistory (${steps})`);
    };
    rmSync(path.join(cacheDir(n), 'history.json'), { force: true });
    measure(n, 'history: every report, one git pass', tsx('bench/history.ts', 'read', path.join(repo, 'reports'), 'cached'));
    show();
    measure(n, 'history: again, comparisons cached', tsx('bench/history.ts', 'read', path.join(repo, 'reports'), 'cached'));
    show();
    if (steps.has('historybuild')) {
      const histSite = path.join(OUT, `history-site-${n}`);
      rmSync(histSite, { recursive: true, force: true });
      measure(n, 'build from the repository (with history)', cli('build', '--reports', path.join(repo, 'reports'), '--out', histSite), pages);
      const more = spawnSync(node, ['--import', 'tsx', 'bench/history.ts', 'correct', repo], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      console.log(`  (one more commit correcting ${JSON.parse(more.stdout).touched} reports)`);
      measure(n, 'rebuild after that commit', cli('build', '--reports', path.join(repo, 'reports'), '--out', histSite), pages);
      rmSync(histSite, { recursive: true, force: true });
    }
    rmSync(repo, { recursive: true, force: true, maxRetries: 5 });
  }
}
const file = path.join(OUT, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
if (steps.has('import')) {
  console.log('');
  spawnSync(process.execPath, ['--import', 'tsx', 'bench/import.ts'], { stdio: 'inherit' });
}
console.log(`\nFigures saved to ${file}`);
