/**
 * The record of the output (the manifest): what the last build wrote into an output folder —
 * every file's key, and each file's size and times as the build left them — kept in the cache
 * folder as JSON, read back with every entry checked, and the output compared with it.
 */
import { type Stats, existsSync, readFileSync, statSync } from 'node:fs';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { cacheDir, readJson, sha1, writeAtomically } from '../load/cache.ts';
import { runWorkers } from '../parallel/pool.ts';

/** What the last build wrote into an output folder: every file's key. */
export interface Manifest {
  readonly outDir: string;
  /** Path relative to the output → key; `pagefind/<part>/` stands for a part of the search index as a whole. */
  readonly files: Record<string, string>;
  /**
   * Size, modification time and status change time (ms) of every file as the build left it,
   * the index's included. The status change time is absent in records of earlier versions.
   */
  readonly stats: Record<string, FileStamp>;
  /** What Eleventy made last time, and the key of everything its pages print. */
  readonly eleventy?: { readonly key: string; readonly files: readonly string[]; readonly urls: readonly string[] };
  /**
   * The key of everything the build made the output from (code, settings, every report with its
   * diagnostics and history) and the pages it counted: a build with the same key and an intact
   * output has nothing to make. Absent in records of earlier versions.
   */
  readonly inputs?: { readonly key: string; readonly pages: number };
  /** The key of the summaries the output was made with (see `SummaryRecord`). Absent in records of earlier versions. */
  readonly summary?: string;
  /** How the record was read: its whole file and the changes beside it (see `CHANGES_SHARE`). Absent when not read from disk, or written by an earlier version. */
  readonly journal?: RecordJournal;
}

/**
 * The record's whole file as read — its id (a new one at each writing of the whole file) and how
 * many entries it holds — and the changes written beside it since, by path (`null`: no longer
 * in the record). A build writes only its changes while they are few (`saveRecordChanges`).
 */
export interface RecordJournal {
  readonly id: string;
  readonly entries: number;
  readonly files: ReadonlyMap<string, string | null>;
  readonly stats: ReadonlyMap<string, FileStamp | null>;
}

/**
 * What a build took from the summaries, kept beside the record of the output: a later build
 * whose summaries would have the same `key` (src/build.ts) takes this instead of working them
 * out again. Written whenever the summaries were worked out; used only with a record of the
 * output that names the same key.
 */
export interface SummaryRecord {
  readonly key: string;
  /** The summary pages' files (agency histories, comparisons, quality, folded and region pages); their keys are the record's. */
  readonly files: readonly string[];
  /** Site paths of those that go in the sitemap, in the order the build lists them. */
  readonly urls: readonly string[];
  /** Files of the folded pages (a small page leading on, not counted as a page). */
  readonly moved: readonly string[];
  /**
   * By report page: the SHA-1 of what it links to (`SiteSummary['reportLinks']`) as JSON text.
   * The links themselves are kept apart (`summaryLinksFile`), read only for the pages made.
   */
  readonly linkKeys: Readonly<Record<string, string>>;
}

/**
 * What the record keeps of a file: [size, mtimeMs, ctimeMs]. The status change time is set by
 * the system on every write and every change of times, so an edit by hand that keeps the size
 * and puts the modification time back is still told from the file the build left.
 */
export type FileStamp = readonly [size: number, mtimeMs: number, ctimeMs?: number];

/** The stamp of a file as the file system gives it now. */
export const stampOf = (st: Stats): FileStamp => [st.size, st.mtimeMs, st.ctimeMs];

/** The folder of the search index; each folder below it is a part, made and kept as one unit. */
export const SEARCH_DIR = 'pagefind/';
/** Whether a manifest's name stands for a part of the search index as a whole (a folder: `pagefind/<part>/`). */
export const isSearchUnit = (rel: string) => rel.startsWith(SEARCH_DIR) && rel.endsWith('/');

/** Where the record of `outDir` is kept: in the cache folder, named by a hash of the output's absolute path. */
export const manifestFile = (outDir: string) => path.join(cacheDir(), `site-${sha1(outDir).slice(0, 12)}.json`);

/**
 * Beside the record's whole file, what changed in it since (`saveRecordChanges`), or a mark that a
 * build is moving files into the output (the record then stands for nothing).
 */
export const recordChangesFile = (outDir: string) => manifestFile(outDir).replace(/\.json$/, '.changes.json');

/** Where the summaries a build of `outDir` took are kept: beside its record. */
export const summaryRecordFile = (outDir: string) => manifestFile(outDir).replace(/\.json$/, '.summary.json');

/**
 * Where the report pages' links of those summaries are kept: a line naming the summaries' key,
 * then a line for each page, `[page, links]` as JSON, found without reading the others.
 */
export const summaryLinksFile = (outDir: string) => manifestFile(outDir).replace(/\.json$/, '.links.jsonl');

/** Segments of a relative path, none empty, `.` or `..`, and no backslash or NUL in any, joined by `/`. */
const SAFE_REL = /^(?!\.\.?(?:\/|$))[^/\\\0]+(?:\/(?!\.\.?(?:\/|$))[^/\\\0]+)*$/;

/** A path a manifest may name: relative, forward slashes, no empty, `.` or `..` segment. */
const safeRel = (rel: unknown): rel is string => typeof rel === 'string' && SAFE_REL.test(rel);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A key the record may hold for `rel`. */
const validKey = (rel: string, key: unknown): key is string => typeof key === 'string' && (isSearchUnit(rel) ? safeRel(rel.slice(0, -1)) : safeRel(rel));
/** A stamp the record may hold for `rel` (two numbers in records of earlier versions). */
const validStamp = (rel: string, st: unknown): st is FileStamp =>
  safeRel(rel) && Array.isArray(st) && (st.length === 2 || st.length === 3) && Number.isFinite(st[0]) && Number.isFinite(st[1]) && (st.length === 2 || Number.isFinite(st[2]));

function eleventyOf(e: unknown): Manifest['eleventy'] {
  return isObject(e) && typeof e.key === 'string' && Array.isArray(e.files) && e.files.every(safeRel) && Array.isArray(e.urls) && e.urls.every((u) => typeof u === 'string' && u.startsWith('/'))
    ? { key: e.key, files: e.files as string[], urls: e.urls as string[] }
    : undefined;
}

function inputsOf(i: unknown): Manifest['inputs'] {
  return isObject(i) && typeof i.key === 'string' && Number.isSafeInteger(i.pages) && (i.pages as number) >= 0 ? { key: i.key, pages: i.pages as number } : undefined;
}

/**
 * The changes of a record's path → value list (`[path, value | null][]`), each applied to
 * `into` (null removes) and kept in the map returned; an entry of the wrong shape removes the
 * path (its file is then made again, and never removed on the record's word).
 */
function applyChanges<V>(list: unknown, into: Record<string, unknown>, valid: (rel: string, v: unknown) => v is V): Map<string, V | null> {
  const out = new Map<string, V | null>();
  for (const pair of Array.isArray(list) ? list : []) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') continue;
    const [rel, value] = pair as [string, unknown];
    if (value !== null && valid(rel, value)) {
      into[rel] = value;
      out.set(rel, value);
    } else {
      delete into[rel];
      out.set(rel, null);
    }
  }
  return out;
}

/**
 * The manifest of `outDir`, every entry checked: an entry of the wrong shape is dropped (its
 * file is then made again, and never removed on its word); undefined when there is none, it
 * is unreadable, of another folder, or a build was moving files into the output when it
 * stopped. The changes written beside its whole file are applied when they are of that very
 * writing (the same id); a changes file of no use as one (not JSON of changes) counts the
 * whole record unreadable.
 */
export function readManifest(outDir: string): Manifest | undefined {
  const raw = readJson(manifestFile(outDir));
  if (!isObject(raw) || !existsSync(outDir)) return undefined;
  const m = raw;
  if (m.outDir !== outDir || !isObject(m.files)) return undefined;
  // Over 200,000 entries each at 40,000 reports: checked where JSON.parse left them, an entry
  // of the wrong shape deleted, rather than copied into new objects (0.3 s at 40,000 reports).
  const files = m.files;
  let entries = 0;
  for (const rel of Object.keys(files)) {
    if (validKey(rel, files[rel])) entries++;
    else delete files[rel];
  }
  const stats = isObject(m.stats) ? m.stats : {};
  for (const rel of Object.keys(stats)) {
    if (validStamp(rel, stats[rel])) entries++;
    else delete stats[rel];
  }
  let rest: Record<string, unknown> = m;
  let journal: RecordJournal | undefined;
  if (typeof m.id === 'string') {
    const changesFile = recordChangesFile(outDir);
    const changes = existsSync(changesFile) ? readJson(changesFile) : {};
    if (!isObject(changes)) return undefined;
    if (changes.of === m.id) {
      if (changes.moving !== undefined) return undefined;
      journal = { id: m.id, entries, files: applyChanges(changes.files, files, validKey), stats: applyChanges(changes.stats, stats, validStamp) };
      rest = changes;
    } else journal = { id: m.id, entries, files: new Map(), stats: new Map() };
  }
  const eleventy = eleventyOf(rest.eleventy);
  const inputs = inputsOf(rest.inputs);
  return {
    outDir,
    files: files as Record<string, string>,
    stats: stats as Record<string, FileStamp>,
    ...(eleventy ? { eleventy } : {}),
    ...(inputs ? { inputs } : {}),
    ...(typeof rest.summary === 'string' ? { summary: rest.summary } : {}),
    ...(journal ? { journal } : {}),
  };
}

/**
 * The summaries a build of `outDir` kept with the given key, every entry checked; undefined
 * when there are none, they are unreadable, of another key, or any entry is of the wrong
 * shape (the summaries are then worked out again).
 */
export function readSummaryRecord(outDir: string, key: string): SummaryRecord | undefined {
  const r = readJson(summaryRecordFile(outDir));
  if (!isObject(r)) return undefined;
  if (r.key !== key || !Array.isArray(r.files) || !Array.isArray(r.urls) || !Array.isArray(r.moved) || !isObject(r.linkKeys)) return undefined;
  if (!r.files.every(safeRel) || !r.urls.every((u) => typeof u === 'string' && u.startsWith('/')) || !r.moved.every(safeRel)) return undefined;
  const linkKeys = r.linkKeys;
  for (const url of Object.keys(linkKeys)) if (typeof linkKeys[url] !== 'string') return undefined;
  return { key, files: r.files as string[], urls: r.urls as string[], moved: r.moved as string[], linkKeys: linkKeys as Record<string, string> };
}

/**
 * What each of `pages` links to, from the links kept with the summaries of `record` (the JSON
 * text each page's link key is the hash of); undefined when the file is missing, of other
 * summaries, or any page's line is missing or not what its key says (the summaries are then
 * worked out again). At 40,000 reports the file is 28 MB: it is searched, not parsed.
 */
export function readSummaryLinks(outDir: string, record: SummaryRecord, pages: readonly string[]): Map<string, unknown> | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(summaryLinksFile(outDir));
  } catch {
    return undefined;
  }
  const header = `${JSON.stringify({ key: record.key })}\n`;
  if (bytes.toString('utf8', 0, Buffer.byteLength(header)) !== header) return undefined;
  const out = new Map<string, unknown>();
  for (const page of pages) {
    const start = `\n[${JSON.stringify(page)},`;
    const at = bytes.indexOf(start);
    const end = at < 0 ? -1 : bytes.indexOf('\n', at + 1);
    if (end < 0) return undefined;
    // The line without its `[page,` and closing `]`: the links' JSON text, as hashed.
    const text = bytes.toString('utf8', at + Buffer.byteLength(start), end - 1);
    if (sha1(text) !== record.linkKeys[page]) return undefined;
    out.set(page, JSON.parse(text));
  }
  return out;
}

/**
 * Keep the summaries a build took, and the report pages' links by page as JSON text (each file
 * written atomically, the links first; like the record, not at all when that fails).
 */
export async function saveSummaryRecord(outDir: string, record: SummaryRecord, linksText: Readonly<Record<string, string>>): Promise<void> {
  if (!(await writeRecordFile(summaryLinksFile(outDir), [`${JSON.stringify({ key: record.key })}\n`, linksText, '\n'], (page, text) => `[${JSON.stringify(page)},${text as string}]`, '\n'))) return;
  await writeRecordFile(summaryRecordFile(outDir), [
    `{"key":${JSON.stringify(record.key)},"files":${JSON.stringify(record.files)},"urls":${JSON.stringify(record.urls)},"moved":${JSON.stringify(record.moved)},"linkKeys":{`,
    record.linkKeys,
    '}}',
  ]);
}

/**
 * Files of the last build that are not in the output as it left them — removed or changed
 * by hand (size, modification time or status change time differ) — and so must be made again. A part of the
 * search index is one unit: any of its files missing or changed counts it as damaged.
 */
export function damagedFiles(outDir: string, m: Manifest): Set<string> {
  const intact = (rel: string) => {
    const saved = m.stats[rel];
    if (!saved) return false;
    try {
      const st = statSync(path.join(outDir, rel));
      return st.isFile() && st.size === saved[0] && st.mtimeMs === saved[1] && (saved[2] === undefined || st.ctimeMs === saved[2]);
    } catch {
      return false;
    }
  };
  const damaged = new Set<string>();
  const units = unitFiles(Object.keys(m.stats));
  for (const rel of Object.keys(m.files)) {
    if (!isSearchUnit(rel)) {
      if (!intact(rel)) damaged.add(rel);
      continue;
    }
    const index = units.get(rel) ?? [];
    if (index.length === 0 || !index.every(intact)) damaged.add(rel);
  }
  return damaged;
}

/** The file's size and times, or undefined when it cannot be told (gone, no permission). */
export function statOrNot(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * The last build's Eleventy output when it stands as it was — made with the same key, and each
 * of its files recorded and not damaged — its files' keys then copied into `files`.
 */
export function keptEleventy(m: Manifest, key: string, damaged: ReadonlySet<string>, files: Record<string, string>): Manifest['eleventy'] {
  if (m.eleventy?.key !== key || !m.eleventy.files.every((rel) => rel in m.files && !damaged.has(rel))) return undefined;
  for (const rel of m.eleventy.files) files[rel] = m.files[rel]!;
  return m.eleventy;
}

/** Whether two records have the same keys with the same values. */
export function sameEntries(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}

/** The files of each part of the search index (`pagefind/<part>/…`) among `rels`, by part, in one pass. */
export function unitFiles(rels: Iterable<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rel of rels) {
    if (!rel.startsWith(SEARCH_DIR)) continue;
    const end = rel.indexOf('/', SEARCH_DIR.length);
    if (end < 0) continue;
    const unit = rel.slice(0, end + 1);
    const list = out.get(unit);
    if (list) list.push(rel);
    else out.set(unit, [rel]);
  }
  return out;
}
/** Entries of the record written at a time: its text is never held whole (at 40,000 reports, some 40 MB). */
const RECORD_CHUNK = 5000;
/**
 * A build writes only its changes beside the whole record while they are at most this share of
 * the whole file's entries (and always while they are CHANGES_MIN or fewer); past it, the
 * whole record is written again. At 40,000 reports the whole is 32 MB of some 420,000 entries
 * (0.6 s to write); a title edit changes a few thousand, the files of one part of the search index.
 */
const CHANGES_SHARE = 0.02;
const CHANGES_MIN = 64;

/**
 * Write what changed in the record of the output since `previous`, the record as this build
 * read it (with its journal), beside its whole file, atomically: the keys and stamps given
 * (null: no longer in the record) on top of the changes already beside it, and `next`'s other
 * fields. False, writing nothing, when the record has no id (an earlier version's), the
 * changes would be more than CHANGES_SHARE of its entries, or they cannot be written: the
 * caller then writes the whole record (`saveManifest`).
 */
export function saveRecordChanges(
  previous: Manifest,
  next: Pick<Manifest, 'outDir' | 'eleventy' | 'inputs' | 'summary'>,
  files: ReadonlyMap<string, string | null>,
  stats: ReadonlyMap<string, FileStamp | null>,
): boolean {
  const journal = previous.journal;
  if (!journal || previous.outDir !== next.outDir) return false;
  const allFiles = new Map([...journal.files, ...files]);
  const allStats = new Map([...journal.stats, ...stats]);
  if (allFiles.size + allStats.size > Math.max(CHANGES_MIN, CHANGES_SHARE * journal.entries)) return false;
  try {
    writeAtomically(recordChangesFile(next.outDir), JSON.stringify({ of: journal.id, files: [...allFiles], stats: [...allStats], eleventy: next.eleventy, inputs: next.inputs, summary: next.summary }));
    return true;
  } catch {
    return false;
  }
}

/**
 * Write the whole record of the output (atomically, a few thousand entries at a time) with a
 * new id; then the changes beside the old one go. A record that cannot be written only makes
 * the next build a full one.
 */
export async function saveManifest(manifest: Manifest): Promise<void> {
  const rest = { eleventy: manifest.eleventy, inputs: manifest.inputs, summary: manifest.summary };
  const written = await writeRecordFile(manifestFile(manifest.outDir), [
    `{"outDir":${JSON.stringify(manifest.outDir)},"id":${JSON.stringify(randomUUID())},"files":{`,
    manifest.files,
    '},"stats":{',
    manifest.stats,
    // The rest as JSON.stringify writes it, its fields after the stats: `,"eleventy":…}`, or `}` alone.
    `}${JSON.stringify(rest).replace(/^\{(?!\})/, ',').replace(/^\{/, '')}`,
  ]);
  // Only once the new whole file is in place: until then the changes (or the mark of a build moving files) stand beside the old.
  if (written) await rm(recordChangesFile(manifest.outDir), { force: true }).catch(() => {});
}

/**
 * Before a build moves files into the output: the record stands for nothing until it is written
 * again (a build stopped while moving is followed by one that makes and moves every file). A
 * record with an id is marked so beside its whole file (a few bytes); any other is removed.
 */
export async function markMoving(outDir: string, previous: Manifest | undefined): Promise<void> {
  if (previous?.journal) {
    try {
      writeAtomically(recordChangesFile(outDir), JSON.stringify({ of: previous.journal.id, moving: true }));
      return;
    } catch {
      // Removed instead.
    }
  }
  await rm(manifestFile(outDir), { force: true });
  await rm(recordChangesFile(outDir), { force: true });
}

/**
 * Write `file` atomically as text made of `pieces`: text as it is, and each record's entries
 * (`entry`, by default as `JSON.stringify` writes them; joined by `separator`) a few thousand at
 * a time, so that a record of 200,000 entries is never one string. Whether it was written: a file that cannot be written
 * is not written, and not an error (the cache folder only speeds builds up).
 */
async function writeRecordFile(
  file: string,
  pieces: readonly (string | Readonly<Record<string, unknown>>)[],
  entry: (key: string, value: unknown) => string = (k, v) => `${JSON.stringify(k)}:${JSON.stringify(v)}`,
  separator = ',',
): Promise<boolean> {
  const tmp = `${file}.${process.pid}.tmp`;
  let handle: FileHandle | undefined;
  try {
    await mkdir(cacheDir(), { recursive: true });
    handle = await open(tmp, 'w');
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        await handle.write(piece);
        continue;
      }
      const keys = Object.keys(piece);
      for (let i = 0; i < keys.length; i += RECORD_CHUNK) {
        const text = keys.slice(i, i + RECORD_CHUNK).map((k) => entry(k, piece[k])).join(separator);
        await handle.write(i === 0 ? text : `${separator}${text}`);
      }
    }
    await handle.close();
    handle = undefined;
    await rename(tmp, file);
    return true;
  } catch {
    await handle?.close().catch(() => {});
    await rm(tmp, { force: true }).catch(() => {});
    return false;
  }
}

/** A record of this size or more (some 10,000 files) is checked against the output on a thread of its own. */
const CHECK_ASIDE_FROM = 2 * 2 ** 20;

/**
 * Start telling which files of the last build are damaged (see `damagedFiles`) on a worker
 * thread, beside validation, when the record is `from` bytes or more; undefined when it is
 * smaller or absent.
 * Resolves to undefined, never rejects, when the thread fails or finds no record: the main
 * thread then tells them itself.
 */
export function checkOutputAside(outDir: string, from = CHECK_ASIDE_FROM): Promise<Set<string> | undefined> | undefined {
  const size = statOrNot(manifestFile(outDir))?.size ?? 0;
  if (size < from) return undefined;
  return runWorkers<{ outDir: string }, never, string[] | null>(new URL('./output-check-task.ts', import.meta.url), [{ outDir }], () => {}).then(
    ([damaged]) => (damaged ? new Set(damaged) : undefined),
    () => undefined,
  );
}
