/**
 * What validation found in each report file last time. A file whose content hash is unchanged
 * is not validated again (a file of another size is not even read, and one the file system
 * shows untouched since it was checked is not read either: see `cachedResult`). Kept in .cache/nianbao/
 * and tied to a fingerprint of the code that validates, since a change in the schema or the
 * rules can change any file's diagnostics.
 *
 * The cache is an optimisation only: every entry is checked when read and dropped when it is
 * not what this code writes (the file is then validated again), and a cache that cannot be
 * read or written — missing, corrupt, on a full or read-only disk — never fails a command.
 */
import { createHash, hash as hashOnce, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, type Stats, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { cellIndex } from '../../schema/cell-values.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { CATALOGUE } from '../../schema/rules.ts';
import type { Diagnostic } from './diagnostic.ts';
import { type EntryRecord, type SparseValues, sparseValues } from './entry.ts';

/**
 * What the file system said of a file when it was read for validation: size in bytes, times in
 * ms since the epoch, and `checkedMs`, when it was read (this machine's clock). Absent (an
 * older cache) or not yet settled, they only mean the file's content is hashed next time.
 */
export interface FileStat {
  readonly size: number;
  readonly mtimeMs: number;
  /** Status change time: set by the system on every write, rename or change of times, never by a tool. */
  readonly ctimeMs?: number;
  /** Inode number (on Windows the file index); above 2 ** 53 it is rounded, the same way each time. */
  readonly ino?: number;
  readonly checkedMs?: number;
}

/** The file-system facts of `st`, read at `checkedMs`. */
export const fileStat = (st: Stats, checkedMs: number): FileStat => ({ size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, checkedMs });

/** One file's last validation. */
export interface CachedFile extends FileStat {
  readonly hash: string;
  /** Present when the report passed the schema. */
  readonly entry?: EntryRecord;
  /** The file's own diagnostics (cross-file ones are cached apart). */
  readonly diagnostics: readonly Diagnostic[];
}

export interface ValidationCache {
  readonly code: string;
  readonly files: Map<string, CachedFile>;
  /** Cross-year findings by `<this year's hash>:<last year's hash>`. */
  readonly crossYear: Map<string, readonly Diagnostic[]>;
  /**
   * The whole file the cache was read from (or last written to): its id and its entries,
   * without the changes written beside it since. `saveCache` writes only what differs from
   * these while that is little (see CHANGES_FILE).
   */
  saved?: SavedCache;
}

/** The cache's whole file as read or written: an id of that writing, and its entries. */
interface SavedCache {
  readonly id: string;
  readonly files: ReadonlyMap<string, CachedFile>;
  readonly crossYear: ReadonlyMap<string, readonly Diagnostic[]>;
}

/** Where caches live: NIANBAO_CACHE_DIR, else .cache/nianbao in the working folder. */
export function cacheDir(): string {
  return process.env.NIANBAO_CACHE_DIR ?? path.join('.cache', 'nianbao');
}

/** Whether caches are used: on unless NIANBAO_CACHE=0. */
export function cacheEnabled(): boolean {
  return process.env.NIANBAO_CACHE !== '0';
}

const FILE = 'validation.json';
/**
 * Beside the whole file, the entries that changed since it was written (a file's `null` when
 * it went), tied to that writing by its id: one clerk's edit then writes a few kilobytes, not
 * the whole cache (77 MB at 40,000 reports, some 1 s of a rebuild). Written whole again, and this file
 * removed, once the changes are more than CHANGES_SHARE of the entries.
 */
const CHANGES_FILE = 'validation-changes.json';
const CHANGES_SHARE = 0.02;
/** So few changes are always written beside, however small the cache. */
const CHANGES_MIN = 64;
/** The code whose change can change a diagnostic. */
const CODE = ['schema', 'src/load', 'package-lock.json'];

/** SHA-1 of text (as UTF-8) or bytes, in hex. One call, not a Hash object: some 250,000 keys of a build at 40,000 reports took 0.9 s the other way. */
export const sha1 = (data: string | Buffer): string => hashOnce('sha1', data, 'hex');

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Hash of files and folders (relative to the project root), by path and content, in a fixed order. */
export function hashTree(inputs: readonly string[]): string {
  const hash = createHash('sha1');
  const visit = (rel: string): void => {
    const abs = path.join(ROOT, rel);
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      try {
        hash.update(`${rel}\n`).update(readFileSync(abs));
      } catch {
        // Not there: it cannot change the output.
      }
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) visit(path.join(rel, e.name));
  };
  inputs.forEach(visit);
  return hash.digest('hex');
}

let fingerprint: string | undefined;

/** Fingerprint of the validating code: every file under `CODE`, by path and content. */
export function codeFingerprint(): string {
  return (fingerprint ??= hashTree(CODE));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
const HASH = /^[0-9a-f]{40}$/;

/** A diagnostic as this code writes it: a rule it knows, a position, a message. */
function isDiagnostic(v: unknown): v is Diagnostic {
  return (
    isObject(v) &&
    isString(v.file) &&
    isCount(v.line) &&
    isCount(v.column) &&
    isString(v.rule) &&
    Object.hasOwn(CATALOGUE, v.rule) &&
    (v.severity === 'error' || v.severity === 'warning' || v.severity === 'acknowledged') &&
    isString(v.message) &&
    ['statement', 'cell', 'note', 'suggestion', 'missing'].every((k) => optional(v[k], isString))
  );
}

const isDiagnostics = (v: unknown): v is Diagnostic[] => Array.isArray(v) && v.every(isDiagnostic);

/** Whether every item is a finite number or null (a plain loop: some 8 million cells at 40,000 reports). */
function allValues(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    if (x !== null && !(typeof x === 'number' && Number.isFinite(x))) return false;
  }
  return true;
}

/** `SparseValues` of `cells` cells: positions in range and rising, each value a finite number other than 0. */
function validSparse(v: unknown, cells: number): v is SparseValues {
  if (!isObject(v) || v.cells !== cells || !Array.isArray(v.nonzero) || !Array.isArray(v.blank) || v.nonzero.length % 2 !== 0) return false;
  for (let i = 0, last = -1; i < v.nonzero.length; i += 2) {
    const at = v.nonzero[i];
    const x = v.nonzero[i + 1];
    if (!(isCount(at) && at > last && at < cells && typeof x === 'number' && Number.isFinite(x) && x !== 0)) return false;
    last = at;
  }
  for (let i = 0, last = -1; i < v.blank.length; i++) {
    const at = v.blank[i];
    if (!(isCount(at) && at > last && at < cells)) return false;
    last = at;
  }
  return true;
}

/** A report entry of `file` with content hash `hash`: its edition known, one value per cell of it. */
function isEntry(v: unknown, file: string, hash: string): v is EntryRecord {
  if (!isObject(v) || v.file !== file || v.hash !== hash || !Object.hasOwn(EDITIONS, String(v.editionId))) return false;
  const cells = cellIndex(Number(v.editionId) as EditionId).size;
  const a = v.agency;
  return (
    typeof v.editionId === 'number' &&
    Number.isSafeInteger(v.year) &&
    isObject(a) &&
    isString(a.id) &&
    isString(a.name) &&
    isString(a.level) &&
    Array.isArray(a.region) &&
    a.region.every(isString) &&
    isString(v.title) &&
    (v.published === null || isString(v.published)) &&
    (Array.isArray(v.values) ? v.values.length === cells && allValues(v.values) : validSparse(v.values, cells)) &&
    Array.isArray(v.computed) &&
    v.computed.every((i) => isCount(i) && i < cells) &&
    isDiagnostics(v.diagnostics)
  );
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** One file's entry as this code writes it; anything else is not used. */
function isCachedFile(file: string, v: unknown): v is CachedFile {
  return isObject(v) && isCount(v.size) && isTime(v.mtimeMs) && optional(v.ctimeMs, isTime) && optional(v.ino, isTime) && optional(v.checkedMs, isTime) && isString(v.hash) && HASH.test(v.hash) && isDiagnostics(v.diagnostics) && optional(v.entry, (e) => isEntry(e, file, v.hash as string));
}

/** The pairs of a saved list that this code would write: [key, value] with a key and a value `valid` accepts. */
function* checkedPairs<V>(list: unknown, valid: (key: string, value: unknown) => value is V): Generator<[string, V]> {
  for (const pair of Array.isArray(list) ? list : []) {
    if (Array.isArray(pair) && pair.length === 2 && isString(pair[0]) && valid(pair[0], pair[1])) yield [pair[0], pair[1]];
  }
}

const diagnosticsOf = (_: string, v: unknown): v is Diagnostic[] => isDiagnostics(v);

/** A file's JSON, or undefined when it is missing, unreadable or not JSON. */
export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The cache of the current code, every entry checked: an entry of the wrong shape is left out
 * (its file is validated again). The changes written beside the whole file are applied when
 * they belong to that very writing (the same id), else ignored. Empty when the code changed,
 * or there is none or it is unreadable.
 */
export function openCache(dir = cacheDir()): ValidationCache {
  const code = codeFingerprint();
  const cache: ValidationCache = { code, files: new Map(), crossYear: new Map() };
  const saved = readJson(path.join(dir, FILE));
  if (!isObject(saved) || saved.code !== code) return cache; // No usable cache: everything is validated.
  for (const [file, entry] of checkedPairs(saved.files, isCachedFile)) cache.files.set(file, entry);
  for (const [key, found] of checkedPairs(saved.crossYear, diagnosticsOf)) cache.crossYear.set(key, found);
  if (!isString(saved.id)) return cache;
  cache.saved = { id: saved.id, files: new Map(cache.files), crossYear: new Map(cache.crossYear) };
  const changes = readJson(path.join(dir, CHANGES_FILE));
  if (!isObject(changes) || changes.code !== code || changes.of !== saved.id) return cache;
  for (const [file, entry] of checkedPairs(changes.files, (f, v): v is CachedFile | null => v === null || isCachedFile(f, v))) {
    if (entry === null) cache.files.delete(file);
    else cache.files.set(file, entry);
  }
  for (const [key, found] of checkedPairs(changes.crossYear, (k, v): v is Diagnostic[] | null => v === null || diagnosticsOf(k, v))) {
    if (found === null) cache.crossYear.delete(key);
    else cache.crossYear.set(key, found);
  }
  return cache;
}

/** What `now` holds that `before` does not (as the same object), and `before`'s keys that `now` lacks, as null. */
function changesOf<V>(before: ReadonlyMap<string, V>, now: ReadonlyMap<string, V>): [string, V | null][] {
  const out: [string, V | null][] = [];
  for (const [k, v] of now) if (before.get(k) !== v) out.push([k, v]);
  for (const k of before.keys()) if (!now.has(k)) out.push([k, null]);
  return out;
}

/**
 * How long a file must have been left alone before it was read, in ms, for the file system's
 * word to stand for its content next time: file times can be as coarse as 2 s (FAT), and a
 * write in the same tick as the read would leave them as they were.
 */
export const SETTLED_MS = 2000;

/**
 * Whether the file system vouches that a file is as it was read: same size, modification
 * time, status change time and inode, and both times at least SETTLED_MS older than the
 * reading. The status change time is what makes this safe: a copy with preserved times is a
 * new inode, and restoring a modification time changes the status change time (git tells
 * changed files from its index the same way, and for the same reason re-reads "racily clean" ones).
 */
export function unchangedSince(before: FileStat, now: FileStat): boolean {
  return (
    before.ctimeMs !== undefined &&
    before.checkedMs !== undefined &&
    now.size === before.size &&
    now.mtimeMs === before.mtimeMs &&
    now.ctimeMs === before.ctimeMs &&
    now.ino === before.ino &&
    Math.max(before.mtimeMs, before.ctimeMs) <= before.checkedMs - SETTLED_MS
  );
}

/**
 * The cached result for `file` if its content is unchanged since: the file system vouches for
 * it (`unchangedSince`), or else the size and the content hash are the same. In the second case
 * the result is a copy with what the file system says now, so that the next run need not read
 * the file (callers see it is not the cached object, and keep it).
 */
export function cachedResult(cache: ValidationCache, file: string): CachedFile | undefined {
  const before = cache.files.get(file);
  if (!before) return undefined;
  let bytes;
  let now: FileStat;
  try {
    const st = statSync(file);
    now = fileStat(st, Date.now());
    if (unchangedSince(before, now)) return before;
    if (st.size !== before.size) return undefined;
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (sha1(bytes) !== before.hash) return undefined;
  // Kept as it was unless the file system's facts changed or only now vouch for the file: the cache is not written again for nothing.
  const same = now.mtimeMs === before.mtimeMs && now.ctimeMs === before.ctimeMs && now.ino === before.ino;
  const settled = Math.max(now.mtimeMs, now.ctimeMs!) <= now.checkedMs! - SETTLED_MS;
  return same && !settled ? before : { ...before, ...now };
}

/** Write `text` to `file` atomically (a reader never sees half a file); throws, leaving no temporary file, when it cannot. */
export function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** A file's entry as the cache file keeps it: its values as `SparseValues`. */
function stored(file: CachedFile | null): CachedFile | null {
  const values = file?.entry?.values;
  return values && Array.isArray(values) ? { ...file!, entry: { ...file!.entry!, values: sparseValues(values) } } : file;
}

/**
 * Write the cache: only its changes since the whole file was written, while they are few (see
 * CHANGES_FILE), else the whole cache, and then the changes written beside the old one go.
 * Each write is atomic. A cache that cannot be written (a full or read-only disk, no
 * permission) is left as it was: the next run validates more.
 */
export function saveCache(cache: ValidationCache, dir = cacheDir()): void {
  try {
    mkdirSync(dir, { recursive: true });
    const saved = cache.saved;
    if (saved) {
      const files = changesOf(saved.files, cache.files);
      const crossYear = changesOf(saved.crossYear, cache.crossYear);
      if (files.length + crossYear.length <= Math.max(CHANGES_MIN, CHANGES_SHARE * (cache.files.size + cache.crossYear.size))) {
        writeAtomically(path.join(dir, CHANGES_FILE), JSON.stringify({ code: cache.code, of: saved.id, files: files.map(([f, e]) => [f, stored(e)]), crossYear }));
        return;
      }
    }
    const id = randomUUID();
    writeAtomically(path.join(dir, FILE), JSON.stringify({ code: cache.code, id, files: [...cache.files].map(([f, e]) => [f, stored(e)]), crossYear: [...cache.crossYear] }));
    cache.saved = { id, files: new Map(cache.files), crossYear: new Map(cache.crossYear) };
    // Changes of the file just replaced: they name its id, so they would be ignored; they go.
    rmSync(path.join(dir, CHANGES_FILE), { force: true });
  } catch {
    // Nothing more to tidy: the next run validates what it does not find.
  }
}
