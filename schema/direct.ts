/**
 * A report checked against its edition without going through zod cell by cell: the same
 * result as `EDITION_SCHEMAS[edition].safeParse(data)` for a report the schema accepts, in a
 * tenth of the time. The table sections — some 250 cells, nearly all of a report's schema
 * work — are walked once along the edition's cells (`cellsOf`), each value read and checked
 * by its kind (count: integer ≥ 0; delta: integer; money: ≥ 0 with at most the column's
 * decimals; blank: null) after the same normalisation as `cellSchema`. The other fields are
 * checked directly in the forms reports are written in (版本, 年度 and 发布日期 as the template
 * writes them; 机关 with its 联系方式 but for 电子邮箱 and 网址; 标题 and the prose); a report
 * with anything else there (确认偏差, a date written another way …) has them checked by the
 * declared zod schema, with each table section taken as it is.
 *
 * It accepts only what the schema accepts, and builds the very objects zod builds (keys in the
 * schema's order, totals left out omitted). The moment anything is off — a key the edition
 * does not have, a row missing, a value of another form — it returns undefined, and the caller
 * asks zod, which says what is wrong and where (tests/load/fast.test.ts holds both to one result).
 */
import { z } from 'zod';
import { cellTree, cellsOf, type CellDef, type CellTree } from './cells.ts';
import { EDITIONS, type EditionId } from './editions/index.ts';
import { AGENCY_ID, AGENCY_KINDS, EDITION_SCHEMAS, LEVELS, META_KEYS, POSTCODE, type Report, TABLE_NOTE_KEY, YEARS } from './report.ts';
import { segmentProblem } from './segment.ts';
import type { TableSection } from './template.ts';
import { decimalPlaces, isCalendarDate, normalizeCell } from './values.ts';

/** A node of a table section's key tree: an object of rows or columns, or a cell. */
type Node = { readonly key: string; readonly cell: CellDef; readonly children?: undefined } | { readonly key: string; readonly cell?: undefined; readonly children: readonly Node[] };

interface Plan {
  /** The edition's schema with every table section taken as written (checked here instead). */
  readonly rest: z.ZodType;
  /** Table sections, each as its key tree (keys in the schema's order). */
  readonly sections: readonly { readonly key: string; readonly children: readonly Node[] }[];
  /** Every key of the edition's schema in its order, with what it holds. */
  readonly fields: readonly { readonly key: string; readonly kind: 'meta' | 'table' | 'prose'; readonly required: boolean }[];
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
  const schema = EDITION_SCHEMAS[editionId];
  const kinds = new Map(edition.sections.map((s) => [s.key, s]));
  const fields = Object.keys(schema.shape).map((key) => {
    const section = kinds.get(key);
    return { key, kind: section ? section.kind : ('meta' as const), required: section?.kind === 'prose' ? section.required : false };
  });
  plan = { rest: schema.extend(asWritten), sections: sectionTrees(cellsOf(edition), tables), fields };
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

/** `z.string().trim().min(1)` (`text` in report.ts): the trimmed text, or DECLINE. */
function textValue(v: unknown): string | typeof DECLINE {
  if (typeof v !== 'string') return DECLINE;
  const t = v.trim();
  return t === '' ? DECLINE : t;
}

/** Region names found to be safe folder names (`segmentProblem`): most reports share them. */
const safeRegions = new Set<string>();

/** 机关 › 地区 as the schema returns it (each level trimmed, a safe folder name), or DECLINE. */
function regionValue(v: unknown): string[] | typeof DECLINE {
  if (!Array.isArray(v) || v.length === 0) return DECLINE;
  const out: string[] = [];
  for (const level of v) {
    const name = textValue(level);
    if (name === DECLINE) return DECLINE;
    if (!safeRegions.has(name)) {
      if (segmentProblem(name) !== undefined) return DECLINE;
      // Bounded: a corpus of many places does not make it grow without end.
      if (safeRegions.size < 100_000) safeRegions.add(name);
    }
    out.push(name);
  }
  return out;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 机关 › 联系方式 as the schema returns it, or DECLINE (电子邮箱 and 网址 are zod's to judge). */
function contactValue(v: unknown): Record<string, unknown> | typeof DECLINE {
  if (!isRecord(v)) return DECLINE;
  const out: Record<string, unknown> = {};
  let known = 0;
  for (const key of ['单位', '地址', '邮编', '电话']) {
    const x = v[key];
    if (x === undefined) continue;
    known++;
    if (key === '邮编') {
      if (typeof x !== 'string' || !POSTCODE.test(x)) return DECLINE;
      out[key] = x;
    } else {
      const t = textValue(x);
      if (t === DECLINE) return DECLINE;
      out[key] = t;
    }
  }
  return Object.keys(v).length === known ? out : DECLINE;
}

/** 机关 as the schema returns it (keys in its order), or DECLINE. */
function agencyValue(v: unknown): Record<string, unknown> | typeof DECLINE {
  if (!isRecord(v)) return DECLINE;
  const out: Record<string, unknown> = {};
  const id = v['标识'];
  if (typeof id !== 'string' || !AGENCY_ID.test(id)) return DECLINE;
  out['标识'] = id;
  const name = textValue(v['名称']);
  if (name === DECLINE) return DECLINE;
  out['名称'] = name;
  const region = regionValue(v['地区']);
  if (region === DECLINE) return DECLINE;
  out['地区'] = region;
  const level = v['层级'];
  if (!(LEVELS as readonly unknown[]).includes(level)) return DECLINE;
  out['层级'] = level;
  let known = 4;
  const kind = v['类型'];
  if (kind !== undefined) {
    if (!(AGENCY_KINDS as readonly unknown[]).includes(kind)) return DECLINE;
    out['类型'] = kind;
    known++;
  }
  const contact = v['联系方式'];
  if (contact !== undefined) {
    const c = contactValue(contact);
    if (c === DECLINE) return DECLINE;
    out['联系方式'] = c;
    known++;
  }
  return Object.keys(v).length === known ? out : DECLINE;
}

/** A field of the report's top level other than a table, as the schema returns it; undefined when absent (and optional); DECLINE. */
function fieldValue(editionId: EditionId, field: Plan['fields'][number], v: unknown): unknown {
  if (field.kind === 'prose') {
    // Markdown: any string, as written; a required section must be there.
    if (v === undefined) return field.required ? DECLINE : undefined;
    return typeof v === 'string' ? v : DECLINE;
  }
  switch (field.key) {
    case META_KEYS.edition:
      return v === editionId ? v : DECLINE;
    case META_KEYS.year:
      return typeof v === 'number' && Number.isInteger(v) && v >= YEARS.first && v <= YEARS.last ? v : DECLINE;
    case META_KEYS.agency:
      return agencyValue(v);
    case META_KEYS.title:
      return textValue(v);
    case META_KEYS.published:
      // As the template writes it (a date in another form is normalised by zod).
      if (v === null) return null;
      return typeof v === 'string' && ISO_DATE.test(v) && isCalendarDate(v) ? v : DECLINE;
    case META_KEYS.preamble:
      if (v === undefined) return undefined;
      return typeof v === 'string' ? v : DECLINE;
    default:
      // 确认偏差, or a key this check does not know: zod's.
      return v === undefined ? undefined : DECLINE;
  }
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
  // The other fields checked here, in the schema's order; a key of no field (strict objects refuse it) or a field in another form is zod's.
  const report: Record<string, unknown> = {};
  let known = 0;
  for (const field of plan.fields) {
    if (field.kind === 'table') {
      report[field.key] = tables[field.key];
      known++;
      continue;
    }
    const value = fieldValue(editionId, field, data[field.key]);
    if (value === DECLINE) return zodRest(plan, data, tables);
    if (value === undefined) continue;
    report[field.key] = value;
    known++;
  }
  return Object.keys(data).length === known ? (report as Report) : zodRest(plan, data, tables);
}

/** The report with its fields other than the tables checked by zod, and `tables` as checked here. */
function zodRest(plan: Plan, data: Record<string, unknown>, tables: Record<string, unknown>): Report | undefined {
  const rest = plan.rest.safeParse(data);
  if (!rest.success) return undefined;
  const report = rest.data as Record<string, unknown>;
  for (const key of Object.keys(tables)) report[key] = tables[key];
  return report as Report;
}
