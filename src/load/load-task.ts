/**
 * Validation of a share of the report files, run in a worker thread (see src/parallel/pool.ts)
 * or inline for a few files: read, hash, validate the fast way, and return what the corpus
 * and the cache keep — never whole reports.
 */
import { readFileSync, statSync } from 'node:fs';
import { proseSentences } from '../../schema/copying.ts';
import type { EditionId } from '../../schema/editions/index.ts';
import type { CachedFile } from './cache.ts';
import { fileStat, sha1 } from './cache.ts';
import { type Placement, placementOf } from './cross-year.ts';
import { recordOf } from './entry.ts';
import { decodeReport } from './encoding.ts';
import { loadReportFast } from './fast.ts';
import { systemErrorMessage } from './system-error.ts';

/** One file's validation, with the identity the cache keys it by. */
export interface FileResult extends CachedFile {
  readonly file: string;
  /** Where its cross-year findings would go, for a report read the fast way (not cached). */
  readonly placement?: Placement;
}

/**
 * Validate one file; an unreadable file is a located FILE-PATH error, never a crash. `placed`
 * false leaves out the placement of cross-year findings (a report with no report of the year
 * before has none; without one they are placed by reading the file again).
 */
export function validateFile(file: string, placed = true): FileResult {
  let buffer: Buffer;
  let st;
  try {
    st = statSync(file);
    buffer = readFileSync(file);
  } catch (e) {
    const message = systemErrorMessage(e, file) ?? `无法读取文件：${String((e as Error).message)}。请检查路径。`;
    return { file, size: -1, mtimeMs: -1, hash: '', diagnostics: [{ file, line: 1, column: 1, rule: 'FILE-PATH', severity: 'error', message }] };
  }
  // Taken after the reading: a file changed during it is then not vouched for by its times (cache.ts).
  const stat = fileStat(st, Date.now());
  const hash = sha1(buffer);
  const decoded = decodeReport(buffer, file);
  if (decoded.diagnostic) return { file, ...stat, hash, diagnostics: [decoded.diagnostic] };
  const counts = { full: 0 };
  const result = loadReportFast(decoded.text, file, counts);
  if (!result.loaded) return { file, ...stat, hash, diagnostics: result.diagnostics };
  const editionId = result.loaded.edition.id as EditionId;
  const sentences = proseSentences(editionId, result.loaded.report);
  // Read the fast way, the report's prose is the quick reader's, as the placement from its lines reads it.
  const placement = placed && counts.full === 0 ? placementOf(decoded.text, editionId, result.loaded.report as Record<string, unknown>, sentences) : undefined;
  return {
    file,
    ...stat,
    hash,
    diagnostics: result.diagnostics,
    entry: recordOf(result.loaded, hash, sentences),
    ...(placement ? { placement } : {}),
  };
}

/** Worker entry: validate `files` in order; those of `unplaced` (indexes) without a placement. */
export async function run(input: { readonly files: readonly string[]; readonly unplaced?: readonly number[] }): Promise<FileResult[]> {
  const unplaced = new Set(input.unplaced);
  return input.files.map((file, i) => validateFile(file, !unplaced.has(i)));
}
