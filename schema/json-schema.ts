/**
 * The JSON Schema (draft-07) of a report, for editors: generated from the zod schema, then
 * annotated from the template description so that hovering a key shows its statutory label,
 * what kind of value it takes and whether it is a total that may be left out.
 *
 * Shaped for yaml-language-server (VS Code's YAML extension), which shows on hover a node's
 * `title` and `markdownDescription` and reports a failing object's or value's `errorMessage` in
 * place of its English default: a cell's type is one plain schema (no `anyOf`, whose branches the
 * hover would list as "自然人 || 自然人 || 自然人"); a cell's hover gives its statutory path (table,
 * row, column headings) and what to fill in; every row and table names its statutory label and
 * its keys in its `errorMessage`, shown for an unknown or missing key. The editor cannot check the
 * 勾稽关系 (R1–R7) or the cross-year rules: `nianbao validate` does.
 *
 * Deliberate differences from validation: a cell also accepts the texts validation normalises
 * (１２, +3, "/", 不适用, 12.5万元 in a 万元 column), and `null` — which is how an editor reads an
 * empty value (`自然人:`). An unfilled cell is therefore not shown as a type error while a
 * clerk is typing; `nianbao validate` lists unfilled cells separately. Optional fields accept
 * null for the same reason. Required fields (年度, 标题, …) do not: `new` fills them in, and an
 * empty one is an error in validation too.
 */
import { z } from 'zod';
import { cellName, cellsOf, leaves, subtotalGroups, valueCellsOf, type CellDef, type Leaf } from './cells.ts';
import { EDITIONS } from './editions/index.ts';
import { FIELD_HINTS } from './fields.ts';
import { META_KEYS, reportSchema } from './report.ts';
import type { Edition, HeaderNode } from './template.ts';
import { cellTextPattern } from './values.ts';

/** Where the committed schema lives, relative to the repository root. */
export const JSON_SCHEMA_PATH = 'schema/report.schema.json';

type JsonSchema = { [key: string]: unknown; properties?: Record<string, JsonSchema>; title?: string; description?: string };

const KIND_TEXT: Record<CellDef['kind'], string> = {
  count: '件数：0 或正整数',
  delta: '增减：整数，减少时填负数（如 -3）',
  money: '金额',
};

const kindText = (cell: Pick<CellDef, 'kind' | 'unit' | 'decimals'>): string =>
  cell.kind === 'money' ? `${KIND_TEXT.money}，单位：${cell.unit}，最多 ${cell.decimals ?? 2} 位小数` : KIND_TEXT[cell.kind];

/** What to write in one cell: kind, unit, total, blank — one sentence each. */
function cellAdvice(cell: CellDef): string[] {
  const lines = [`填写${kindText(cell)}。`];
  if (cell.total) lines.push('这是总计，可以不填（删去或留空），由系统按各项之和计算；填写时须等于各项之和。');
  lines.push('原报告此格为空白、“/”或“不适用”时填写 null（空白不等于 0）。');
  return lines;
}

/** Plain hover text of one cell: statutory name, then what to write. */
function cellDescription(cell: CellDef): string {
  return [cellName(cell), ...cellAdvice(cell)].join('\n');
}

/** Labels of a header leaf from the outermost heading down, unkeyed group headings included. */
const headingPath = (leaf: Leaf): string[] => [...leaf.ancestors, leaf.node].map((n) => n.label).filter(Boolean);

/**
 * Markdown hover of one cell: the statutory path — section, table, row and column headings as
 * printed in the template (《政府信息公开工作年度报告格式》) — then what to write.
 */
function cellMarkdown(cell: CellDef): string {
  const col = leaves(cell.grid.columns).find((l) => l.keys.join('/') === cell.colKeys.join('/'));
  const row = [...(cell.grid.title ? [cell.grid.title] : []), ...cell.rowLabels];
  const lines = [`**${cellName(cell)}**`, `- ${cell.section.heading}（表${cell.section.id}）`];
  if (row.length) lines.push(`- 行：${row.join(' › ')}`);
  lines.push(`- 列：${(col ? headingPath(col) : cell.colLabels).join(' › ')}`);
  return [lines.join('\n'), ...cellAdvice(cell).map((l) => l.replace('null', '`null`'))].join('\n\n');
}

const VALUE_TEXT: Record<Exclude<CellDef['kind'], 'money'>, string> = { count: '件数（0 或正整数）', delta: '增减数（整数，减少时填负数，如 -3）' };

/** The message for anything wrong in a cell's value (shared by the cells of one kind). */
function cellTypeMessage(cell: Pick<CellDef, 'kind' | 'unit' | 'decimals'>): string {
  const what = cell.kind === 'money' ? `金额（单位：${cell.unit}，最多 ${cell.decimals ?? 2} 位小数）` : VALUE_TEXT[cell.kind];
  return `此格只填数字：${what}，不带单位或文字；原报告此格为空白、“/”或“不适用”时填写 null。`;
}

/**
 * One schema for a cell's value out of zod's `anyOf` alternatives (integer | null | text).
 * Their keywords each apply to one JSON type (minimum to numbers, pattern to strings), so the
 * union of types with all keywords accepts exactly what the `anyOf` accepts.
 */
function mergeAlternatives(alternatives: readonly JsonSchema[]): JsonSchema {
  const types: string[] = [];
  const merged: JsonSchema = {};
  for (const alt of alternatives) {
    const { type, ...rest } = alt;
    for (const t of [type].flat()) if (typeof t === 'string' && !types.includes(t)) types.push(t);
    for (const [k, v] of Object.entries(rest)) {
      if (k in merged && JSON.stringify(merged[k]) !== JSON.stringify(v)) throw new Error(`单元格类型的两个分支都有 ${k}，不能合并`);
      merged[k] = v;
    }
  }
  return { type: types, ...merged };
}

/** Where an object's keys are (its statutory label), what they are, and whether they are cells. */
type KeysOf = { readonly where: string; readonly what: '栏目' | '行'; readonly cells?: boolean };

/** `「…」下的行只能是：…` — the errorMessage of a table, row group or row, naming its label and keys. */
function keysMessage({ where, what, cells }: KeysOf, keys: readonly string[], required: readonly string[]): string {
  const optional = keys.filter((k) => !required.includes(k));
  const note = optional.length && required.length ? `（${optional.join('、')}可以不写）` : '';
  const blank = cells ? '原报告空白的格子写 null，不要删去。' : '';
  return `${where}下的${what}只能是：${keys.join('、')}${note}。名称须与法定表格一字不差。${blank}`;
}

/** Key → statutory label of every keyed node in a header tree, by key path. */
function keyedLabels(nodes: readonly HeaderNode[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const leaf of leaves(nodes)) {
    const keys: string[] = [];
    for (const n of [...leaf.ancestors, leaf.node]) {
      if (n.key === undefined) continue;
      keys.push(n.key);
      out.set(keys.join('/'), n.label);
    }
  }
  return out;
}

function child(node: JsonSchema | undefined, key: string): JsonSchema | undefined {
  return node?.properties?.[key];
}

/** The node at a key path, stepping into list items (确认偏差 › 规则). */
function resolve(root: JsonSchema, keys: readonly string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  for (const k of keys) node = child(node, k) ?? child(node?.items as JsonSchema | undefined, k);
  return node;
}

const annotate = (node: JsonSchema | undefined, title: string, description?: string): void => {
  if (!node) return;
  node.title = title;
  if (description) node.description = description;
};

/** Name an object's statutory label and keys in its errorMessage (unknown or missing key, wrong shape). */
const explainKeys = (node: JsonSchema | undefined, keys: KeysOf, hover = true): void => {
  if (!node?.properties) return;
  node.errorMessage = keysMessage(keys, Object.keys(node.properties), (node.required as string[] | undefined) ?? []);
  if (hover) node.description ??= node.errorMessage as string;
};

/** Titles and descriptions for one edition's branch of the schema; cell types go to `definitions`. */
function annotateEdition(branch: JsonSchema, edition: Edition, definitions: Record<string, JsonSchema>): void {
  branch.title = `${edition.name}格式（${edition.source}）`;
  explainKeys(branch, { where: `${edition.name}格式的报告`, what: '栏目' }, false);
  for (const [path, hint] of Object.entries(FIELD_HINTS)) {
    const keys = path.split('/');
    annotate(resolve(branch, keys), keys.at(-1)!, hint);
  }
  for (const section of edition.sections) {
    const node = child(branch, section.key);
    if (section.kind === 'prose') {
      annotate(node, section.heading, `${section.guidance}${section.required ? '' : '（可省略）'}\n可用 Markdown 格式书写。`);
      continue;
    }
    annotate(node, section.heading);
    const table = `表${section.id}`;
    // Below the heading: sub-tables (表二's 第二十条第（一）项 …), rows, or — in a table of one row — column groups.
    const below = section.grids.some((g) => g.prefix.length) || section.grids.every((g) => !keyedLabels(g.rows).size) ? '栏目' : '行';
    explainKeys(node, { where: `「${table}：${section.heading}」`, what: below });
    for (const grid of section.grids) {
      let gridNode = node;
      for (const p of grid.prefix) {
        gridNode = child(gridNode, p);
        annotate(gridNode, grid.title ?? p);
        explainKeys(gridNode, { where: `「${table}：${grid.title ?? p}」`, what: '行' });
      }
      const rowLabels = keyedLabels(grid.rows);
      const colLabels = keyedLabels(grid.columns);
      const rowLeaves = new Set(leaves(grid.rows).map((l) => l.keys.join('/')));
      // Keyed column groups inside a row (表四: 行政复议 › 结果维持): cells and their groups.
      const columns = (base: JsonSchema | undefined, prefix: string[], names: string[]): void => {
        for (const [key, sub] of Object.entries(base?.properties ?? {})) {
          const keys = [...prefix, key];
          const label = colLabels.get(keys.join('/'));
          if (label === undefined || !sub.properties) continue;
          annotate(sub, label);
          explainKeys(sub, { where: `「${table}：${[...names, label].join(' / ')}」`, what: '栏目', cells: true });
          columns(sub, keys, [...names, label]);
        }
      };
      const rows = (base: JsonSchema | undefined, prefix: string[], names: string[]): void => {
        for (const [key, sub] of Object.entries(base?.properties ?? {})) {
          const keys = [...prefix, key];
          const label = rowLabels.get(keys.join('/'));
          if (label === undefined) continue;
          annotate(sub, label);
          const path = [...names, label];
          // A row holds cells ({自然人: 3, …}); a row group holds rows.
          const row = rowLeaves.has(keys.join('/'));
          explainKeys(sub, { where: `「${table}：${path.join(' / ')}」`, what: row ? '栏目' : '行', cells: row });
          if (row) columns(sub, [], path);
          else rows(sub, keys, path);
        }
      };
      const titled = grid.title ? [grid.title] : [];
      if (rowLabels.size) rows(gridNode, [], titled);
      else columns(gridNode, [], titled);
    }
  }
  // A group the template admits publishing as one row: its parts, or its 小计 (see GroupSubtotal).
  for (const group of subtotalGroups(edition)) {
    const node = resolve(branch, group.path);
    if (!node) throw new Error(`JSON Schema 中找不到${group.node.label}`);
    const key = group.node.subtotal.key;
    const need = (keys: readonly string[]) => ({ properties: Object.fromEntries(keys.map((k) => [k, {}])), required: [...keys] });
    node.anyOf = [need(group.parts), need([key])];
    node.errorMessage = `「${group.node.label}」下须逐项填写 ${group.parts.join('、')}；原报告只印“${group.node.label}”一行时，删去各分项，把这一行写在「${key}」中。`;
    annotate(resolve(branch, [...group.path, key]), key, `原报告把“${group.node.label}”只印作一行时，照原样填写这一行（各分项不写）；原报告也印了分项时，各分项之和须等于这一行。`);
  }
  for (const cell of valueCellsOf(edition)) {
    const node = resolve(branch, cell.path);
    if (!node) throw new Error(`JSON Schema 中找不到单元格 ${cell.id}`);
    // Cells of one kind share one definition: the file stays small and quick to load.
    const name = `${cell.kind}${cell.unit ? `-${cell.unit === '元' ? 'yuan' : 'wanyuan'}` : ''}${cell.decimals !== undefined ? `-${cell.decimals}` : ''}`;
    definitions[name] ??= {
      ...mergeAlternatives([...((node.anyOf as JsonSchema[] | undefined) ?? [node]), { type: 'string', pattern: cellTextPattern(cell.kind, cell.unit) }]),
      errorMessage: cellTypeMessage(cell),
    };
    for (const key of Object.keys(node)) delete node[key];
    Object.assign(node, { title: cell.colLabels.at(-1) ?? cell.id, description: cellDescription(cell), markdownDescription: cellMarkdown(cell), allOf: [{ $ref: `#/definitions/${name}` }] });
  }
}

const acceptsNull = (node: JsonSchema): boolean =>
  node.type === 'null' || (Array.isArray(node.type) && node.type.includes('null')) || ((node.anyOf as JsonSchema[] | undefined) ?? []).some(acceptsNull);

/**
 * An optional field written empty (`单位:`) is unfilled, which validation treats as absent; an
 * editor reads it as null. Let optional fields be null so that a scaffold's empty optional
 * fields are not shown as errors. (Cells take null through their shared definitions.)
 */
function allowEmptyOptional(node: JsonSchema): void {
  for (const branch of [...((node.oneOf as JsonSchema[] | undefined) ?? []), ...((node.anyOf as JsonSchema[] | undefined) ?? [])]) allowEmptyOptional(branch);
  if (node.items) allowEmptyOptional(node.items as JsonSchema);
  const required = new Set((node.required as string[] | undefined) ?? []);
  for (const [key, prop] of Object.entries(node.properties ?? {})) {
    allowEmptyOptional(prop);
    if (required.has(key) || prop.allOf || acceptsNull(prop)) continue;
    const { title, description, ...rest } = prop;
    node.properties![key] = { ...(title ? { title } : {}), ...(description ? { description } : {}), anyOf: [rest, { type: 'null' }] };
  }
}

/** The report's JSON Schema (draft-07), annotated for editors. Pure: same input, same output. */
export function reportJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(reportSchema(), { target: 'draft-7', io: 'output', unrepresentable: 'any' }) as JsonSchema;
  const branches = (schema.oneOf ?? schema.anyOf) as JsonSchema[];
  const definitions: Record<string, JsonSchema> = {};
  for (const branch of branches) {
    const id = (branch.properties?.[META_KEYS.edition] as { const?: number } | undefined)?.const;
    const edition = Object.values(EDITIONS).find((e) => e.id === id);
    if (!edition) throw new Error(`JSON Schema 的分支没有可识别的“版本”：${String(id)}`);
    annotateEdition(branch, edition, definitions);
    allowEmptyOptional(branch);
  }
  return {
    $schema: schema.$schema,
    title: '政府信息公开工作年度报告',
    description: '一份年度报告的 YAML 文件。“版本”决定表格格式：2019 = 国办公开办函〔2019〕60号；2021 = 国办公开办函〔2021〕30号。',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
    definitions,
  };
}

/** The schema as the file `nianbao schema` writes (stable formatting, trailing newline). */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}
