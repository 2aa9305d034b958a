/**
 * The JSON Schema (draft-07) of a report's JSON download, published at /data/report.schema.json.
 * One branch per edition pins its tables, sub-tables, row and column labels (the template's,
 * from tableLayout) and gives each column's cells their type, so the schema both checks a file
 * and documents the statutory labels. Pure: same template, same text.
 */
import { EDITION_IDS, EDITIONS } from '../../schema/editions/index.ts';
import { ACKNOWLEDGEABLE, LEVELS, TEXT_ACKNOWLEDGEABLE } from '../../schema/report.ts';
import { subtotalGroups } from '../../schema/cells.ts';
import type { CellKind, Edition } from '../../schema/template.ts';
import { readableJson } from './json.ts';
import { RECORD_ABOUT, REPORT_SCHEMA_URL, tableLayout, type TableLayout } from './record.ts';

type Schema = Record<string, unknown>;

const nullable = (s: Schema, description?: string): Schema => ({ ...(description ? { description } : {}), anyOf: [s, { type: 'null' }] });
const str = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });
const object = (properties: Record<string, Schema>, optional: readonly string[] = [], extra: Schema = {}): Schema => ({
  type: 'object',
  ...extra,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  additionalProperties: false,
  properties,
});
/** An array of exactly these items, in order. */
const tuple = (items: readonly Schema[]): Schema => ({ type: 'array', items, minItems: items.length, additionalItems: false });

/** What a cell of a column of each kind may hold. */
const CELL: Record<CellKind, Schema> = {
  count: nullable({ type: 'integer', minimum: 0 }, '件数、项数：0 或正整数；null 为原报告空白'),
  delta: nullable({ type: 'integer' }, '本年增/减：整数，可为负；null 为原报告空白'),
  money: nullable({ type: 'number', minimum: 0 }, '金额，单位见该列 unit；null 为原报告空白'),
};

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

/**
 * `subtotals` of a sub-table holding a row group the template admits publishing as one row
 * (schema/template.ts `subtotal`): present only in a report that printed it so. None elsewhere.
 */
function subtotalsSchema(edition: Edition, sub: TableLayout['subtables'][number], row: Schema, index: (n: number) => Schema): Record<string, Schema> {
  const items = subtotalGroups(edition).flatMap((g) => {
    const parts = sub.cells.flatMap((r, i) => (g.partCells.includes(r[0]!) ? [i] : []));
    if (!parts.length) return [];
    return [
      object({
        key: { const: g.cells[0]!.rowKeys.join('/') },
        label: { const: g.cells[0]!.rowLabels },
        values: { ...row, description: '原报告印作一行的这一组的数字，每列一个' },
        computed: { type: 'array', description: '这一行中由各项相加得出的合计所在的列（从 0 起）', items: index(sub.columns.length) },
        parts: { const: parts, description: '这一组各分项所在的行（从 0 起）：values 中这些行的 null 表示未分项公布，不是空白' },
      }),
    ];
  });
  if (!items.length) return {};
  return { subtotals: { type: 'array', description: '原报告把一组印作一行（小计）时才有', items: items.length === 1 ? items[0]! : { anyOf: items }, minItems: 1, maxItems: items.length } };
}

/** The branch of one edition: its id, and its tables exactly as the template has them. */
function editionBranch(id: (typeof EDITION_IDS)[number]): Schema {
  const edition = EDITIONS[id];
  const tables = tableLayout(edition).map((t) =>
    object({
      table: { const: t.table },
      heading: { const: t.heading },
      note: nullable(str(), '原报告印在表下的注释（表注），没有为 null'),
      subtables: tuple(
        t.subtables.map((sub) => {
          const row = tuple(sub.columns.map((c) => ({ $ref: `#/definitions/${c.kind}` })));
          const index = (n: number) => ({ type: 'integer', minimum: 0, maximum: n - 1 });
          return object({
            key: { const: sub.key },
            title: { const: sub.title },
            corner: { const: sub.corner },
            columns: { const: sub.columns },
            rows: { const: sub.rows },
            values: { ...tuple(sub.rows.map(() => row)), description: 'values[行][列]' },
            computed: { type: 'array', description: '由各项相加得出的合计：[行, 列]，从 0 起', items: tuple([index(sub.rows.length), index(sub.columns.length)]) },
            ...subtotalsSchema(edition, sub, row, index),
          }, ['subtotals']);
        }),
      ),
    }),
  );
  return {
    type: 'object',
    properties: {
      edition: { type: 'object', properties: { id: { const: edition.id }, name: { const: edition.name }, source: { const: edition.source } } },
      tables: tuple(tables),
    },
  };
}

/** The schema of a report's JSON. */
export function recordJsonSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: REPORT_SCHEMA_URL,
    title: '政府信息公开工作年度报告（开放数据，每份报告一个 JSON 文件）',
    description: `${RECORD_ABOUT} 表格的栏目名取自该报告所用格式版本的法定模板：2019年版（国办公开办函〔2019〕60号）、2021年版（国办公开办函〔2021〕30号）。`,
    definitions: { count: CELL.count, delta: CELL.delta, money: CELL.money },
    ...object(
      {
        about: str('如何读这个文件'),
        year: { type: 'integer', minimum: 2008, maximum: 2100, description: '报告所属年度' },
        agency: object({
          id: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', description: '机关标识（各年度不变）' },
          name: str('机关名称'),
          region: { type: 'array', items: { type: 'string' }, minItems: 1, description: '所在地区，从省级起' },
          level: { enum: [...LEVELS], description: '层级' },
        }),
        edition: object({ id: { enum: EDITION_IDS }, name: str('版本名称'), source: str('发文字号') }),
        title: str('报告标题'),
        published: nullable({ type: 'string', pattern: DATE }, '发布日期，原报告未注明为 null'),
        page: str('本站报告页面的路径'),
        text: { type: 'object', additionalProperties: { type: 'string' }, description: '各文字部分（Markdown），以标题为键' },
        tables: { type: 'array', description: '表二、表三、表四，按格式版本（见下面各版本的分支）' },
        deviations: {
          type: 'array',
          description: '确认偏差：原报告中确实存在、照原样发布的不一致',
          items: object({
            rule: { enum: [...ACKNOWLEDGEABLE, ...TEXT_ACKNOWLEDGEABLE] },
            cell: nullable(str(), '单元格编号'),
            location: nullable(str(), '文字所在位置'),
            original: nullable(str(), '原文'),
            note: str('说明'),
            verified: { type: 'boolean', description: 'false：导入时记入，尚待核对' },
          }),
        },
        history: {
          type: 'array',
          description: '修订记录，新的在前（只在网站的文件中，构建时有 git 历史才有）',
          items: object({
            commit: str('提交编号'),
            date: str('提交日期（ISO 8601）'),
            reason: str('更正原因（提交说明）'),
            first: { type: 'boolean', description: 'true：首次发布' },
            cells: {
              type: 'array',
              items: object({ id: str('单元格编号'), label: str('法定栏目名'), before: nullable({ type: 'number' }), after: nullable({ type: 'number' }) }, ['before', 'after']),
            },
            text: { type: 'array', items: object({ heading: str(), before: nullable(str()), after: nullable(str()) }) },
            fields: { type: 'array', items: object({ field: str(), before: nullable(str()), after: nullable(str()) }) },
          }),
        },
      },
      ['history'],
    ),
    oneOf: EDITION_IDS.map(editionBranch),
  };
}

/** The file /data/report.schema.json. */
export const recordJsonSchemaText = (): string => readableJson(recordJsonSchema());
