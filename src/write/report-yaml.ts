/**
 * Writes a report as the YAML a clerk edits: every field in template order under its
 * statutory label, table rows one per line, explanations as comments. Cells with no value
 * are written empty (`自然人: `) — unfilled, so validation lists them — never as 0.
 */
import { stringify } from 'yaml';
import { leaves, subtotalGroups, valueCellsOf, type CellDef } from '../../schema/cells.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { FIELD_HINTS } from '../../schema/fields.ts';
import { AGENCY_KINDS, LEVELS, META_KEYS, TABLE_NOTE_KEY } from '../../schema/report.ts';
import type { Grid, HeaderNode } from '../../schema/template.ts';

export interface ReportDraft {
  readonly edition: EditionId;
  readonly year?: number;
  readonly agency?: {
    readonly id?: string;
    readonly name?: string;
    readonly region?: readonly string[];
    readonly level?: (typeof LEVELS)[number];
    /** 机关 › 类型; null writes the key empty for the clerk to fill, undefined leaves it out. */
    readonly kind?: (typeof AGENCY_KINDS)[number] | null;
    readonly contact?: Readonly<Record<string, string>>;
  };
  readonly title?: string;
  /** ISO date, null when the report states none, undefined when unknown yet. */
  readonly published?: string | null;
  readonly preamble?: string;
  /** Prose sections by number (一, 五, 六), Markdown. */
  readonly prose?: Readonly<Partial<Record<'一' | '五' | '六', string>>>;
  /**
   * Cell values by cell id; a cell not in the map is written unfilled. A group's 小计 row (see
   * `GroupSubtotal`) is written only when the map holds its cells; then the parts none of whose
   * cells the map holds are left out (not published separately), not written unfilled.
   */
  readonly values?: ReadonlyMap<string, number | null>;
  /** Totals to leave out so they are computed (by default totals are written when known). */
  readonly omitTotals?: boolean;
  /** 确认偏差 entries: table rules name a cell, text rules (LEFTOVER) the place and the text; `confirmed: false` for those recorded by import and not yet checked (已核实: false). */
  readonly acknowledgements?: readonly { readonly rule: string; readonly cell?: string; readonly place?: string; readonly text?: string; readonly note: string; readonly confirmed?: boolean }[];
  /** Comments written under a table row (source text of a row not placed), by row id: section id, grid prefix and row keys joined by '/'. */
  readonly rowNotes?: ReadonlyMap<string, readonly string[]>;
  /** Comments written at the end of a table, by section id (二/三/四): rows the source printed that have no place in it. */
  readonly tableComments?: ReadonlyMap<string, readonly string[]>;
  /** 表注 of each table, by section id: the notes the report prints with it (注：…, 单位：件). */
  readonly tableNotes?: ReadonlyMap<string, string>;
  /** Path of the JSON Schema relative to the output file, for the editor modeline. */
  readonly schemaPath?: string;
}

/** A scalar as YAML writes it on one line (quoted where needed). */
const scalar = (v: unknown): string => stringify(v, { lineWidth: 0 }).trimEnd();

/** A Markdown text as a literal block under `key:`. */
function block(key: string, text: string | undefined, indent = ''): string[] {
  if (text === undefined) return [`${indent}${key}:`];
  const body = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  // Empty but ready for typing: the text goes on the following lines, indented two spaces.
  if (body === '') return [`${indent}${key}: |-`];
  return [`${indent}${key}: |-`, ...body.split('\n').map((l) => (l === '' ? '' : `${indent}  ${l}`))];
}

const cellValue = (values: ReadonlyMap<string, number | null> | undefined, cell: CellDef, omitTotals: boolean): string => {
  if (omitTotals && cell.total) return '';
  if (!values || !values.has(cell.id)) return '';
  const v = values.get(cell.id);
  return v === null ? 'null' : String(v);
};

/** The comment that explains a column header once above a grid. */
function columnComment(columns: readonly HeaderNode[]): string {
  return leaves(columns)
    .map((l) => {
      const label = l.node.label;
      const unit = l.node.unit && !label.includes(l.node.unit) ? `（单位：${l.node.unit}）` : '';
      const total = l.node.total ? '（可不填，自动计算）' : '';
      return `${label}${unit}${total}`;
    })
    .join('｜');
}

/** A comment line: the text on one line, as a YAML comment. */
const comment = (indent: string, text: string): string => `${indent}# ${text.replace(/\s*[\r\n]+\s*/g, ' ')}`;

/** The rows of one grid as YAML lines, nesting row groups, one flow mapping per data row. */
function gridLines(grid: Grid, cells: readonly CellDef[], draft: ReportDraft, indent: string, sectionId: string): string[] {
  const out: string[] = [];
  const notes = (keys: readonly string[], ind: string): void => {
    for (const n of draft.rowNotes?.get([sectionId, ...grid.prefix, ...keys].join('/')) ?? []) out.push(comment(ind, n));
  };
  const byRow = new Map<string, CellDef[]>();
  for (const c of cells) {
    const k = c.rowKeys.join('/');
    byRow.set(k, [...(byRow.get(k) ?? []), c]);
  }
  const rowLine = (rowCells: readonly CellDef[]): string => {
    // Column key paths nest as flow mappings: 行政诉讼: {复议后起诉: {结果维持: 0, …}}.
    type T = { [k: string]: T | string };
    const tree: T = {};
    for (const c of rowCells) {
      let node = tree;
      c.colKeys.forEach((k, i) => {
        if (i === c.colKeys.length - 1) node[k] = cellValue(draft.values, c, draft.omitTotals ?? false);
        else node = (node[k] ??= {}) as T;
      });
    }
    const flow = (t: T): string =>
      `{${Object.entries(t)
        .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : flow(v)}`)
        .join(', ')}}`;
    return flow(tree);
  };
  const walk = (nodes: readonly HeaderNode[], keys: string[], ind: string): void => {
    for (const node of nodes) {
      const k = node.key === undefined ? keys : [...keys, node.key];
      const note = node.key !== undefined && node.label !== node.key ? `  # ${node.label}` : '';
      if (node.children?.length) {
        out.push(`${ind}${node.key}:${note}`);
        const sub = node.subtotal ? subtotalGroups(EDITIONS[draft.edition]).find((g) => g.node === node) : undefined;
        if (sub && sub.cells.some((c) => draft.values?.has(c.id))) {
          const oneRow = !sub.partCells.some((c) => draft.values?.has(c.id));
          const why = oneRow ? `原报告“${node.label}”只印这一行，未分项公布` : `原报告印出的“${node.label}”一行，各分项之和应等于它`;
          out.push(`${ind}  ${node.subtotal!.key}: ${rowLine(sub.cells)}  # ${why}`);
          notes([...k, node.subtotal!.key], `${ind}  `);
          if (oneRow) {
            // Comments written beside the parts (the import's notes) stay, under the group.
            for (const child of node.children) if (child.key !== undefined) notes([...k, child.key], `${ind}  `);
            continue;
          }
        }
        walk(node.children, k, `${ind}  `);
        continue;
      }
      const rowCells = byRow.get(k.join('/')) ?? [];
      if (node.key === undefined) {
        // A grid whose single row has no label (section 四): column groups become keys,
        // and each group of leaf columns one flow row.
        const columnBlock = (cols: readonly HeaderNode[], colKeys: string[], cind: string): void => {
          for (const col of cols) {
            const ck = col.key === undefined ? colKeys : [...colKeys, col.key];
            const sub = rowCells.filter((c) => ck.every((key, i) => c.colKeys[i] === key));
            if (col.children?.some((ch) => ch.children?.length)) {
              out.push(`${cind}${col.key}:`);
              columnBlock(col.children, ck, `${cind}  `);
            } else {
              const stripped = sub.map((c) => ({ ...c, colKeys: c.colKeys.slice(ck.length) }));
              out.push(`${cind}${col.key}: ${rowLine(stripped)}`);
            }
          }
        };
        columnBlock(grid.columns, [], ind);
        notes(k, ind);
        continue;
      }
      const total = node.total ? '（可不填，自动计算）' : '';
      out.push(`${ind}${node.key}: ${rowLine(rowCells)}${note}${total && note ? total : total ? `  # ${total}` : ''}`);
      notes(k, ind);
    }
  };
  walk(grid.rows, [], indent);
  return out;
}

/** The report as commented YAML text. */
export function reportToYaml(draft: ReportDraft): string {
  const edition = EDITIONS[draft.edition];
  const cells = valueCellsOf(edition);
  const a = draft.agency ?? {};
  const lines: string[] = [];
  lines.push(`# yaml-language-server: $schema=${draft.schemaPath ?? '../../schema/report.schema.json'}`);
  lines.push('# 政府信息公开工作年度报告。填写方法见 docs/填报指南.md；保存后运行 npx nianbao validate 检查。');
  lines.push('# 数字直接填写；原报告中为空白、“/”或“不适用”的格子填写 null（空白不等于 0）。');
  lines.push(`${META_KEYS.edition}: ${draft.edition}  # 表格格式：2019 = 国办公开办函〔2019〕60号；2021 = 国办公开办函〔2021〕30号`);
  lines.push(`${META_KEYS.year}:${draft.year === undefined ? '' : ` ${draft.year}`}  # 报告所属年度`);
  lines.push(`${META_KEYS.agency}:`);
  lines.push(`  标识:${a.id ? ` ${a.id}` : ''}  # 小写英文字母、数字和“-”，各年度保持不变，与文件名一致`);
  lines.push(`  名称:${a.name ? ` ${scalar(a.name)}` : ''}`);
  lines.push(`  地区:${a.region ? ` [${a.region.map(scalar).join(', ')}]` : ''}  # 从省级写起`);
  lines.push(`  层级:${a.level ? ` ${a.level}` : ''}  # ${LEVELS.join(' / ')}`);
  if (a.kind !== undefined) lines.push(`  类型:${a.kind ? ` ${a.kind}` : ''}  # ${AGENCY_KINDS.join(' / ')}（政府部门：县级以上人民政府的工作部门）`);
  if (a.contact && Object.keys(a.contact).length) {
    lines.push('  联系方式:');
    for (const [k, v] of Object.entries(a.contact)) {
      // An empty contact field is written unfilled, with its advice, for the clerk to complete.
      const hint = FIELD_HINTS[`${META_KEYS.agency}/联系方式/${k}`];
      lines.push(v === '' ? `    ${k}:${hint ? `  # ${hint}` : ''}` : `    ${k}: ${scalar(v)}`);
    }
  }
  lines.push(`${META_KEYS.title}:${draft.title ? ` ${scalar(draft.title)}` : ''}`);
  const pub = draft.published === undefined ? '' : draft.published === null ? ' null' : ` ${draft.published}`;
  lines.push(`${META_KEYS.published}:${pub}  # 如 2021-01-26；原报告未注明日期时填 null`);
  if (draft.preamble !== undefined) lines.push(...block(META_KEYS.preamble, draft.preamble));
  for (const section of edition.sections) {
    lines.push('');
    if (section.kind === 'prose') {
      const text = draft.prose?.[section.id];
      if (text === undefined && !section.required && Object.keys(draft.prose ?? {}).length) continue;
      lines.push(`# ${section.guidance}`);
      lines.push(...block(section.key, text));
      continue;
    }
    lines.push(`${section.key}:`);
    for (const grid of section.grids) {
      const gridCells = cells.filter((c) => c.grid === grid);
      let indent = '  ';
      for (const p of grid.prefix) {
        lines.push(`${indent}${p}:`);
        indent += '  ';
      }
      if (grid.rows.some((r) => r.key !== undefined)) {
        lines.push(`${indent}# ${grid.corner && grid.corner.length <= 12 ? `${grid.corner}｜` : ''}${columnComment(grid.columns)}`);
      } else lines.push(`${indent}# 各组“总计”可不填，自动计算`);
      lines.push(...gridLines(grid, gridCells, draft, indent, section.id));
    }
    const note = draft.tableNotes?.get(section.id);
    if (note !== undefined) lines.push(`  ${TABLE_NOTE_KEY}: ${scalar(note)}  # 原报告印在表下的注释，照原样显示在表格下方`);
    for (const n of draft.tableComments?.get(section.id) ?? []) lines.push(comment('  ', n));
  }
  if (draft.acknowledgements?.length) {
    lines.push('');
    lines.push('# 原报告发布时即存在、保留原样的不一致（公开显示在报告页面上）。');
    if (draft.acknowledgements.some((a) => a.confirmed === false)) lines.push('# “已核实: false”的各项由导入记入：对照原报告核对这几格后改为 true；若是抄录有误，改正数字并删去该项。');
    lines.push(`${META_KEYS.acknowledgements}:`);
    for (const ack of draft.acknowledgements) {
      lines.push(`  - 规则: ${ack.rule}`);
      if (ack.cell !== undefined) lines.push(`    单元格: ${scalar(ack.cell)}`);
      if (ack.place !== undefined) lines.push(`    位置: ${scalar(ack.place)}`);
      if (ack.text !== undefined) lines.push(`    原文: ${scalar(ack.text)}`);
      lines.push(`    说明: ${scalar(ack.note)}`);
      if (ack.confirmed !== undefined) lines.push(`    已核实: ${ack.confirmed}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
