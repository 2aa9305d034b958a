/**
 * The report contract: the zod schema of a report YAML, derived from the template
 * description of each edition, and the `Report` type inferred from it.
 */
import { z } from 'zod';
import { cellTree, subtotalGroups, valueCellsOf, type CellDef, type CellTree, type SubtotalGroup } from './cells.ts';
import { EDITIONS, type EditionId } from './editions/index.ts';
import type { Edition } from './template.ts';
import { segmentProblem } from './segment.ts';
import { decimalPlaces, isCalendarDate, normalizeCell, normalizeDate } from './values.ts';

/** Agency levels, from the province down. */
export const LEVELS = ['省级', '市级', '县级', '乡级'] as const;

/** Rule ids a clerk may acknowledge as "published this way" (see 确认偏差), at a cell. */
export const ACKNOWLEDGEABLE = ['R1', 'R2', 'R3', 'R4', 'R6', 'R7'] as const;

/**
 * A note the report prints with a table (注：本表数据统计时间为…, 单位：件), kept under the table's
 * key and shown beneath the table as published. Plain text; not part of the statutory template.
 */
export const TABLE_NOTE_KEY = '表注';

/** Rule ids acknowledged at a text: by 位置 (the field, as 一、总体情况 or 机关 › 名称) and 原文. */
export const TEXT_ACKNOWLEDGEABLE = ['LEFTOVER'] as const;

/**
 * What kind of agency publishes the report (条例第四十九条 sets different dates for each):
 * 人民政府 (a people's government), 政府部门 (a department of a people's government at county
 * level or above), 其他 (any other: 派出机构, 综合服务中心, organisations with delegated powers).
 */
export const AGENCY_KINDS = ['人民政府', '政府部门', '其他'] as const;

/** Keys of the report's top level that are not template sections. */
export const META_KEYS = {
  edition: '版本',
  year: '年度',
  agency: '机关',
  title: '标题',
  published: '发布日期',
  preamble: '前言',
  acknowledgements: '确认偏差',
} as const;

/** The zod schema of one cell, by kind. Text forms a clerk types are normalised first. */
export function cellSchema(cell: CellDef) {
  const number =
    cell.kind === 'count'
      ? z.number().int().nonnegative()
      : cell.kind === 'delta'
        ? z.number().int()
        : z
            .number()
            .nonnegative()
            .refine((n) => decimalPlaces(n) <= (cell.decimals ?? 2), {
              params: { code: 'decimals', decimals: cell.decimals ?? 2 },
            });
  const schema = z.preprocess((v) => normalizeCell(v, cell.unit), number.nullable());
  return cell.total ? schema.optional() : schema;
}


/**
 * A group that may be published as one row (see `GroupSubtotal`): its parts are required unless
 * its 小计 row is given; with the 小计, either every part or none. Runs whatever else is wrong
 * in the group, so a clerk sees a missing part with the rest.
 */
function subtotalGroupRule(group: SubtotalGroup) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    if (value === null || typeof value !== 'object') return;
    const missing = group.parts.filter((k) => value[k] === undefined);
    if (value[group.node.subtotal.key] === undefined) {
      for (const k of missing) ctx.addIssue({ code: 'invalid_type', expected: 'object', input: undefined, path: [k], message: 'missing' });
    } else if (missing.length && missing.length < group.parts.length) {
      for (const k of missing) ctx.addIssue({ code: 'custom', input: undefined, path: [k], message: 'subtotal parts', params: { code: 'subtotal-parts', given: group.parts.filter((p) => !missing.includes(p)) } });
    }
  };
}

/** Nested strict objects following the cells' YAML paths. */
function tableShape(cells: readonly CellDef[], groups: readonly SubtotalGroup[]) {
  const root = cellTree(cells);
  const byPath = new Map(groups.map((g) => [JSON.stringify(g.path), g]));
  const build = (tree: CellTree, at: readonly string[]): Record<string, z.ZodType> =>
    Object.fromEntries(
      Object.entries(tree).map(([k, v]) => {
        if ('kind' in v && 'id' in v) return [k, cellSchema(v as CellDef)];
        const path = [...at, k];
        const group = byPath.get(JSON.stringify(path));
        if (!group) return [k, z.strictObject(build(v as CellTree, path))];
        // Parts and the 小计 row are each optional; which must be given is the group's rule.
        const shape = Object.fromEntries(Object.entries(build(v as CellTree, path)).map(([key, s]) => [key, s.optional()]));
        return [k, z.strictObject(shape).superRefine(subtotalGroupRule(group), { when: () => true })];
      }),
    );
  return build(root, []);
}

const text = z.string().trim().min(1);
const markdown = z.string();

/** 机关 › 联系方式 › 邮编: six digits. */
export const POSTCODE = /^\d{6}$/;
/** 机关 › 标识: lower-case letters and digits in words joined by hyphens (it names the agency's folder and addresses). */
export const AGENCY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** 年度: the first and last year a report may be of (the 条例 took effect in 2008). */
export const YEARS = { first: 2008, last: 2100 } as const;

const contact = z.strictObject({
  单位: text.optional(),
  地址: text.optional(),
  邮编: z.string().regex(POSTCODE).optional(),
  电话: text.optional(),
  电子邮箱: z.email().optional(),
  网址: z.url().optional(),
});

/** One level of 机关 › 地区: it becomes a folder of the site, so it must be a safe folder name (see segment.ts). */
const regionName = text.superRefine((name, ctx) => {
  const problem = segmentProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { code: 'segment', problem } });
});

const agency = z.strictObject({
  标识: z.string().regex(AGENCY_ID),
  名称: text,
  地区: z.array(regionName).min(1),
  层级: z.enum(LEVELS),
  类型: z.enum(AGENCY_KINDS).optional(),
  联系方式: contact.optional(),
});

const date = z.preprocess(
  normalizeDate,
  z.string().refine(isCalendarDate, { params: { code: 'date' } }).nullable(),
);

/**
 * One entry of 确认偏差: a rule broken in the published report, kept as published. A table
 * rule names its 单元格; a text rule (LEFTOVER) names its 位置 and the 原文 it concerns.
 * `已核实: false` marks an entry recorded by `import` that no clerk has checked yet against the
 * original: it is published as 待核对, not as verified, until the clerk sets it to true (an entry
 * without the field was written by a clerk, and counts as checked).
 */
export const acknowledgement = z.strictObject({
  规则: z.enum([...ACKNOWLEDGEABLE, ...TEXT_ACKNOWLEDGEABLE]),
  单元格: text.optional(),
  位置: text.optional(),
  原文: text.optional(),
  说明: text,
  已核实: z.boolean().optional(),
});

/** A report year (full-width digits accepted). */
export const yearSchema = z.preprocess((v) => normalizeCell(v), z.number().int().min(YEARS.first).max(YEARS.last));

/** Fields every edition shares: who published what, when. */
const metaShape = {
  // Full-width digits (２０２０) are unambiguous, as in cells.
  [META_KEYS.year]: yearSchema,
  [META_KEYS.agency]: agency,
  [META_KEYS.title]: text,
  [META_KEYS.published]: date,
  [META_KEYS.preamble]: markdown.optional(),
  [META_KEYS.acknowledgements]: z.array(acknowledgement).optional(),
} as const;

/** Sections of an edition: prose as Markdown, tables as nested strict objects of cells. */
function sectionShape(edition: Edition): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  const tables = tableShape(valueCellsOf(edition), subtotalGroups(edition));
  for (const section of edition.sections) {
    if (section.kind === 'prose') shape[section.key] = section.required ? markdown : markdown.optional();
    else shape[section.key] = (tables[section.key] as z.ZodObject).extend({ [TABLE_NOTE_KEY]: text.optional() });
  }
  return shape;
}

function editionSchema<E extends Edition>(edition: E) {
  return z.strictObject({ [META_KEYS.edition]: z.literal(edition.id), ...metaShape, ...sectionShape(edition) } as {
    版本: z.ZodLiteral<E['id']>;
  } & typeof metaShape);
}

/**
 * One schema per edition, by id. Each is made on first use — hundreds of cell schemas, a good
 * part of a command's start-up — so a run that reads reports of one edition makes one.
 */
export const EDITION_SCHEMAS = {} as Record<EditionId, ReturnType<typeof editionSchema>>;
for (const e of Object.values(EDITIONS)) {
  let made: ReturnType<typeof editionSchema> | undefined;
  Object.defineProperty(EDITION_SCHEMAS, e.id, { enumerable: true, get: () => (made ??= editionSchema(e)) });
}

const wholeReport = () => z.discriminatedUnion(META_KEYS.edition, [EDITION_SCHEMAS[2019], EDITION_SCHEMAS[2021]]);
let whole: ReturnType<typeof wholeReport> | undefined;

/** The whole report: one strict object per edition, chosen by 版本 (made on first use). */
export function reportSchema(): ReturnType<typeof wholeReport> {
  return (whole ??= wholeReport());
}

/** A validated report, as read from YAML (totals possibly left out). */
export type Report = z.infer<ReturnType<typeof wholeReport>>;
