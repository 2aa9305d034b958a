/** All report files under a folder → loaded reports and every diagnostic, collected together. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { META_KEYS } from '../../schema/report.ts';
import { chunks, runBatches, workerCount } from '../parallel/pool.ts';
import { type CachedFile, cachedResult, cacheEnabled, openCache, saveCache, sha1 } from './cache.ts';
import { crossYearDiagnostics, type Placement } from './cross-year.ts';
import { type Diagnostic, sortDiagnostics } from './diagnostic.ts';
import { entryFromRecord, type ReportEntry } from './entry.ts';
import { reloadValidReport } from './fast.ts';
import { type FileResult, validateFile } from './load-task.ts';
import type { LoadedReport } from './report.ts';
import { locate, parseYaml } from './yaml.ts';

/**
 * A lister of folders' names, lower-cased, each folder read once: null for a folder that
 * cannot be listed (each file in it is then asked about), empty for one that does not exist.
 */
function folderNames(): (dir: string) => ReadonlySet<string> | null {
  const listed = new Map<string, ReadonlySet<string> | null>();
  return (dir) => {
    let names = listed.get(dir);
    if (names !== undefined) return names;
    try {
      names = new Set(readdirSync(dir).map((n) => n.toLowerCase()));
    } catch (e) {
      names = (e as NodeJS.ErrnoException).code === 'ENOENT' ? new Set() : null;
    }
    listed.set(dir, names);
    return names;
  };
}

export interface Corpus {
  readonly reports: readonly ReportEntry[];
  readonly diagnostics: readonly Diagnostic[];
  readonly files: number;
}

/** Report files (.yaml/.yml) below a folder or given directly, sorted, as paths relative to cwd. */
export async function findReportFiles(targets: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  // Listed synchronously: nothing else runs meanwhile, and a folder of thousands lists faster so.
  const visit = (p: string): void => {
    let entries;
    try {
      entries = readdirSync(p, { withFileTypes: true });
    } catch {
      out.push(displayPath(p));
      return;
    }
    const shown = displayPath(p);
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const child = path.join(p, e.name);
      if (e.isDirectory()) visit(child);
      else if (/\.ya?ml$/i.test(e.name)) out.push(childPath(shown, e.name));
    }
  };
  for (const t of targets) visit(t);
  return [...new Set(out)].sort();
}

/** `displayPath(path.join(dir, name))` for a plain file name, given `displayPath(dir)`. */
const childPath = (shownDir: string, name: string): string => (shownDir === '' ? (name.startsWith('..') ? displayPath(name) : name) : `${shownDir.replace(/\/$/, '')}/${name}`);

/** A path as clerks see it in messages: relative inside the working folder, absolute outside it. */
function displayPath(file: string): string {
  const abs = path.resolve(file);
  const rel = path.relative(process.cwd(), abs);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel).split(path.sep).join('/');
}

/** How a corpus is loaded. */
export interface LoadOptions {
  /** Reuse and update the validation cache (see cache.ts); off unless asked for. */
  readonly cache?: boolean;
  /** Threads to validate on; by default one per core when there is enough to do. */
  readonly workers?: number;
  /**
   * Also read the same agency's reports of the year before and after, when they sit in the
   * reports folder beside a report's year folder but were not asked for, so the cross-year
   * rules (R5, R8) are checked for one file as `build` checks them. Their findings on the pair
   * are reported; nothing else of theirs is.
   */
  readonly neighbours?: boolean;
  /**
   * The reports folder: a file below it that is not in a year folder directly under it
   * (reports/x.yaml, reports/2020/sub/x.yaml) is a FILE-PATH error and is not published.
   */
  readonly reportsRoot?: string;
}

/** Reports of the same agency one year before and after each report, not among `have`. */
function neighbourFiles(reports: readonly ReportEntry[], have: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  // Names in each year folder (lower-cased: a file system may ignore case), read once: most
  // reports have no neighbour to look for, or one already among `have`. Null when the folder
  // cannot be listed; each file is then asked about.
  const namesIn = folderNames();
  const shown = new Map<string, string>();
  for (const r of reports) {
    const dir = path.dirname(r.file);
    if (!/^\d{4}$/.test(path.basename(dir))) continue;
    for (const year of [r.year - 1, r.year + 1]) {
      const yearDir = path.join(path.dirname(dir), String(year));
      const names = namesIn(yearDir);
      for (const ext of ['.yaml', '.yml']) {
        if (names && !names.has((r.agency.id + ext).toLowerCase())) continue;
        let shownDir = shown.get(yearDir);
        if (shownDir === undefined) shown.set(yearDir, (shownDir = displayPath(yearDir)));
        const file = childPath(shownDir, r.agency.id + ext);
        if (!have.has(file) && existsSync(file)) out.add(file);
      }
    }
  }
  return [...out].sort();
}

/** FILE-PATH errors of files not at <root>/<年度>/<文件>.yaml, by file. */
function misplaced(files: readonly string[], root: string | undefined): Map<string, Diagnostic> {
  const out = new Map<string, Diagnostic>();
  if (root === undefined) return out;
  const base = path.resolve(root);
  for (const file of files) {
    const rel = path.relative(base, path.resolve(file));
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const parts = rel.split(path.sep);
    if (parts.length === 2 && /^\d{4}$/.test(parts[0]!)) continue;
    const shown = displayPath(root);
    out.set(file, {
      file, line: 1, column: 1, rule: 'FILE-PATH', severity: 'error',
      message: `报告文件须放在 ${shown}/<年度>/ 文件夹中，如 ${shown}/2020/luanzhou-leizhuang.yaml；这个文件不在年度文件夹中，不会被发布。请把它移到其年度的文件夹中（文件名与机关标识一致）。`,
    });
  }
  return out;
}

/**
 * Files in a year folder (…/2021/x.yaml) with no file of the same name in the folder of the
 * year before (…/2020/x.yaml or .yml) among `files` — nor on disk, when `neighbours` are read —
 * so that no cross-year finding will be placed in them: their placement is not worked out.
 * A report whose 年度 or 标识 is not its path's is still compared; its findings are then placed
 * by reading it again (cross-year.ts), with the same result.
 */
function withoutYearBefore(files: readonly string[], neighbours: boolean): Set<string> {
  const have = new Set(files.map((f) => f.toLowerCase()));
  // Names in each year folder, lower-cased, read once (null when it cannot be listed): a file
  // whose name is not there is not on disk, and is not asked about (the year before the
  // corpus's first year has no folder at all).
  const namesIn = folderNames();
  const onDisk = (dir: string, name: string): boolean => {
    const names = namesIn(dir);
    return (names === null || names.has(name.toLowerCase())) && existsSync(`${dir}${name}`);
  };
  const out = new Set<string>();
  for (const file of files) {
    const m = /^((?:.*\/)?)(\d{4})\/([^/]+)\.ya?ml$/i.exec(file);
    if (!m) continue;
    const dir = `${m[1]}${Number(m[2]) - 1}/`;
    const candidates = [`${m[3]}.yaml`, `${m[3]}.yml`];
    if (candidates.some((c) => have.has(`${dir}${c}`.toLowerCase()) || (neighbours && onDisk(dir, c)))) continue;
    out.add(file);
  }
  return out;
}

/** Below this many files to validate, starting worker threads costs more than it saves. */
const PARALLEL_FROM = 400;

/**
 * Validate `files`, on worker threads when there are many: in batches, each to the next free
 * thread, so that threads finish together however their shares differ (reports of one edition
 * take longer) or the machine is shared. Each result goes to `onResult` as its batch arrives
 * (while the threads work on the next), in no particular order.
 */
async function validateFiles(files: readonly string[], workers: number | undefined, neighbours: boolean, onResult: (result: FileResult) => void): Promise<void> {
  const threads = Math.min(workers ?? workerCount(), Math.ceil(files.length / (PARALLEL_FROM / 2)));
  const unplaced = withoutYearBefore(files, neighbours);
  if (threads <= 1) {
    for (const f of files) onResult(validateFile(f, !unplaced.has(f)));
    return;
  }
  const size = Math.max(PARALLEL_FROM / 8, Math.ceil(files.length / (threads * 16)));
  const batches = chunks(files, Math.ceil(files.length / size)).map((f) => ({ files: f, unplaced: f.flatMap((file, i) => (unplaced.has(file) ? [i] : [])) }));
  let count = 0;
  await runBatches<{ files: string[]; unplaced: number[] }, FileResult[]>(new URL('./load-task.ts', import.meta.url), threads, batches[Symbol.iterator](), (part) => {
    count += part.length;
    for (const r of part) onResult(r);
    // Two batches a thread: a thread never waits while the main thread reads another's result.
  }, 2);
  if (count !== files.length) throw new Error(`校验线程只返回了 ${count} 个文件的结果（共 ${files.length} 个）。请重新运行。`);
}

/** Load and validate every report; reports of the same agency and year are an error. */
export async function loadCorpus(targets: readonly string[], options: LoadOptions = {}): Promise<Corpus> {
  const files = await findReportFiles(targets);
  const cache = options.cache && cacheEnabled() ? openCache() : undefined;
  const results = new Map<string, CachedFile>();
  const toValidate: string[] = [];
  // Files found unchanged whose file-system facts were brought up to date (see cachedResult).
  let refreshed = 0;
  for (const file of files) {
    const hit = cache && cachedResult(cache, file);
    if (hit) {
      results.set(file, hit);
      if (hit !== cache.files.get(file)) refreshed++;
    } else toValidate.push(file);
  }
  // Where each freshly validated report's cross-year findings would go (never cached).
  const placements = new Map<string, Placement>();
  const entries = new Map<string, ReportEntry>();
  await validateFiles(toValidate, options.workers, options.neighbours ?? false, (r) => {
    const { file, placement, ...cached } = r;
    results.set(file, cached);
    if (placement) placements.set(file, placement);
    // The entry is made as the result arrives, while the threads still work: every report's is needed.
    if (cached.entry) entries.set(file, entryFromRecord(cached.entry));
  });
  const entryOf = (file: string): ReportEntry | undefined => {
    let e = entries.get(file);
    const record = results.get(file)!.entry;
    if (!e && record) entries.set(file, (e = entryFromRecord(record)));
    return e;
  };
  const context: ReportEntry[] = [];
  let nearby: string[] = [];
  let neighboursValidated = 0;
  if (options.neighbours) {
    const asked = files.flatMap((f) => entryOf(f) ?? []);
    nearby = neighbourFiles(asked, new Set(files));
    for (const file of nearby) {
      const hit = cache && cachedResult(cache, file);
      if (!hit) neighboursValidated++;
      else if (hit !== cache.files.get(file)) refreshed++;
      const r = hit || (() => {
        const { file: _, placement, ...cached } = validateFile(file);
        if (placement) placements.set(file, placement);
        return cached;
      })();
      results.set(file, r);
      const e = entryOf(file);
      if (e) context.push(e);
    }
  }

  const diagnostics: Diagnostic[] = [];
  const reports: ReportEntry[] = [];
  const outside = misplaced(files, options.reportsRoot);
  for (const file of files) {
    const r = results.get(file)!;
    diagnostics.push(...r.diagnostics);
    const misplacedHere = outside.get(file);
    if (misplacedHere) diagnostics.push(misplacedHere);
    else if (r.entry) reports.push(entryOf(file)!);
  }
  const seen = new Map<string, ReportEntry>();
  for (const r of reports) {
    const key = `${r.year}/${r.agency.id}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, r);
      continue;
    }
    const parsed = parseYaml(readFileSync(r.file, 'utf8'));
    const pos = locate(parsed, [META_KEYS.agency, '标识']);
    diagnostics.push({ file: r.file, ...pos, rule: 'DUPLICATE-REPORT', severity: 'error', message: `机关标识 ${r.agency.id} 的 ${r.year} 年度报告已在 ${first.file} 中。每个机关每年只有一份报告：请删去其中一份，或改正机关标识。` });
  }
  // Cross-year rules join both the corpus list and the report's own notes.
  const pairsBefore = new Set(cache?.crossYear.keys());
  const crossYear = await crossYearDiagnostics([...reports, ...context], cache?.crossYear, options.workers, placements);
  for (const r of context) diagnostics.push(...(crossYear.get(r) ?? []));
  const withCrossYear = reports.map((r) => {
    const extra = crossYear.get(r);
    if (!extra) return r;
    diagnostics.push(...extra);
    return { ...r, diagnostics: [...r.diagnostics, ...extra] };
  });
  if (cache) {
    // Only the files of this run are kept: the cache does not grow with files long gone.
    const filesBefore = new Set(cache.files.keys());
    cache.files.clear();
    for (const file of [...files, ...nearby]) {
      const r = results.get(file)!;
      if (r.size >= 0) cache.files.set(file, r);
    }
    // Written only when it changed: every file was found in it as it was, and the same pairs of years.
    const same = <T>(a: ReadonlySet<T>, b: Iterable<T>, size: number) => a.size === size && [...b].every((k) => a.has(k));
    const unchanged = toValidate.length === 0 && neighboursValidated === 0 && refreshed === 0 && same(filesBefore, cache.files.keys(), cache.files.size) && same(pairsBefore, cache.crossYear.keys(), cache.crossYear.size);
    if (!unchanged) saveCache(cache);
  }
  return { reports: withCrossYear, diagnostics: sortDiagnostics(diagnostics), files: files.length };
}

/** A corpus report read in full again (prose and tables), with the diagnostics the corpus found for it. */
export async function reloadReport(entry: Pick<ReportEntry, 'file' | 'hash' | 'diagnostics'>): Promise<LoadedReport> {
  const text = readFileSync(entry.file, 'utf8');
  // A file changed since it was validated is an error, never a page made from unchecked content.
  const loaded = sha1(text) === entry.hash ? reloadValidReport(text, entry.file).loaded : undefined;
  if (!loaded) throw new Error(`${entry.file} 在处理期间被改动，已不能通过校验。请重新运行。`);
  return { ...loaded, diagnostics: entry.diagnostics };
}
