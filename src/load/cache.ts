/**
 * What validation found in each report file last time. A file whose size and modification
 * time — or, failing those, whose content hash — are unchanged is not read or validated
 * again. Kept in .cache/nianbao/ and tied to a fingerprint of the code that validates,
 * since a change in the schema or the rules can change any file's diagnostics.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Diagnostic } from './diagnostic.ts';
import type { EntryRecord } from './entry.ts';

/** One file's last validation. */
export interface CachedFile {
  readonly size: number;
  readonly mtimeMs: number;
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
/** The code whose change can change a diagnostic. */
const CODE = ['schema', 'src/load', 'package-lock.json'];

export const sha1 = (data: string | Buffer): string => createHash('sha1').update(data).digest('hex');

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

/** The cache of the current code; empty when the code changed, or there is none or it is unreadable. */
export function openCache(dir = cacheDir()): ValidationCache {
  const code = codeFingerprint();
  try {
    const saved = JSON.parse(readFileSync(path.join(dir, FILE), 'utf8')) as { code: string; files: [string, CachedFile][]; crossYear: [string, Diagnostic[]][] };
    if (saved.code === code) return { code, files: new Map(saved.files), crossYear: new Map(saved.crossYear) };
  } catch {
    // No usable cache: everything is validated.
  }
  return { code, files: new Map(), crossYear: new Map() };
}

/** The cached result for `file` if the file is unchanged since. */
export function cachedResult(cache: ValidationCache, file: string): CachedFile | undefined {
  const before = cache.files.get(file);
  if (!before) return undefined;
  let st;
  try {
    st = statSync(file);
  } catch {
    return undefined;
  }
  if (before.size === st.size && before.mtimeMs === st.mtimeMs) return before;
  // Touched but maybe not changed (a checkout, a save without edits): compare content.
  if (before.size !== st.size) return undefined;
  return sha1(readFileSync(file)) === before.hash ? { ...before, mtimeMs: st.mtimeMs } : undefined;
}

/** Write the cache (atomically: a reader never sees half a file). */
export function saveCache(cache: ValidationCache, dir = cacheDir()): void {
  mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `${FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify({ code: cache.code, files: [...cache.files], crossYear: [...cache.crossYear] }));
  renameSync(tmp, path.join(dir, FILE));
}
