/**
 * Totals over a set of reports, accumulated one report at a time: cell sums with how many
 * reports filled or left blank each cell, and indicator parts. Adding a report costs the
 * same whatever the size of the corpus.
 */
import type { EditionId } from '../../schema/editions/index.ts';
import type { Values } from '../../schema/rules.ts';
import { INDICATORS, measure, OUTCOME_GROUPS, type Measured } from './indicators.ts';

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
}

export interface Aggregate {
  reports: number;
  readonly byEdition: Map<EditionId, number>;
  readonly cells: Map<string, CellTotal>;
  readonly measures: Map<string, MeasureTotal>;
  readonly members: ReportStats[];
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

export function emptyAggregate(): Aggregate {
  return { reports: 0, byEdition: new Map(), cells: new Map(), measures: new Map(), members: [] };
}

/** Add one report's figures. */
export function addReport(agg: Aggregate, r: ReportStats): void {
  agg.reports++;
  agg.members.push(r);
  agg.byEdition.set(r.editionId, (agg.byEdition.get(r.editionId) ?? 0) + 1);
  for (const [id, v] of r.values) {
    let t = agg.cells.get(id);
    if (!t) agg.cells.set(id, (t = { sum: 0, reported: 0, blank: 0 }));
    if (v === null) t.blank++;
    else {
      t.sum += v;
      t.reported++;
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
