// The compiled CLI: `npm ci` (the `prepare` script) and `npm run compile` bundle src/cli.ts and
// what it imports into dist/ with esbuild (which tsx already brings), so a call need not compile
// TypeScript at each start. Each command's own code is a chunk of its own, loaded only when that
// command runs. The packages that every validation uses (zod, yaml, js-yaml: plain JavaScript of
// many small modules) are bundled, since resolving their modules one by one costs more than
// running them; all other packages are loaded from node_modules as usual.
//
// dist/inputs.json lists every source file the bundle was made from with its size, modification
// time and SHA-1. bin/nianbao.js runs dist/ only while every one of them is unchanged (same size,
// and same modification time or, failing that, same content — a checkout touches files without
// changing them); otherwise it runs the TypeScript through tsx, so an edit is never run stale.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Where the compiled CLI is written (gitignored). */
export const DIST = 'dist';
const INPUTS = 'inputs.json';
/** Files that shape the output besides the sources esbuild reports. */
const RECIPE = ['bin/compile.js', 'tsconfig.json'];
/** Packages bundled into dist/ (see above); their files are inputs like the sources. */
const BUNDLED = ['zod', 'yaml', 'js-yaml'];
/**
 * Modules the CLI runs in worker threads (src/parallel/pool.ts), compiled beside it, so that a
 * worker starts without tsx (some 0.7 s of CPU each): source → compiled file. Workers share no
 * modules with the thread that starts them, so `build` and `serve`, which run through tsx, use
 * these too while they are current (see `compiledTasks`).
 */
const TASKS = {
  'src/load/load-task.ts': 'load-task',
  'src/load/cross-year.ts': 'cross-year-task',
  'src/site/pages-task.ts': 'pages-task',
  'src/site/output-check-task.ts': 'output-check-task',
};

/** Each task module's compiled file (relative to the project root), by its source path. */
const TASK_FILES = Object.fromEntries(Object.entries(TASKS).map(([source, name]) => [source, `${DIST}/${name}.js`]));

/**
 * The compiled task modules when dist/ was made from exactly the sources now present, else
 * undefined (the tasks then run their TypeScript through tsx). Asked once per process.
 */
let current;
export function compiledTasks(root = ROOT) {
  if (root !== ROOT) return compiledIsCurrent(root) ? TASK_FILES : undefined;
  current ??= { tasks: compiledIsCurrent(root) ? TASK_FILES : undefined };
  return current.tasks;
}

const sha1 = (data) => createHash('sha1').update(data).digest('hex');

/** Whether `root`/dist holds a CLI made from exactly the sources now present. */
export function compiledIsCurrent(root = ROOT) {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(path.join(root, DIST, INPUTS), 'utf8')).inputs;
  } catch {
    return false;
  }
  for (const [rel, was] of Object.entries(inputs)) {
    const file = path.join(root, rel);
    let st;
    try {
      st = statSync(file);
    } catch {
      return false;
    }
    if (st.size !== was.size) return false;
    if (st.mtimeMs !== was.mtimeMs && sha1(readFileSync(file)) !== was.sha1) return false;
  }
  return true;
}

/**
 * Code inside the bundle still finds files beside its source (worker task modules, the project
 * root): `import.meta.url` in each source file becomes that file's own URL, computed from the
 * bundle's place so the folder can be moved.
 */
const sourceUrls = (outdir) => ({
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const rel = path.relative(outdir, args.path).split(path.sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'ts' };
    });
  },
});

/** Every package the project depends on, by name. */
function packagesOf(root) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
}

/** Compile `root`/src/cli.ts into `root`/dist (written aside, then put in place whole). */
export async function compile(root = ROOT) {
  const { build } = await import('esbuild');
  const final = path.join(root, DIST);
  const stage = path.join(root, `${DIST}.${process.pid}.tmp`);
  rmSync(stage, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli.ts', ...Object.fromEntries(Object.entries(TASKS).map(([source, name]) => [name, source])) },
    outdir: stage,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: packagesOf(root).filter((name) => !BUNDLED.includes(name)),
    sourcemap: 'linked',
    // yaml's Node build is CommonJS and requires Node's modules.
    // The pool finds each task's compiled file by its source (dist/ is always beside src/).
    define: { __NIANBAO_COMPILED_TASKS__: JSON.stringify(TASK_FILES) },
    banner: { js: "import { createRequire as __nianbaoRequire } from 'node:module'; const require = __nianbaoRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceUrls(final)],
  });
  // Inputs in <…> are esbuild's own (the `define` above), not files.
  const files = [...Object.keys(result.metafile.inputs).filter((rel) => !rel.startsWith('<')), ...RECIPE].sort();
  const inputs = {};
  for (const rel of files) {
    const file = path.join(root, rel);
    const st = statSync(file);
    inputs[rel] = { size: st.size, mtimeMs: st.mtimeMs, sha1: sha1(readFileSync(file)) };
  }
  writeFileSync(path.join(stage, INPUTS), `${JSON.stringify({ inputs }, null, 1)}\n`);
  rmSync(final, { recursive: true, force: true });
  renameSync(stage, final);
  return files.length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const n = await compile();
  console.log(`已编译命令行到 ${DIST}/（${n} 个源文件，${Math.round(performance.now() - started)} ms）。`);
}
