/**
 * The JSON Schema (draft-07) of a report, for editors: generated from the zod schema, then
 * annotated from the template description so that hovering a key shows its statutory label,
 * what kind of value it takes and whether it is a total that may be left out.
 *
 * Deliberate differences from validation: a cell also accepts the texts validation normalises
 * (１２, +3, "/", 不适用, 12.5万元 in a 万元 column), and `null` — which is how an editor reads an
 * empty value (`自然人:`). An unfilled cell is therefore not shown as a type error while a
 * clerk is typing; `nianbao validate` lists unfilled cells separately. Optional fields accept
 * null for the same reason. Required fields (年度, 标题, …) do not: `new` fills them in, and an
 * empty one is an error in validation too.
 */
import { z } from 'zod';
import { cellName, cellsOf, leaves, type CellDef } from './cells.ts';
import { EDITIONS } from './editions/index.ts';
import { FIELD_HINTS } from './fields.ts';
import { META_KEYS, ReportSchema } from './report.ts';
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

/** Hover text of one cell: statutory name, kind, unit, total, blank. */
function cellDescription(cell: CellDef): string {
  const kind = cell.kind === 'money' ? `${KIND_TEXT.money}，单位：${cell.unit}，最多 ${cell.decimals ?? 2} 位小数` : KIND_TEXT[cell.kind];
  const lines = [cellName(cell), `填写${kind}。`];
  if (cell.total) lines.push('这是总计，可以不填（删去或留空），由系统按各项之和计算；填写时须等于各项之和。');
  lines.push('原报告此格为空白、“/”或“不适用”时填写 null（空白不等于 0）。');
  return lines.join('\n');
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

/** Titles and descriptions for one edition's branch of the schema; cell types go to `definitions`. */
function annotateEdition(branch: JsonSchema, edition: Edition, definitions: Record<string, JsonSchema>): void {
  branch.title = `${edition.name}格式（${edition.source}）`;
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
    for (const grid of section.grids) {
      let gridNode = node;
      for (const p of grid.prefix) {
        gridNode = child(gridNode, p);
        annotate(gridNode, grid.title ?? p);
      }
      const rowLabels = keyedLabels(grid.rows);
      const colLabels = keyedLabels(grid.columns);
      const walk = (base: JsonSchema | undefined, labels: Map<string, string>, prefix: string[]): void => {
        for (const [key, sub] of Object.entries(base?.properties ?? {})) {
          const label = labels.get([...prefix, key].join('/'));
          if (label === undefined) continue;
          annotate(sub, label);
          walk(sub, labels, [...prefix, key]);
        }
      };
      walk(gridNode, rowLabels, []);
    }
  }
  for (const cell of cellsOf(edition)) {
    const node = resolve(branch, cell.path);
    if (!node) throw new Error(`JSON Schema 中找不到单元格 ${cell.id}`);
    // Cells of one kind share one definition: the file stays small and quick to load.
    const name = `${cell.kind}${cell.unit ? `-${cell.unit === '元' ? 'yuan' : 'wanyuan'}` : ''}${cell.decimals !== undefined ? `-${cell.decimals}` : ''}`;
    definitions[name] ??= { anyOf: [...((node.anyOf as JsonSchema[] | undefined) ?? []), { type: 'string', pattern: cellTextPattern(cell.kind, cell.unit) }] };
    for (const key of Object.keys(node)) delete node[key];
    Object.assign(node, { title: cell.colLabels.at(-1) ?? cell.id, description: cellDescription(cell), allOf: [{ $ref: `#/definitions/${name}` }] });
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
  const schema = z.toJSONSchema(ReportSchema, { target: 'draft-7', io: 'output', unrepresentable: 'any' }) as JsonSchema;
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
