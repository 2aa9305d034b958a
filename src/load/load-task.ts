/**
 * Validation of a share of the report files, run in a worker thread (see src/parallel/pool.ts)
 * or inline for a few files: read, hash, validate the fast way, and return what the corpus
 * and the cache keep — never whole reports.
 */
import { readFileSync, statSync } from 'node:fs';
import type { CachedFile } from './cache.ts';
import { sha1 } from './cache.ts';
import { entryOf, entryRecord } from './entry.ts';
import { decodeReport } from './encoding.ts';
import { loadReportFast } from './fast.ts';
import { systemErrorMessage } from './system-error.ts';

/** One file's validation, with the identity the cache keys it by. */
export interface FileResult extends CachedFile {
  readonly file: string;
}

/** Validate one file; an unreadable file is a located FILE-PATH error, never a crash. */
export function validateFile(file: string): FileResult {
  let buffer: Buffer;
  let st;
  try {
    st = statSync(file);
    buffer = readFileSync(file);
  } catch (e) {
    const message = systemErrorMessage(e, file) ?? `无法读取文件：${String((e as Error).message)}。请检查路径。`;
    return { file, size: -1, mtimeMs: -1, hash: '', diagnostics: [{ file, line: 1, column: 1, rule: 'FILE-PATH', severity: 'error', message }] };
  }
  const hash = sha1(buffer);
  const decoded = decodeReport(buffer, file);
  if (decoded.diagnostic) return { file, size: st.size, mtimeMs: st.mtimeMs, hash, diagnostics: [decoded.diagnostic] };
  const result = loadReportFast(decoded.text, file);
  return {
    file,
    size: st.size,
    mtimeMs: st.mtimeMs,
    hash,
    diagnostics: result.diagnostics,
    ...(result.loaded ? { entry: entryRecord(entryOf(result.loaded, hash)) } : {}),
  };
}

/** Worker entry: validate `files` in order. */
export async function run(input: { readonly files: readonly string[] }): Promise<FileResult[]> {
  return input.files.map(validateFile);
}
