/**
 * A report as the corpus holds it: who published it, for which year, its cell values and
 * its diagnostics — not its prose or its table objects, which only its own page and data
 * files need and which are read again from the file when those are made. This keeps a
 * corpus of 40,000 reports small enough to hold at once and cheap to send between threads.
 */
import { CellValues, cellIndex } from '../../schema/cell-values.ts';
import { type KeyedSentence, proseSentences } from '../../schema/copying.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { META_KEYS } from '../../schema/report.ts';
import type { Values } from '../../schema/rules.ts';
import type { Edition } from '../../schema/template.ts';
import type { Diagnostic } from './diagnostic.ts';
import type { LoadedReport } from './report.ts';

/** The publishing agency as the report names it. */
export interface AgencyInfo {
  readonly id: string;
  readonly name: string;
  readonly region: readonly string[];
  readonly level: string;
  /** 机关 › 类型 (人民政府/政府部门/其他), when the report states it. */
  readonly kind?: string;
}

/** One report that passed the schema, as the corpus keeps it. */
export interface ReportEntry {
  readonly file: string;
  /** Content hash of the file: what every page made from this report is keyed on. */
  readonly hash: string;
  readonly edition: Edition;
  readonly year: number;
  readonly agency: AgencyInfo;
  readonly title: string;
  readonly published: string | null;
  /** Every cell by id: a number, or null for blank (totals completed). */
  readonly values: Values;
  /** Totals the report left out and the loader computed. */
  readonly computed: ReadonlySet<string>;
  /** Every diagnostic of the file, cross-year findings and acknowledged deviations included. */
  readonly diagnostics: readonly Diagnostic[];
  /** Keys of the prose sentences, for comparing with the year before (schema/copying.ts). */
  readonly sentences?: readonly string[];
}

/**
 * Cell values as the validation cache keeps them: how many cells, each value that is not 0 as
 * a position and the value (flattened, positions rising), and the positions of the blank cells.
 * Most cells of most reports are 0: at 40,000 reports the cache's values went from 16.8 MB of
 * JSON lists to some 4 MB (the file 62 → 49 MB), and reading the cache from 0.87–1.02 to 0.68–0.71 s.
 */
export interface SparseValues {
  readonly cells: number;
  readonly nonzero: readonly number[];
  readonly blank: readonly number[];
}

/** Values in cell order (null for blank) as `SparseValues`. */
export function sparseValues(values: readonly (number | null)[]): SparseValues {
  const nonzero: number[] = [];
  const blank: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) blank.push(i);
    else if (v !== 0) nonzero.push(i, v);
  }
  return { cells: values.length, nonzero, blank };
}

/** The numbers in cell order (NaN for blank) of `SparseValues`. */
function numbersOf(sparse: SparseValues): Float64Array {
  const numbers = new Float64Array(sparse.cells);
  for (let i = 0; i < sparse.nonzero.length; i += 2) numbers[sparse.nonzero[i]!] = sparse.nonzero[i + 1]!;
  for (const i of sparse.blank) numbers[i] = NaN;
  return numbers;
}

/** A report entry in plain JSON form, for caches and messages between threads. */
export interface EntryRecord {
  readonly file: string;
  readonly hash: string;
  readonly editionId: EditionId;
  readonly year: number;
  readonly agency: AgencyInfo;
  readonly title: string;
  readonly published: string | null;
  /** In cell order, null for blank; in the validation cache, as `SparseValues`. */
  readonly values: readonly (number | null)[] | SparseValues;
  /** Positions (in cell order) of computed totals. */
  readonly computed: readonly number[];
  readonly diagnostics: readonly Diagnostic[];
  readonly sentences?: readonly string[];
}

/** 机关 as the corpus keeps it, from the report's fields. */
function agencyInfo(report: LoadedReport['report']): AgencyInfo {
  const agency = report[META_KEYS.agency];
  return { id: agency.标识, name: agency.名称, region: agency.地区, level: agency.层级, ...(agency.类型 ? { kind: agency.类型 } : {}) };
}

/** An entry's cells as `CellValues` (entries from the loader and caches have them so already). */
export function cellValuesOf(entry: Pick<ReportEntry, 'values' | 'edition'>): CellValues {
  return entry.values instanceof CellValues ? entry.values : CellValues.fromMap(entry.edition.id as EditionId, entry.values);
}

/** The entry of a loaded report; `sentences` are its `proseSentences`, when already worked out. */
export function entryOf(loaded: LoadedReport, hash: string, sentences?: readonly KeyedSentence[]): ReportEntry {
  const report = loaded.report;
  const editionId = loaded.edition.id as EditionId;
  return {
    file: loaded.file,
    hash,
    edition: loaded.edition,
    year: report[META_KEYS.year],
    agency: agencyInfo(report),
    title: report[META_KEYS.title],
    published: report[META_KEYS.published] ?? null,
    values: CellValues.fromMap(editionId, loaded.values),
    computed: loaded.computed,
    diagnostics: loaded.diagnostics,
    sentences: (sentences ?? proseSentences(editionId, report)).map((s) => s.key),
  };
}

/** The JSON form of an entry. */
export function entryRecord(entry: ReportEntry): EntryRecord {
  const editionId = entry.edition.id as EditionId;
  const index = cellIndex(editionId);
  const values = cellValuesOf(entry);
  return {
    file: entry.file,
    hash: entry.hash,
    editionId,
    year: entry.year,
    agency: entry.agency,
    title: entry.title,
    published: entry.published,
    values: values.toArray(),
    computed: [...entry.computed].map((id) => index.get(id)!),
    diagnostics: entry.diagnostics,
    ...(entry.sentences ? { sentences: entry.sentences } : {}),
  };
}

/**
 * `entryRecord(entryOf(loaded, hash, sentences))`, made without the entry in between: the
 * values go from the loader's map straight to the record's list (what a worker thread sends
 * for every report it validates).
 */
export function recordOf(loaded: LoadedReport, hash: string, sentences: readonly KeyedSentence[]): EntryRecord {
  const report = loaded.report;
  const editionId = loaded.edition.id as EditionId;
  const index = cellIndex(editionId);
  // As CellValues.fromMap and toArray: a cell not in the map, or blank, is null.
  const values: (number | null)[] = new Array<number | null>(index.size).fill(null);
  for (const [id, v] of loaded.values) {
    const i = index.get(id);
    if (i !== undefined && i < values.length && v !== null && !Number.isNaN(v)) values[i] = v;
  }
  return {
    file: loaded.file,
    hash,
    editionId,
    year: report[META_KEYS.year],
    agency: agencyInfo(report),
    title: report[META_KEYS.title],
    published: report[META_KEYS.published] ?? null,
    values,
    computed: [...loaded.computed].map((id) => index.get(id)!),
    diagnostics: loaded.diagnostics,
    sentences: sentences.map((s) => s.key),
  };
}

const cellIds = new Map<EditionId, readonly string[]>();

/** The cell ids of an edition in cell order (`cellIndex`'s keys), listed once. */
function cellIdsOf(editionId: EditionId): readonly string[] {
  let ids = cellIds.get(editionId);
  if (!ids) cellIds.set(editionId, (ids = [...cellIndex(editionId).keys()]));
  return ids;
}

const isSparse = (values: EntryRecord['values']): values is SparseValues => !Array.isArray(values);

/** The entry back from its JSON form. */
export function entryFromRecord(record: EntryRecord): ReportEntry {
  const ids = cellIdsOf(record.editionId);
  return {
    file: record.file,
    hash: record.hash,
    edition: EDITIONS[record.editionId],
    year: record.year,
    agency: record.agency,
    title: record.title,
    published: record.published,
    values: isSparse(record.values) ? CellValues.fromNumbers(record.editionId, numbersOf(record.values)) : CellValues.fromArray(record.editionId, record.values),
    computed: new Set(record.computed.map((i) => ids[i]!)),
    diagnostics: record.diagnostics,
    ...(record.sentences ? { sentences: record.sentences } : {}),
  };
}
