/**
 * Cross-year diagnostics (R5, R8) for a whole corpus: each report is compared with the
 * same agency's report of the year before, when both are loaded, and the finding is
 * placed at the line of this year's cell.
 */
import { readFileSync } from 'node:fs';
import { cellsOf } from '../../schema/cells.ts';
import { checkCrossYear, crossYearCells as cellsNamed } from '../../schema/cross-year.ts';
import { copyShares, copyStatement, type KeyedSentence, proseSentences } from '../../schema/copying.ts';
import { META_KEYS } from '../../schema/report.ts';
import { locateInText } from './text-position.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import type { Finding } from '../../schema/rules.ts';
import { chunks, runWorkers, workerCount } from '../parallel/pool.ts';
import { type Diagnostic, severityOf } from './diagnostic.ts';
import type { ReportEntry } from './entry.ts';
import { lineLocator } from './line-locate.ts';
import { quickYaml } from './quick-yaml.ts';
import { locate, parseYaml } from './yaml.ts';

const keyOf = (r: ReportEntry) => `${r.agency.id}/${r.year}`;

/** A report's cross-year findings, to be placed in its file (plain data: it may go to a worker thread). */
export interface Placing {
  readonly file: string;
  readonly editionId: EditionId;
  readonly findings: readonly Finding[];
  /** The COPY-LAST-YEAR statement, when the report repeats last year's. */
  readonly copied: string | null;
  /** Sentence keys of last year's report. */
  readonly before: readonly string[];
}

/**
 * Where a report's cross-year findings would be shown, worked out from its lines (line-locate.ts)
 * while it is validated, so that placing them needs no second reading of the file: line and
 * column of 年度, of each cell a finding can name (`crossYearCells`, in that order) and of each
 * prose sentence (in the order of the entry's `sentences`); 0, 0 where the lines do not tell.
 * Kept only while the corpus is loaded (never cached): 8 bytes a sentence.
 */
export type Placement = Int32Array;

/**
 * The placement of a report read the fast way (src/load/fast.ts) from `text`, with its
 * sentences `proseSentences(editionId, report)`; undefined when its lines are not laid out
 * as the template writes them.
 */
export function placementOf(text: string, editionId: EditionId, report: Readonly<Record<string, unknown>>, sentences: readonly KeyedSentence[]): Placement | undefined {
  const lines = lineLocator(text);
  if (!lines) return undefined;
  const cells = crossYearCells(editionId);
  const paths = cellPaths(editionId);
  const out = new Int32Array(2 * (1 + cells.length + sentences.length));
  const put = (i: number, pos: { line: number; column: number } | undefined) => {
    if (!pos) return;
    out[2 * i] = pos.line;
    out[2 * i + 1] = pos.column;
  };
  put(0, lines.locate([META_KEYS.year]));
  cells.forEach((id, i) => put(1 + i, lines.locate(paths.get(id)!)));
  sentences.forEach((s, i) => {
    const value = report[String(s.path[0])];
    if (s.path.length === 1 && typeof value === 'string') put(1 + cells.length + i, lines.locateInText(s.path, s.offset, value));
  });
  return out;
}

const cellsNamedOf = new Map<EditionId, readonly string[]>();
/** `crossYearCells`, worked out once per edition. */
const crossYearCells = (editionId: EditionId): readonly string[] => {
  let ids = cellsNamedOf.get(editionId);
  if (!ids) cellsNamedOf.set(editionId, (ids = cellsNamed(editionId)));
  return ids;
};

const cellPathsOf = new Map<EditionId, Map<string, readonly string[]>>();
const cellPaths = (editionId: EditionId): Map<string, readonly string[]> => {
  let paths = cellPathsOf.get(editionId);
  if (!paths) cellPathsOf.set(editionId, (paths = new Map(cellsOf(EDITIONS[editionId]).map((c) => [c.id, c.path]))));
  return paths;
};

/**
 * The findings of `p` placed from the report's placement, as `placeByLines` places them from
 * its file; undefined when the placement does not tell a position they need.
 */
export function placeFromPlacement(p: Placing, placement: Placement, sentences: readonly string[]): Diagnostic[] | undefined {
  const cells = crossYearCells(p.editionId);
  if (placement.length !== 2 * (1 + cells.length + sentences.length)) return undefined;
  const at = (i: number) => (placement[2 * i]! > 0 ? { line: placement[2 * i]!, column: placement[2 * i + 1]! } : undefined);
  const found: Diagnostic[] = [];
  for (const f of p.findings) {
    const i = cells.indexOf(f.cell);
    const pos = i < 0 ? undefined : at(1 + i);
    if (!pos) return undefined;
    found.push({ file: p.file, line: pos.line, column: pos.column, rule: f.rule, severity: severityOf(f.rule), message: f.message, statement: f.statement, cell: f.cell });
  }
  if (p.copied) {
    const before = new Set(p.before);
    const first = sentences.findIndex((k) => before.has(k));
    const pos = at(first < 0 ? 0 : 1 + cells.length + first);
    if (!pos) return undefined;
    const rule = 'COPY-LAST-YEAR';
    found.push({ file: p.file, line: pos.line, column: pos.column, rule, severity: severityOf(rule), message: `${p.copied}${COPY_ADVICE}`, statement: p.copied });
  }
  return found;
}

/** Below this many reports to place findings in, worker threads cost more than they save. */
const PARALLEL_FROM = 200;

/**
 * Diagnostics per report (only reports with findings appear). Linear in the number of
 * reports. `cache` keeps findings by the two files' content hashes, so files are not parsed
 * again for positions while neither changes. Findings are placed from `placements` (by file)
 * where the report has one; otherwise by reading the file again (some 0.3 ms a report from its
 * lines, 5 ms with positions): with many reports to place so, that is shared among threads.
 */
export async function crossYearDiagnostics(
  reports: readonly ReportEntry[],
  cache?: Map<string, readonly Diagnostic[]>,
  workers?: number,
  placements?: ReadonlyMap<string, Placement>,
): Promise<Map<ReportEntry, Diagnostic[]>> {
  const byKey = new Map<string, ReportEntry>();
  for (const r of reports) if (!byKey.has(keyOf(r))) byKey.set(keyOf(r), r);
  // In reading order: each report with findings, and its findings known or to be placed.
  const found: { cur: ReportEntry; key: string; known?: readonly Diagnostic[]; placing?: number }[] = [];
  const placings: Placing[] = [];
  for (const cur of byKey.values()) {
    const year = cur.year;
    const prev = byKey.get(`${cur.agency.id}/${year - 1}`);
    if (!prev) continue;
    const key = `${cur.file}:${cur.hash}:${prev.hash}`;
    const known = cache?.get(key);
    if (known) {
      found.push({ cur, key, known });
      continue;
    }
    const findings = checkCrossYear(
      { year: year - 1, editionId: prev.edition.id as EditionId, values: prev.values },
      { year, editionId: cur.edition.id as EditionId, values: cur.values },
    );
    const prevInput = { year: year - 1, editionId: prev.edition.id as EditionId, values: prev.values, sentences: prev.sentences ?? [] };
    const curInput = { year, editionId: cur.edition.id as EditionId, values: cur.values, sentences: cur.sentences ?? [] };
    const copied = copyStatement(prevInput, curInput, copyShares(prevInput, curInput));
    if (!findings.length && !copied) continue;
    const placing: Placing = { file: cur.file, editionId: curInput.editionId, findings, copied, before: prevInput.sentences };
    const placement = placements?.get(cur.file);
    const placed = placement && placeFromPlacement(placing, placement, curInput.sentences);
    if (placed) {
      found.push({ cur, key, known: placed });
      continue;
    }
    found.push({ cur, key, placing: placings.length });
    placings.push(placing);
  }
  const threads = Math.min(workers ?? workerCount(), Math.ceil(placings.length / (PARALLEL_FROM / 2)));
  const placed =
    threads <= 1
      ? await run({ placings })
      : (await runWorkers<{ placings: Placing[] }, never, Diagnostic[][]>(new URL(import.meta.url), chunks(placings, threads).map((p) => ({ placings: p })), () => {})).flat();
  const out = new Map<ReportEntry, Diagnostic[]>();
  const used = new Map<string, readonly Diagnostic[]>();
  for (const f of found) {
    const diagnostics = f.known ?? placed[f.placing!]!;
    used.set(f.key, diagnostics);
    out.set(f.cur, [...diagnostics]);
  }
  if (cache) {
    // Only the pairs of this corpus are kept.
    cache.clear();
    for (const [k, v] of used) cache.set(k, v);
  }
  return out;
}

/** One report's findings at their lines. */
function place(p: Placing): Diagnostic[] {
  // Read synchronously: this loop has nothing else to do meanwhile.
  const text = readFileSync(p.file, 'utf8');
  return placeByLines(p, text) ?? placeParsed(p, text);
}

const COPY_ADVICE = '请按本年度的实际工作和数据撰写报告；若确实与上一年度相同（如两年都没有收到申请），可以保留。';

/** The findings placed by reading the file again with positions (yaml.ts): any file. */
export function placeParsed(p: Placing, text: string): Diagnostic[] {
  const parsed = parseYaml(text);
  const cells = new Map(cellsOf(EDITIONS[p.editionId]).map((c) => [c.id, c]));
  const found = p.findings.map((f): Diagnostic => {
    const pos = locate(parsed, cells.get(f.cell)!.path as string[]);
    return { file: p.file, line: pos.line, column: pos.column, rule: f.rule, severity: severityOf(f.rule), message: f.message, statement: f.statement, cell: f.cell };
  });
  if (p.copied) {
    // Shown at the first sentence repeated from last year, else at the report's year.
    const before = new Set(p.before);
    const first = proseSentences(p.editionId, parsed.data).find((s) => before.has(s.key));
    const pos = first ? locateInText(parsed, text, first.path, first.offset) : locate(parsed, [META_KEYS.year]);
    const rule = 'COPY-LAST-YEAR';
    found.push({ file: p.file, line: pos.line, column: pos.column, rule, severity: severityOf(rule), message: `${p.copied}${COPY_ADVICE}`, statement: p.copied });
  }
  return found;
}

/**
 * The same findings placed from the file's lines (line-locate.ts), some twenty times faster;
 * undefined when the file is not laid out as the template writes it.
 */
export function placeByLines(p: Placing, text: string): Diagnostic[] | undefined {
  const lines = lineLocator(text);
  if (!lines) return undefined;
  const cells = new Map(cellsOf(EDITIONS[p.editionId]).map((c) => [c.id, c]));
  const found: Diagnostic[] = [];
  for (const f of p.findings) {
    const pos = lines.locate(cells.get(f.cell)!.path);
    if (!pos) return undefined;
    found.push({ file: p.file, line: pos.line, column: pos.column, rule: f.rule, severity: severityOf(f.rule), message: f.message, statement: f.statement, cell: f.cell });
  }
  if (p.copied) {
    const data = quickYaml(text)?.data as Record<string, unknown> | undefined;
    if (!data) return undefined;
    const before = new Set(p.before);
    const first = proseSentences(p.editionId, data).find((s) => before.has(s.key));
    const value = first && data[String(first.path[0])];
    if (first && (first.path.length !== 1 || typeof value !== 'string')) return undefined;
    const pos = first ? lines.locateInText(first.path, first.offset, value as string) : lines.locate([META_KEYS.year]);
    if (!pos) return undefined;
    const rule = 'COPY-LAST-YEAR';
    found.push({ file: p.file, line: pos.line, column: pos.column, rule, severity: severityOf(rule), message: `${p.copied}${COPY_ADVICE}`, statement: p.copied });
  }
  return found;
}

/** Worker entry (and the inline way): place each report's findings, in order. */
export async function run(input: { readonly placings: readonly Placing[] }): Promise<Diagnostic[][]> {
  const out: Diagnostic[][] = [];
  for (const p of input.placings) out.push(place(p));
  return out;
}
