/**
 * bin/nianbao.js runs the CLI compiled into dist/ while it matches the sources and the
 * TypeScript through tsx otherwise; `--help` and `validate` load none of the site's, the
 * importers' or the spreadsheet's packages. Checked on a copy of the project (so the working
 * tree's dist/ is left alone), with a module hook listing every module each run loads.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeCorpus } from '../../bench/generate.ts';
import { snapshot } from '../shared.ts';

const REPORT = 'reports/2020/luanzhou-leizhuang.yaml';
/** Packages only `build`, `serve`, `import` or `export` use. */
const HEAVY = ['@11ty/eleventy', 'pdfjs-dist', 'exceljs', 'mammoth', 'cheerio', 'pagefind', 'nunjucks', 'markdown-it', 'date-fns', 'csv-stringify'];

const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.MODULE_LOG, r.url + '\\n');
  return r;
}`;
// ESM imports through the hook; CommonJS requires from the require cache at exit.
const LOG = `
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
register(new URL('./hooks.mjs', import.meta.url));
const require = createRequire(import.meta.url);
process.on('exit', () => appendFileSync(process.env.MODULE_LOG, Object.keys(require.cache).map((f) => pathToFileURL(f).href + '\\n').join('')));
`;

let dir: string;
let calls = 0;

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** Every module URL the run loaded, relative to the project copy. */
  readonly modules: string[];
}

/** `node bin/nianbao.js …args` in the copy, as a clerk types it. */
function nianbao(...args: [...string[]] | [...string[], Record<string, string>]): Promise<Run> {
  const env = typeof args.at(-1) === 'object' ? (args.pop() as Record<string, string>) : {};
  const log = path.join(dir, `modules-${++calls}.txt`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', path.join(dir, 'log.mjs'), 'bin/nianbao.js', ...(args as string[])],
      { cwd: dir, env: { ...process.env, MODULE_LOG: log, NIANBAO_CACHE: '0', ...env } },
      async (error, out, err) => {
        const text = await readFile(log, 'utf8').catch(() => '');
        const root = new URL(`file://${dir}/`).href;
        const modules = [...new Set(text.split('\n').filter(Boolean))].map((u) => (u.startsWith(root) ? u.slice(root.length) : u));
        resolve({ code: error ? Number(error.code) : 0, out, err, modules });
      },
    );
  });
}

const compile = () =>
  new Promise<void>((resolve, reject) => execFile(process.execPath, ['bin/compile.js'], { cwd: dir }, (e) => (e ? reject(e) : resolve())));

const ranCompiled = (r: Run) => r.modules.includes('dist/cli.js') && !r.modules.some((m) => m.startsWith('src/'));
const ranSource = (r: Run) => r.modules.includes('src/cli.ts') && !r.modules.includes('dist/cli.js');
const heavyLoaded = (r: Run) => HEAVY.filter((p) => r.modules.some((m) => m.includes(`/node_modules/${p}/`)));

describe('the compiled CLI', () => {
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-compiled-'));
    for (const part of ['src', 'schema', 'bin', 'package.json', 'tsconfig.json']) await cp(part, path.join(dir, part), { recursive: true });
    await mkdir(path.join(dir, path.dirname(REPORT)), { recursive: true });
    await cp(REPORT, path.join(dir, REPORT));
    await symlink(path.resolve('node_modules'), path.join(dir, 'node_modules'), 'dir');
    await writeFile(path.join(dir, 'hooks.mjs'), HOOKS);
    await writeFile(path.join(dir, 'log.mjs'), LOG);
    await compile();
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('answers --help from dist/ without loading any command’s packages', async () => {
    const r = await nianbao('--help');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /用法：npx nianbao <命令>/);
    assert.ok(ranCompiled(r), r.modules.join('\n'));
    assert.deepEqual(heavyLoaded(r), []);
    assert.ok(!r.modules.some((m) => m.includes('/node_modules/tsx/')), 'tsx is not loaded');
  });

  it('validates one report from dist/ with only what validation needs', async () => {
    const r = await nianbao('validate', REPORT);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /共 1 份报告：0 个错误，0 个警告。/);
    assert.ok(ranCompiled(r), r.modules.join('\n'));
    assert.deepEqual(heavyLoaded(r), []);
  });

  it('validates many reports on worker threads that run the compiled task, not the TypeScript', async () => {
    // Enough reports for the corpus loader to use threads (src/load/corpus.ts); the module hook runs in each thread too.
    writeCorpus(path.join(dir, 'many'), 500, 4);
    const r = await nianbao('validate', 'many', { NIANBAO_WORKERS: '2' });
    assert.match(r.out, /共 500 份报告/, r.err);
    assert.ok(r.modules.includes('dist/load-task.js'), r.modules.join('\n'));
    // The thread's entry (src/parallel/worker.js) is JavaScript; no TypeScript is loaded anywhere.
    assert.ok(r.modules.includes('dist/cli.js') && !r.modules.some((m) => m.endsWith('.ts')), r.modules.join('\n'));
    assert.ok(!r.modules.some((m) => m.includes('/node_modules/tsx/')), 'tsx is not loaded');
    await rm(path.join(dir, 'many'), { recursive: true });
  });

  it('builds from dist/ while it is current, Eleventy given the compiled site modules; from the TypeScript once a source changed', async () => {
    for (const part of ['templates', '.eleventy.ts', 'docs']) await cp(part, path.join(dir, part), { recursive: true });
    // Enough reports for validation to use threads too (src/load/corpus.ts).
    writeCorpus(path.join(dir, 'many'), 400, 4);
    const built = await nianbao('build', '--reports', 'many', '--out', 'site-a', { NIANBAO_WORKERS: '2' });
    assert.equal(built.code, 0, built.err);
    assert.ok(built.modules.includes('dist/cli.js') && !built.modules.includes('src/cli.ts') && !built.modules.includes('src/build.ts'), built.modules.join('\n'));
    // Eleventy ran (a first build), its configuration through tsx, with the build's own site modules: not a second copy from src/.
    assert.ok(built.modules.includes('.eleventy.ts') && built.modules.includes('src/site/handoff.ts'), built.modules.join('\n'));
    assert.ok(!built.modules.includes('src/site/index.ts') && !built.modules.includes('src/site/corpus-source.ts'), built.modules.join('\n'));
    // Validation's and the pages' threads: the compiled tasks.
    assert.ok(built.modules.includes('dist/load-task.js') && built.modules.includes('dist/pages-task.js'), built.modules.join('\n'));

    const file = path.join(dir, 'src/site/pages-task.ts');
    const text = await readFile(file, 'utf8');
    await writeFile(file, `${text}\n// 已修改\n`);
    try {
      const stale = await nianbao('build', '--reports', 'many', '--out', 'site-b', { NIANBAO_WORKERS: '2' });
      assert.equal(stale.code, 0, stale.err);
      assert.ok(ranSource(stale) && stale.modules.includes('src/build.ts') && !stale.modules.some((m) => m.startsWith('dist/')), stale.modules.join('\n'));
      // The same site either way.
      assert.deepEqual(await snapshot(path.join(dir, 'site-b')), await snapshot(path.join(dir, 'site-a')));
    } finally {
      await writeFile(file, text);
      await rm(path.join(dir, 'many'), { recursive: true });
    }
  });

  it('still uses dist/ when a source is touched but not changed (a checkout)', async () => {
    const file = path.join(dir, 'src/cli/validate.ts');
    const later = new Date((await stat(file)).mtimeMs + 60_000);
    await utimes(file, later, later);
    const r = await nianbao('--help');
    assert.equal(r.code, 0, r.err);
    assert.ok(ranCompiled(r), r.modules.join('\n'));
  });

  it('runs the edited TypeScript, never the stale build, after a source changes; compiling again catches up', async () => {
    const file = path.join(dir, 'src/cli.ts');
    const text = await readFile(file, 'utf8');
    const edited = text.replace("'nianbao — ", "'nianbao（已修改）— ");
    assert.notEqual(edited, text);
    await writeFile(file, edited);
    const stale = await nianbao('--help');
    assert.equal(stale.code, 0, stale.err);
    assert.match(stale.out, /nianbao（已修改）— /);
    assert.ok(ranSource(stale), stale.modules.join('\n'));

    await compile();
    const fresh = await nianbao('--help');
    assert.match(fresh.out, /nianbao（已修改）— /);
    assert.ok(ranCompiled(fresh), fresh.modules.join('\n'));
  });

  it('runs the TypeScript when dist/ is missing', async () => {
    const moved = path.join(dir, 'dist-away');
    await cp(path.join(dir, 'dist'), moved, { recursive: true });
    await rm(path.join(dir, 'dist'), { recursive: true });
    try {
      const r = await nianbao('validate', REPORT);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /共 1 份报告/);
      assert.ok(ranSource(r), r.modules.join('\n'));
    } finally {
      await cp(moved, path.join(dir, 'dist'), { recursive: true });
    }
    // With dist/ back, a bad option stops build before it does anything, in the compiled CLI.
    const build = await nianbao('build', '--no-such-option');
    assert.equal(build.code, 2);
    assert.match(build.err, /不认识的选项 --no-such-option/);
    assert.ok(ranCompiled(build), build.modules.join('\n'));
  });
});
