/**
 * The layout of a statutory table — header rows with their rowspans and colspans, row
 * labels, data cells with `headers` references — computed from the template description.
 * Templates print it as it is.
 */
import { cellsOf, leaves, type CellDef } from '../../schema/cells.ts';
import type { Values } from '../../schema/rules.ts';
import type { Edition, Grid, HeaderNode, TableSection } from '../../schema/template.ts';

export interface HeadCell {
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

export interface DataCell {
  readonly tag: 'td';
  /** The value as printed; '' for a blank cell. */
  readonly text: string;
  readonly blank: boolean;
  readonly computed: boolean;
  readonly cell: string;
  readonly headers: string;
  readonly colspan: number;
  readonly className: string;
}

export type Row = readonly (HeadCell | DataCell)[];

export interface TableBlock {
  readonly head: readonly Row[];
  readonly body: readonly Row[];
}

export interface TableView {
  readonly id: string;
  readonly caption: string;
  /** Number of columns, for print and colgroups. */
  readonly columns: number;
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

function gridBlock(
  edition: Edition,
  section: TableSection,
  grid: Grid,
  gi: number,
  values: Values,
  computed: ReadonlySet<string>,
  prefix: string,
): TableBlock {
  const cells = cellsOf(edition).filter((c) => c.grid === grid);
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
    colRows[0]!.push({ tag: 'th', id: id('corner'), text: grid.corner, lines: [grid.corner], colspan: labelCols, rowspan: D, className: grid.corner.length > 8 ? 'corner corner-note' : 'corner', ...(grid.corner ? { scope: 'col' as const } : {}) });
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

  // Body rows: a row group's label spans its leaves; a leaf label fills the remaining label columns.
  const body: (HeadCell | DataCell)[][] = [];
  const walk = (nodes: readonly HeaderNode[], d: number, keys: string[], parents: string[], pending: HeadCell[]) => {
    for (const n of nodes) {
      const k = n.key === undefined ? keys : [...keys, n.key];
      const rid = id('r', body.length, d);
      if (n.children?.length) {
        const th: HeadCell = { tag: 'th', id: rid, text: n.label, lines: [n.label], colspan: 1, rowspan: leafCount(n), scope: 'rowgroup', className: 'row-group' };
        walk(n.children, d + 1, k, [...parents, rid], [...pending, th]);
        pending = [];
        continue;
      }
      const row: (HeadCell | DataCell)[] = [...pending];
      pending = [];
      const rowHeaders = [...parents];
      if (labelCols > 0) {
        row.push({ tag: 'th', id: rid, text: n.label, lines: [n.label], colspan: labelCols - d, rowspan: 1, scope: 'row', className: n.total ? 'row-label total' : 'row-label' });
        rowHeaders.push(rid);
      }
      colLeaves.forEach((leaf, ci) => {
        const cell = byKey.get(`${k.join('/')}|${leaf.keys.join('/')}`) as CellDef;
        const v = values.get(cell.id);
        const last = ci === colLeaves.length - 1 && grid.fill === 'span';
        const kind = cell.kind === 'count' ? 'num' : `num ${cell.kind}`;
        row.push({
          tag: 'td',
          text: formatValue(v),
          blank: v === null,
          computed: computed.has(cell.id),
          cell: cell.id,
          headers: [...rowHeaders, colIds.get(leaf.node)!].join(' '),
          colspan: last ? 1 + fillCols : 1,
          className: [kind, cell.total ? 'total' : '', v === null ? 'blank' : ''].filter(Boolean).join(' '),
        });
      });
      if (fillCols > 0 && grid.fill !== 'span') row.push({ tag: 'td', text: '', lines: [], colspan: fillCols, rowspan: 1, className: 'pad' });
      body.push(row);
    }
  };
  walk(grid.rows, 0, [], [], []);
  return { head, body };
}

/** One statutory table section as printable rows. */
export function tableView(edition: Edition, section: TableSection, values: Values, computed: ReadonlySet<string>): TableView {
  const prefix = `t${section.id === '二' ? 2 : section.id === '三' ? 3 : 4}`;
  const blocks = section.grids.map((g, gi) => gridBlock(edition, section, g, gi, values, computed, prefix));
  const labelCols = Math.max(...section.grids.map((g) => (g.rows.some((r) => r.label !== '') ? depth(g.rows) : 0)));
  return { id: prefix, caption: section.heading, columns: labelCols + section.width, blocks };
}
