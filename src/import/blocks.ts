/**
 * The common form every source format is read into: a sequence of prose lines and table
 * rows, each with where it came from, so every problem can be shown at its place.
 */

/** A paragraph line of running text. */
export interface LineBlock {
  readonly kind: 'line';
  readonly text: string;
  /** Where the line is in the source, in Chinese (第 12 行 / 第 3 页). */
  readonly where: string;
}

/** One table row as published: its cells in order, merged cells appearing once. */
export interface RowBlock {
  readonly kind: 'row';
  readonly cells: readonly string[];
  readonly where: string;
}

export type Block = LineBlock | RowBlock;

/** A problem found while importing, at a place in the source. */
export interface ImportIssue {
  readonly severity: 'error' | 'warning';
  readonly where: string;
  readonly message: string;
}

/** Thrown for a source that cannot be read at all (not a docx, a broken PDF…). */
export class ImportError extends Error {}
