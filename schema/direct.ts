/**
 * A report checked against its edition without going through zod cell by cell: the same
 * result as `EDITION_SCHEMAS[edition].safeParse(data)` for a report the schema accepts, in a
 * tenth of the time. The table sections — some 250 cells, nearly all of a report's schema
 * work — are walked once along the edition's cells (`cellsOf`), each value read and checked
 * by its kind (count: integer ≥ 0; delta: integer; money: ≥ 0 with at most the column's
 * decimals; blank: null) after the same normalisation as `cellSchema`; everything else (版本,
 * 年度, 机关, 标题, dates, prose, 确认偏差) goes through the declared zod schema, with each table
 * section taken as it is.
 *
 * It accepts only what the schema accepts, and builds the very objects zod builds (keys in the
 * schema's order, totals left out omitted). The moment anything is off — a key the edition
 * does not have, a row missing, a value of another form — it returns undefined, and the caller
 * asks zod, which says what is wrong and where (tests/load/fast.test.ts holds both to one result).
 */
import { z } from 'zod';
import { cellTree, cellsOf, type CellDef, type CellTree } from './cells.ts';
import { EDITIONS, type EditionId } from './editions/index.ts';
import { EDITION_SCHEMAS, type Report, TABLE_NOTE_KEY } from './report.ts';
import type { TableSection } from './template.ts';
import { decimalPlaces, normalizeCell } from './values.ts';

/** A node of a table section's key tree: an object of rows or columns, or a cell. */
type Node = { readonly key: string; readonly cell: CellDef; readonly children?: undefined } | { readonly key: string; readonly cell?: undefined; readonly children: readonly Node[] };

interface Plan {
  /** The edition's schema with every table section taken as written (checked here instead). */
  readonly rest: z.ZodType;
  /** Table sections, each as its key tree (keys in the schema's order). */
  readonly sections: readonly { readonly key: string; readonly children: readonly Node[] }[];
}


/** Key trees of the table sections, built as `tableShape` in report.ts builds the schema's objects (same key order). */
function sectionTrees(cells: readonly CellDef[], sections: readonly TableSection[]): Plan['sections'] {
  const root = cellTree(cells);
  const build = (tree: CellTree): Node[] =>
    Object.entries(tree).map(([key, v]) => ('kind' in v && 'id' in v ? { key, cell: v as CellDef } : { key, children: build(v as CellTree) }));
  return sections.map((s) => ({ key: s.key, children: build((root[s.key] ?? {}) as CellTree) }));
}

const plans = new Map<EditionId, Plan>();

function planOf(editionId: EditionId): Plan {
  let plan = plans.get(editionId);
  if (plan) return plan;
  const edition = EDITIONS[editionId];
  const tables = edition.sections.filter((s): s is TableSection => s.kind === 'table');
  const asWritten = Object.fromEntries(tables.map((s) => [s.key, z.any()]));
  plan = { rest: EDITION_SCHEMAS[editionId].extend(asWritten), sections: sectionTrees(cellsOf(edition), tables) };
  plans.set(editionId, plan);
  return plan;
}

/** Declined: the value is for zod to judge. */
const DECLINE = Symbol('decline');

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A cell's value as `cellSchema(cell)` returns it, or DECLINE when that schema would not accept it. */
function cellValue(cell: CellDef, raw: unknown): number | null | typeof DECLINE {
  const v = typeof raw === 'string' ? normalizeCell(raw, cell.unit) : raw;
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) return DECLINE;
  if (cell.kind === 'count') return Number.isSafeInteger(v) && v >= 0 ? v : DECLINE;
  if (cell.kind === 'delta') return Number.isSafeInteger(v) ? v : DECLINE;
  return v >= 0 && decimalPlaces(v) <= (cell.decimals ?? 2) ? v : DECLINE;
}

/** An object of the key tree as zod's strict object returns it, or DECLINE. */
function objectValue(children: readonly Node[], raw: unknown, note: boolean): Record<string, unknown> | typeof DECLINE {
  if (!isRecord(raw)) return DECLINE;
  const out: Record<string, unknown> = {};
  let known = 0;
  for (const child of children) {
    const v = raw[child.key];
    if (v === undefined) {
      // Only a total may be left out (it is computed); a missing row or cell is zod's to report.
      if (child.cell?.total) continue;
      return DECLINE;
    }
    known++;
    const value = child.cell ? cellValue(child.cell, v) : objectValue(child.children, v, false);
    if (value === DECLINE) return DECLINE;
    out[child.key] = value;
  }
  if (note) {
    // 表注: a non-empty text, trimmed (`text.optional()` in report.ts).
    const v = raw[TABLE_NOTE_KEY];
    if (v !== undefined) {
      if (typeof v !== 'string' || v.trim() === '') return DECLINE;
      known++;
      out[TABLE_NOTE_KEY] = v.trim();
    }
  }
  // A key the edition does not have (strict objects refuse it).
  return Object.keys(raw).length === known ? out : DECLINE;
}

/**
 * What `EDITION_SCHEMAS[editionId].safeParse(data)` returns as data when it succeeds; undefined
 * when this check cannot tell (the data may be invalid: ask zod).
 */
export function parseReportDirect(editionId: EditionId, data: unknown): Report | undefined {
  const plan = planOf(editionId);
  if (!isRecord(data)) return undefined;
  const tables: Record<string, unknown> = {};
  for (const section of plan.sections) {
    const value = objectValue(section.children, data[section.key], true);
    if (value === DECLINE) return undefined;
    tables[section.key] = value;
  }
  const rest = plan.rest.safeParse(data);
  if (!rest.success) return undefined;
  const report = rest.data as Record<string, unknown>;
  for (const key of Object.keys(tables)) report[key] = tables[key];
  return report as Report;
}
