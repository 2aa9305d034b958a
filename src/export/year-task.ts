/**
 * Worker task: the all-agency downloads (CSV and XLSX) of some years, written below a folder
 * (see `writeYearData`). A year of 20,000 agencies is some 8 s of work and 290 collections of
 * the young heap; on a thread of its own it runs beside the rest of the build.
 */
import { CellValues } from '../../schema/cell-values.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import type { AgencyInfo, ReportEntry } from '../load/entry.ts';
import { runWorkers } from '../parallel/pool.ts';
import { writeYearData } from './files.ts';

/** What the year downloads print of a report, as sent between threads: its cells as numbers in cell order, NaN for blank. */
export interface YearRow {
  readonly file: string;
  readonly hash: string;
  readonly editionId: EditionId;
  readonly year: number;
  readonly agency: AgencyInfo;
  readonly title: string;
  readonly published: string | null;
  readonly numbers: Float64Array;
}

/** Input: the folder to write below, and each year with its reports in the files' order (see `byYear`). */
export interface YearDataInput {
  readonly dir: string;
  readonly years: readonly { readonly year: number; readonly reports: readonly YearRow[] }[];
}

/** A report as the year downloads need it, to send to the thread. */
export function yearRow(r: ReportEntry): YearRow {
  const editionId = r.edition.id as EditionId;
  const values = r.values instanceof CellValues ? r.values : CellValues.fromMap(editionId, r.values);
  return { file: r.file, hash: r.hash, editionId, year: r.year, agency: r.agency, title: r.title, published: r.published, numbers: values.numbers };
}

/** The report back, with what the year downloads do not print (diagnostics, computed totals) left empty. */
function entryOfRow(row: YearRow): ReportEntry {
  return {
    file: row.file,
    hash: row.hash,
    edition: EDITIONS[row.editionId],
    year: row.year,
    agency: row.agency,
    title: row.title,
    published: row.published,
    values: CellValues.fromArray(row.editionId, Array.from(row.numbers, (n) => (Number.isNaN(n) ? null : n))),
    computed: new Set(),
    diagnostics: [],
  };
}

export async function run(input: YearDataInput): Promise<void> {
  for (const { year, reports } of input.years) await writeYearData(input.dir, year, reports.map(entryOfRow));
}

/** Reports (in all the years to make) from which the year downloads are made on a thread of their own: below, starting it costs more than it saves. */
export const YEARS_ASIDE_FROM = 2000;

/**
 * Write the downloads of these years (see `writeYearData`) below `dir` on a worker thread,
 * the same files as on the main thread. Rejects as the thread's task failed (a full disk included).
 */
export async function writeYearsAside(dir: string, years: readonly (readonly [number, readonly ReportEntry[]])[]): Promise<void> {
  const input: YearDataInput = { dir, years: years.map(([year, reports]) => ({ year, reports: reports.map(yearRow) })) };
  await runWorkers(new URL('./year-task.ts', import.meta.url), [input], () => {});
}
