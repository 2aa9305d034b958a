/**
 * Totals over a set of reports, accumulated one report at a time: cell sums with how many
 * reports filled or left blank each cell, and indicator parts. Adding a report costs the
 * same whatever the size of the corpus.
 */
import { CellValues, cellIndex } from '../../schema/cell-values.ts';
import type { EditionId } from '../../schema/editions/index.ts';
import { sumOf, type Values } from '../../schema/rules.ts';
import { subtotalGroups } from '../../schema/cells.ts';
import { EDITIONS } from '../../schema/editions/index.ts';
import { ANY_CELL } from './groups.ts';
import { INDICATORS, measure, OUTCOME_GROUPS, type Measured } from './indicators.ts';

/** Every cell id of any edition → its slot in the typed arrays of an aggregate. */
const SLOT = new Map([...ANY_CELL.keys()].map((id, i) => [id, i]));

/** A cell's total over reports: sum of the filled values, and how many filled / left it blank. */
export interface CellTotal {
  sum: number;
  reported: number;
  blank: number;
  /** Reports that published the cell's group as one row (小计), so this part not separately. */
  unpublished?: number;
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
  /**
   * Per slot of a group's part: the reports that published the group as one row (小计), so the
   * part was not published separately — not counted in `sum`, nor as blank.
   */
  readonly unpublished: Uint32Array;
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
    // A group published as one row counts as that row (see sumOf).
    const num = sumOf(values, ids);
    out.set(`outcome:${g.key}`, num === null ? null : { num, den: null });
  }
  return out;
}

/** Totals over no reports yet. */
export function emptyAggregate(): Aggregate {
  const n = SLOT.size;
  return { reports: 0, byEdition: new Map(), cells: { sum: new Float64Array(n), reported: new Uint32Array(n), blank: new Uint32Array(n) }, unpublished: new Uint32Array(n), measures: new Map(), members: [], timeliness: { onTime: 0, late: 0, unknown: 0 } };
}

/** A cell's total, or undefined when no report in the aggregate has the cell. */
export function cellTotal(agg: Aggregate, id: string): CellTotal | undefined {
  const i = SLOT.get(id);
  if (i === undefined) return undefined;
  const t = { sum: agg.cells.sum[i]!, reported: agg.cells.reported[i]!, blank: agg.cells.blank[i]!, unpublished: agg.unpublished[i]! };
  return t.reported + t.blank + t.unpublished > 0 ? t : undefined;
}

const slotTables = new Map<EditionId, Int32Array>();

/** Slot of each cell of an edition, in its cell order. */
function slotsOf(editionId: EditionId): Int32Array {
  let slots = slotTables.get(editionId);
  if (!slots) slotTables.set(editionId, (slots = Int32Array.from([...cellIndex(editionId).keys()], (id) => SLOT.get(id)!)));
  return slots;
}

/** Slots of an edition's groups that may be published as one row: the 小计 cells, the parts' cells in each column. */
const groupSlots = new Map<EditionId, { sub: number; id: string; parts: string[]; partSlots: number[] }[][]>();
function groupSlotsOf(editionId: EditionId) {
  let g = groupSlots.get(editionId);
  if (!g) {
    groupSlots.set(editionId, (g = subtotalGroups(EDITIONS[editionId]).map((group) => group.cells.map((c) => ({ sub: SLOT.get(c.id)!, id: c.id, parts: [...c.subtotal!.of], partSlots: c.subtotal!.of.map((id) => SLOT.get(id)!) })))));
  }
  return g;
}

/**
 * The groups of one report that may be published as one row: a 小计 slot totals the group's
 * figure (its 小计, or its parts' sum); a report that published only the 小计 has its parts
 * counted as not published separately instead of blank.
 */
function addGroups(agg: Aggregate, editionId: EditionId, values: Values): void {
  const { sum, reported, blank } = agg.cells;
  for (const columns of groupSlotsOf(editionId)) {
    const oneRow = columns.some((c) => typeof values.get(c.id) === 'number') && columns.every((c) => c.parts.every((p) => (values.get(p) ?? null) === null));
    for (const c of columns) {
      if (oneRow) {
        for (const i of c.partSlots) {
          blank[i]!--;
          agg.unpublished[i]!++;
        }
      }
      // The 小计 slot was counted from the report's own 小计 cell; it holds the group's figure instead.
      const own = values.get(c.id);
      if (typeof own === 'number') {
        sum[c.sub]! -= own;
        reported[c.sub]!--;
      } else blank[c.sub]!--;
      const figure = sumOf(values, c.parts);
      if (figure === null) blank[c.sub]!++;
      else {
        sum[c.sub]! += figure;
        reported[c.sub]!++;
      }
    }
  }
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
    for (const id of cellIndex(r.editionId).keys()) {
      const v = r.values.get(id) ?? null;
      const i = SLOT.get(id)!;
      if (v === null) blank[i]!++;
      else {
        sum[i]! += v;
        reported[i]!++;
      }
    }
  }
  addGroups(agg, r.editionId, r.values);
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
