/**
 * What the summaries may read of a report: its entry without its title and its file's hash.
 * No summary page prints a title, and each page's key is made from `summaryDigest`s, not from
 * file hashes, so an edit to a title (or anything else the entry does not keep, such as prose
 * that leaves its sentences as they were) leaves every summary as it was — and the build can
 * take them from its last record instead of working them out again (src/build.ts).
 */
import { createHash } from 'node:crypto';
import { cellValuesOf, type ReportEntry } from '../load/entry.ts';

/** A report as the summaries see it: a `ReportEntry` is one, and the compiler keeps them from reading its title or hash. */
export type SummaryInput = Omit<ReportEntry, 'title' | 'hash'>;

/**
 * SHA-1 (hex) of everything a `SummaryInput` holds: file, year, edition, agency, publication
 * date, every cell's value (as the 8-byte numbers of `CellValues`, blank as NaN), the computed
 * totals, every diagnostic and the prose sentences' keys. Equal digests, equal summaries.
 */
export function summaryDigest(r: SummaryInput): string {
  const { numbers } = cellValuesOf(r);
  return createHash('sha1')
    .update(JSON.stringify([r.file, r.year, r.edition.id, r.agency, r.published, [...r.computed], r.diagnostics, r.sentences ?? null]))
    .update(new Uint8Array(numbers.buffer, numbers.byteOffset, numbers.byteLength))
    .digest('hex');
}
