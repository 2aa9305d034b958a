/**
 * The layout of a statutory table — header rows with their rowspans and colspans, row
 * labels, data cells with `headers` references — computed from the template description
 * once per edition and section, as escaped markup; a report only fills in its values.
 * Templates print the rows as they are.
 */
import { leaves, subtotalGroups, valueCellsOf, type CellDef, type SubtotalGroup } from '../../schema/cells.ts';
import type { Values } from '../../schema/rules.ts';
import type { Edition, Grid, HeaderNode, TableSection } from '../../schema/template.ts';
import { escapeHtml } from './html.ts';
import { cellIndex } from '../../schema/cell-values.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';

/** A header or padding cell as laid out; printed once per edition as markup. */
interface HeadCell {
  readonly tag: 'th' | 'td';
  readonly id?: string;
  readonly text: string;
  /** Printed lines (the Word template breaks some headers in two). */
  readonly lines: readonly string[];
  readonly colspan: number;
  readonly rowspan: number;
  readonly scope?: 'col' | 'colgroup' | 'row' | 'rowgroup';
  readonly headers?: string;
  readonly className?: string;
}

/** One grid of a table: its header rows and body rows. */
export interface TableBlock {
  /** Each header row's cells as escaped markup, the same for every report of an edition. */
  readonly head: readonly string[];
  /** Each body row's cells as escaped markup: row labels, the report's values, padding. */
  readonly body: readonly string[];
}

/** A statutory table section of one report, ready to print. */
export interface TableView {
  readonly id: string;
  readonly caption: string;
  /** Number of columns, for print and colgroups. */
  readonly columns: number;
  /**
   * A class per row-label column (`lc-0`, `lc-1`, …), for its `<col>`: each row label carries
   * the class of the column it starts in, so a narrow screen keeps the labels in place
   * (sticky, at the widths the stylesheet gives those columns) while the numbers scroll.
   */
  readonly labelColumns: readonly string[];
  readonly blocks: readonly TableBlock[];
}

const depth = (nodes: readonly HeaderNode[]): number =>
  Math.max(0, ...nodes.map((n) => (n.children?.length ? 1 + depth(n.children) : 1)));
const leafCount = (n: HeaderNode): number => (n.children?.length ? n.children.reduce((s, c) => s + leafCount(c), 0) : 1);
const linesOf = (n: HeaderNode) => n.lines ?? [n.label];

/** How a value is printed: as published, blank for null. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined) return '';
  return String(v);
}

const COMPUTED_TITLE = ' title="原报告未填写此总计，由各项相加得出"';
const BLANK_TITLE = ' title="原报告此格为空白"';

/** An opening tag; attributes in a fixed order, each only when it says something. */
function startTag(c: HeadCell, extra = ''): string {
  return (
    `<${c.tag}` +
    (c.id ? ` id="${escapeHtml(c.id)}"` : '') +
    (c.colspan > 1 ? ` colspan="${c.colspan}"` : '') +
    (c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : '') +
    (c.scope ? ` scope="${c.scope}"` : '') +
    (c.headers ? ` headers="${escapeHtml(c.headers)}"` : '') +
    (c.className ? ` class="${escapeHtml(c.className)}"` : '') +
    extra +
    '>'
  );
}

/** A header or padding cell's markup; a header broken in lines prints them with <br>. */
function headHtml(c: HeadCell): string {
  const content = c.lines.length > 1 ? c.lines.map(escapeHtml).join('<br>') : escapeHtml(c.text);
  return `${startTag(c)}${content}</${c.tag}>`;
}

/** A data cell's place: its id and its opening tag for each of (blank, computed). */
interface Slot {
  readonly id: string;
  /** Indexed by (blank ? 1 : 0) + (computed ? 2 : 0). */
  readonly startTags: readonly string[];
}

interface RowLayout {
  readonly lead: string;
  readonly slots: readonly Slot[];
  readonly tail: string;
}

interface BlockLayout {
  readonly head: readonly string[];
  readonly rows: readonly RowLayout[];
}

/** Everything about a statutory table that is the same for every report of an edition. */
interface SectionLayout {
  readonly id: string;
  readonly caption: string;
  readonly columns: number;
  readonly labelColumns: readonly string[];
  readonly blocks: readonly BlockLayout[];
}

/**
 * The `data-cell` attribute of a report page's data cell: the cell's position in its edition's
 * cells (`cellIndex`, schema/cell-values.ts), e.g. "57". The full id (三/本年度办理结果/不予公开/…)
 * was a third of every page's bytes; the id is in the report's JSON, and `cellOfAttribute` reads it back.
 */
export function cellAttribute(editionId: EditionId, id: string): string {
  return String(cellIndex(editionId).get(id)!);
}

/** The cell id a report page's `data-cell` attribute stands for (see `cellAttribute`). */
export function cellOfAttribute(editionId: EditionId, attribute: string): string {
  return valueCellsOf(EDITIONS[editionId])[Number(attribute)]!.id;
}

function slotOf(editionId: EditionId, cell: CellDef, headers: string, colspan: number): Slot {
  const kind = cell.kind === 'count' ? 'num' : `num ${cell.kind}`;
  const tag = (blank: boolean, computed: boolean) => {
    const className = [kind, cell.total ? 'total' : '', blank ? 'blank' : ''].filter(Boolean).join(' ');
    const title = computed ? COMPUTED_TITLE : blank ? BLANK_TITLE : '';
    return startTag({ tag: 'td', text: '', lines: [], colspan, rowspan: 1, headers, className }, ` data-cell="${cellAttribute(editionId, cell.id)}"${title}`);
  };
  return { id: cell.id, startTags: [tag(false, false), tag(true, false), tag(false, true), tag(true, true)] };
}

/**
 * How a report published a group the template admits as one row (see `GroupSubtotal`): in its
 * parts only (as the template prints it), as one row only (小计; its parts 未分项公布), or both.
 */
type GroupMode = 'parts' | 'one-row' | 'both';

/** The text in place of a part's figures when its group was published as one row only. */
export const UNPUBLISHED = '未分项公布';

function gridLayout(edition: Edition, section: TableSection, grid: Grid, gi: number, prefix: string, modes: ReadonlyMap<HeaderNode, GroupMode>): BlockLayout {
  const cells = valueCellsOf(edition).filter((c) => c.grid === grid);
  const byKey = new Map(cells.map((c) => [`${c.rowKeys.join('/')}|${c.colKeys.join('/')}`, c]));
  const hasRowLabels = grid.rows.some((r) => r.label !== '');
  const labelCols = hasRowLabels ? depth(grid.rows) : 0;
  const colLeaves = leaves(grid.columns);
  const fillCols = section.width - colLeaves.length;
  const D = depth(grid.columns);
  const id = (...parts: (string | number)[]) => [prefix, `g${gi}`, ...parts].join('-');
  const head: HeadCell[][] = [];
  const titleId = grid.title ? id('title') : undefined;
  if (grid.title) {
    head.push([{ tag: 'th', id: titleId!, text: grid.title, lines: [grid.title], colspan: labelCols + section.width, rowspan: 1, scope: 'colgroup', className: 'grid-title' }]);
  }
  // Column header rows: a node at depth d spans its leaves, a leaf reaches the bottom row.
  const colIds = new Map<HeaderNode, string>();
  const colRows: HeadCell[][] = Array.from({ length: D }, () => []);
  if (labelCols > 0) {
    colRows[0]!.push({ tag: 'th', id: id('corner'), text: grid.corner, lines: [grid.corner], colspan: labelCols, rowspan: D, className: grid.corner.length > 8 ? 'corner corner-note lc-0' : 'corner lc-0', ...(grid.corner ? { scope: 'col' as const } : {}) });
  }
  let counter = 0;
  const place = (nodes: readonly HeaderNode[], d: number, parents: string[]) => {
    nodes.forEach((n, i) => {
      const hid = id('c', counter++);
      colIds.set(n, [...parents, hid].join(' '));
      const isLeaf = !n.children?.length;
      const last = d === 0 && i === nodes.length - 1 && isLeaf && grid.fill === 'span';
      colRows[d]!.push({
        tag: 'th',
        id: hid,
        text: n.label,
        lines: linesOf(n),
        colspan: last ? leafCount(n) + fillCols : leafCount(n),
        rowspan: isLeaf ? D - d : 1,
        scope: isLeaf ? 'col' : 'colgroup',
        ...(parents.length ? { headers: parents.join(' ') } : {}),
      });
      if (!isLeaf) place(n.children!, d + 1, [...parents, hid]);
    });
  };
  place(grid.columns, 0, titleId ? [titleId] : []);
  if (fillCols > 0 && grid.fill !== 'span') colRows[0]!.push({ tag: 'td', text: '', lines: [], colspan: fillCols, rowspan: D, className: 'pad' });
  head.push(...colRows);

  // Body rows: a row group's label spans its leaves (and the 小计 rows printed within); a leaf label fills the remaining label columns.
  const rowCount = (n: HeaderNode): number =>
    n.children?.length ? n.children.reduce((s, c) => s + rowCount(c), 0) + ((modes.get(n) ?? 'parts') === 'parts' ? 0 : 1) : 1;
  const rows: RowLayout[] = [];
  const walk = (nodes: readonly HeaderNode[], d: number, keys: string[], parents: string[], pending: HeadCell[]) => {
    for (const n of nodes) {
      const k = n.key === undefined ? keys : [...keys, n.key];
      const rid = id('r', rows.length, d);
      if (n.children?.length) {
        const mode = modes.get(n) ?? 'parts';
        const th: HeadCell = { tag: 'th', id: rid, text: n.label, lines: [n.label], colspan: 1, rowspan: rowCount(n), scope: 'rowgroup', className: `row-group lc-${d}` };
        if (mode === 'parts' || !n.subtotal) {
          walk(n.children, d + 1, k, [...parents, rid], [...pending, th]);
          pending = [];
          continue;
        }
        // The group's row as published (小计) first, then its parts: with their figures, or marked 未分项公布.
        const sid = id('r', rows.length, d + 1);
        const subHead: HeadCell = { tag: 'th', id: sid, text: n.subtotal.label, lines: [n.subtotal.label], colspan: labelCols - d - 1, rowspan: 1, scope: 'row', className: `row-label subtotal lc-${d + 1}` };
        const rowHeaders = [...parents, rid, sid].join(' ');
        rows.push({
          lead: [...pending, th, subHead].map(headHtml).join(''),
          slots: colLeaves.map((leaf) => slotOf(edition.id, byKey.get(`${[...k, n.subtotal!.key].join('/')}|${leaf.keys.join('/')}`)!, `${rowHeaders} ${colIds.get(leaf.node)!}`, 1)),
          tail: '',
        });
        pending = [];
        if (mode === 'both') {
          walk(n.children, d + 1, k, [...parents, rid], []);
          continue;
        }
        for (const part of n.children) {
          const pid = id('r', rows.length, d + 1);
          const label: HeadCell = { tag: 'th', id: pid, text: part.label, lines: [part.label], colspan: labelCols - d - 1, rowspan: 1, scope: 'row', className: `row-label lc-${d + 1}` };
          const note: HeadCell = { tag: 'td', text: UNPUBLISHED, lines: [UNPUBLISHED], colspan: colLeaves.length + Math.max(0, fillCols), rowspan: 1, headers: [...parents, rid, pid].join(' '), className: 'unpublished' };
          rows.push({ lead: [label, note].map(headHtml).join(''), slots: [], tail: '' });
        }
        continue;
      }
      const lead = [...pending];
      pending = [];
      const rowHeaders = [...parents];
      if (labelCols > 0) {
        lead.push({ tag: 'th', id: rid, text: n.label, lines: [n.label], colspan: labelCols - d, rowspan: 1, scope: 'row', className: `${n.total ? 'row-label total' : 'row-label'} lc-${d}` });
        rowHeaders.push(rid);
      }
      const slots = colLeaves.map((leaf, ci) => {
        const cell = byKey.get(`${k.join('/')}|${leaf.keys.join('/')}`) as CellDef;
        const last = ci === colLeaves.length - 1 && grid.fill === 'span';
        return slotOf(edition.id, cell, [...rowHeaders, colIds.get(leaf.node)!].join(' '), last ? 1 + fillCols : 1);
      });
      const tail = fillCols > 0 && grid.fill !== 'span' ? headHtml({ tag: 'td', text: '', lines: [], colspan: fillCols, rowspan: 1, className: 'pad' }) : '';
      rows.push({ lead: lead.map(headHtml).join(''), slots, tail });
    }
  };
  walk(grid.rows, 0, [], [], []);
  return { head: head.map((row) => row.map(headHtml).join('')), rows };
}

const layouts = new WeakMap<Edition, Map<string, SectionLayout>>();

/** The layout of a section, computed on first use for its edition and the way its groups were published. */
function sectionLayout(edition: Edition, section: TableSection, modes: ReadonlyMap<HeaderNode, GroupMode>): SectionLayout {
  let byEdition = layouts.get(edition);
  if (!byEdition) layouts.set(edition, (byEdition = new Map()));
  const key = `${edition.sections.indexOf(section)}:${[...modes.values()].join(',')}`;
  const hit = byEdition.get(key);
  if (hit) return hit;
  const prefix = `t${section.id === '二' ? 2 : section.id === '三' ? 3 : 4}`;
  const labelCols = Math.max(...section.grids.map((g) => (g.rows.some((r) => r.label !== '') ? depth(g.rows) : 0)));
  const layout: SectionLayout = {
    id: prefix,
    caption: section.heading,
    columns: labelCols + section.width,
    labelColumns: Array.from({ length: labelCols }, (_, i) => `lc-${i}`),
    blocks: section.grids.map((g, gi) => gridLayout(edition, section, g, gi, prefix, modes)),
  };
  byEdition.set(key, layout);
  return layout;
}

/** How a report published a group (see `GroupMode`): its 小计 given with figures, its parts all blank or not. */
export function groupMode(group: SubtotalGroup, values: Values): GroupMode {
  if (!group.cells.some((c) => typeof values.get(c.id) === 'number')) return 'parts';
  return group.partCells.every((c) => (values.get(c.id) ?? null) === null) ? 'one-row' : 'both';
}

const BLANK_MARK = '<span class="visually-hidden">空白</span>';

/** A cell's link to where its figure is written: the address and the line's description. */
export type CellLink = (cellId: string) => { readonly href: string; readonly title: string } | undefined;

/**
 * One statutory table section as printable rows: the edition's layout filled with a report's
 * values; with `link`, each figure the report gives links to its source (totals it left out do not).
 */
export function tableView(edition: Edition, section: TableSection, values: Values, computed: ReadonlySet<string>, link?: CellLink): TableView {
  const modes = new Map(subtotalGroups(edition).filter((g) => g.section === section).map((g) => [g.node as HeaderNode, groupMode(g, values)]));
  const layout = sectionLayout(edition, section, modes);
  const rowHtml = (r: RowLayout): string => {
    let html = r.lead;
    for (const s of r.slots) {
      const v = values.get(s.id);
      const blank = v === null;
      const content = escapeHtml(formatValue(v)) + (blank ? BLANK_MARK : '');
      const to = link && !computed.has(s.id) ? link(s.id) : undefined;
      html += s.startTags[(blank ? 1 : 0) + (computed.has(s.id) ? 2 : 0)]! + (to ? `<a href="${escapeHtml(to.href)}" title="${escapeHtml(to.title)}">${content}</a>` : content) + '</td>';
    }
    return html + r.tail;
  };
  return {
    id: layout.id,
    caption: layout.caption,
    columns: layout.columns,
    labelColumns: layout.labelColumns,
    blocks: layout.blocks.map((b) => ({ head: b.head, body: b.rows.map(rowHtml) })),
  };
}
