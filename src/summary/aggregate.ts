/**
 * Totals over a set of reports, accumulated one report at a time: cell sums with how many
 * reports filled or left blank each cell, and indicator parts. Adding a report costs the
 * same whatever the size of the corpus.
 */
import { CellValues, cellIndex } from '../../schema/cell-values.ts';
import type { EditionId } from '../../schema/editions/index.ts';
import type { Values } from '../../schema/rules.ts';
import { ANY_CELL } from './groups.ts';
import { INDICATORS, measure, OUTCOME_GROUPS, type Measured } from './indicators.ts';

/** Every cell id of any edition → its slot in the typed arrays of an aggregate. */
const SLOT = new Map([...ANY_CELL.keys()].map((id, i) => [id, i]));

/** A cell's total over reports: sum of the filled values, and how many filled / left it blank. */
export interface CellTotal {
  sum: number;
  reported: number;
  blank: number;
}

/** An indicator's (or outcome group's) parts over the reports where every needed cell is filled. */
export interface MeasureTotal {
  num: number;
  den: number;
  reported: number;
  blank: number;
}

/** A report as the summaries see it, measured once. */
export interface ReportStats {
  readonly year: number;
  readonly editionId: EditionId;
  readonly agencyId: string;
  readonly agencyName: string;
  readonly region: readonly string[];
  readonly level: string;
  readonly url: string;
  readonly values: Values;
  /** Indicator id (or `outcome:<key>`) → parts, null when a needed cell is blank. */
  readonly measures: ReadonlyMap<string, Measured | null>;
  /** Warnings and acknowledged deviations of the report. */
  readonly notes: number;
  /** Published by 条例第四十九条's date: true/false, null when it cannot be told (no date, or none set by the statute). */
  readonly onTime: boolean | null;
}

/** Running totals over a set of reports (a year, a region). */
export interface Aggregate {
  reports: number;
  readonly byEdition: Map<EditionId, number>;
  /** Cell totals by slot (typed arrays keep tens of thousands of region totals small). */
  readonly cells: { readonly sum: Float64Array; readonly reported: Uint32Array; readonly blank: Uint32Array };
  readonly measures: Map<string, MeasureTotal>;
  readonly members: ReportStats[];
  /** Reports published on time, late, and those it cannot be told for. */
  readonly timeliness: { onTime: number; late: number; unknown: number };
}

/** Every indicator and outcome group, by the key `measures` uses. */
export const MEASURES = [
  ...INDICATORS.map((i) => ({ key: i.id, indicator: i })),
  ...OUTCOME_GROUPS.map((g) => ({ key: `outcome:${g.key}`, group: g })),
];

/** Measure one report: every indicator and outcome group. */
export function measureReport(editionId: EditionId, values: Values): Map<string, Measured | null> {
  const out = new Map<string, Measured | null>();
  for (const i of INDICATORS) out.set(i.id, measure(i, editionId, values));
  for (const g of OUTCOME_GROUPS) {
    const ids = g.ids[editionId];
    let num = 0;
    let blank = false;
    for (const id of ids) {
      const v = values.get(id);
      if (v === null || v === undefined) blank = true;
      else num += v;
    }
    out.set(`outcome:${g.key}`, blank ? null : { num, den: null });
  }
  return out;
}

/** Totals over no reports yet. */
export function emptyAggregate(): Aggregate {
  const n = SLOT.size;
  return { reports: 0, byEdition: new Map(), cells: { sum: new Float64Array(n), reported: new Uint32Array(n), blank: new Uint32Array(n) }, measures: new Map(), members: [], timeliness: { onTime: 0, late: 0, unknown: 0 } };
}

/** A cell's total, or undefined when no report in the aggregate has the cell. */
export function cellTotal(agg: Aggregate, id: string): CellTotal | undefined {
  const i = SLOT.get(id);
  if (i === undefined) return undefined;
  const t = { sum: agg.cells.sum[i]!, reported: agg.cells.reported[i]!, blank: agg.cells.blank[i]! };
  return t.reported + t.blank > 0 ? t : undefined;
}

const slotTables = new Map<EditionId, Int32Array>();

/** Slot of each cell of an edition, in its cell order. */
function slotsOf(editionId: EditionId): Int32Array {
  let slots = slotTables.get(editionId);
  if (!slots) slotTables.set(editionId, (slots = Int32Array.from([...cellIndex(editionId).keys()], (id) => SLOT.get(id)!)));
  return slots;
}

/** Add one report's figures. */
export function addReport(agg: Aggregate, r: ReportStats): void {
  agg.reports++;
  agg.members.push(r);
  if (r.onTime === null) agg.timeliness.unknown++;
  else if (r.onTime) agg.timeliness.onTime++;
  else agg.timeliness.late++;
  agg.byEdition.set(r.editionId, (agg.byEdition.get(r.editionId) ?? 0) + 1);
  const { sum, reported, blank } = agg.cells;
  if (r.values instanceof CellValues) {
    // The compact form: one pass over the numbers, no map lookups (this loop runs for every region above every report).
    const numbers = r.values.numbers;
    const slots = slotsOf(r.editionId);
    for (let k = 0; k < numbers.length; k++) {
      const v = numbers[k]!;
      const i = slots[k]!;
      if (Number.isNaN(v)) blank[i]!++;
      else {
        sum[i]! += v;
        reported[i]!++;
      }
    }
  } else {
    for (const [id, v] of r.values) {
      const i = SLOT.get(id)!;
      if (v === null) blank[i]!++;
      else {
        sum[i]! += v;
        reported[i]!++;
      }
    }
  }
  for (const [key, m] of r.measures) {
    let t = agg.measures.get(key);
    if (!t) agg.measures.set(key, (t = { num: 0, den: 0, reported: 0, blank: 0 }));
    if (m === null) t.blank++;
    else {
      t.num += m.num;
      t.den += m.den ?? 0;
      t.reported++;
    }
  }
}
