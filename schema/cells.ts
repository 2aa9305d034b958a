/** The flat list of data cells of an edition, derived from its header trees. */
import type { CellKind, Edition, Grid, HeaderNode, MoneyUnit, RuleRef, TableSection } from './template.ts';

export interface CellDef {
  /** Stable id: section number, then the YAML keys below the section, joined by '/'. */
  readonly id: string;
  /** YAML path from the document root. */
  readonly path: readonly string[];
  readonly section: TableSection;
  readonly grid: Grid;
  /** Statutory labels of the row, outermost first (empty for section 四's single row). */
  readonly rowLabels: readonly string[];
  /** Statutory labels of the column's keyed nodes, outermost first. */
  readonly colLabels: readonly string[];
  /** Key path of the row / the column within the grid. */
  readonly rowKeys: readonly string[];
  readonly colKeys: readonly string[];
  readonly kind: CellKind;
  readonly unit?: MoneyUnit;
  readonly decimals?: number;
  /** When the cell is a total: the rule that checks it and the ids of the cells it adds up. */
  readonly total?: { readonly rule: RuleRef; readonly of: readonly string[] };
  /**
   * A cell that is a total both ways (表三 （七）总计 · 总计): the column's total is `total` (R2,
   * used to compute it when left out), the row's is checked too (R3, over the 总计 column).
   */
  readonly crossTotal?: { readonly rule: RuleRef; readonly of: readonly string[] };
  /**
   * A cell of a group's row as published (see `GroupSubtotal`), not a cell of the template's
   * table: optional, and `of` lists the cells of the group's parts in the same column.
   */
  readonly subtotal?: { readonly group: HeaderNode; readonly of: readonly string[] };
}

/** A leaf of a header tree with the nodes above it. */
export interface Leaf {
  readonly node: HeaderNode;
  readonly ancestors: readonly HeaderNode[];
  readonly keys: readonly string[];
  /** Leaves this one totals (when node.total is set), as key paths. */
  readonly totalOf?: readonly (readonly string[])[];
}

/** Leaves of a header tree in order, with their key paths and total relations. */
export function leaves(nodes: readonly HeaderNode[]): Leaf[] {
  const out: Leaf[] = [];
  const walk = (list: readonly HeaderNode[], ancestors: HeaderNode[], keys: string[]): void => {
    for (const node of list) {
      const k = node.key === undefined ? keys : [...keys, node.key];
      if (node.children?.length) {
        walk(node.children, [...ancestors, node], k);
        continue;
      }
      const leaf: Leaf = { node, ancestors, keys: k };
      if (node.total) {
        const siblings = list.filter((n) => n !== node);
        const of = siblings.flatMap((s) => leaves([s]).map((l) => [...keys, ...l.keys]));
        out.push({ ...leaf, totalOf: of });
      } else out.push(leaf);
    }
  };
  walk(nodes, [], []);
  return out;
}

const keyed = (leaf: Leaf): string[] => [...leaf.ancestors, leaf.node].filter((n) => n.key !== undefined).map((n) => n.label);

const cache = new WeakMap<Edition, CellDef[]>();

/** Every data cell of an edition, in reading order (section, grid, row, column). */
export function cellsOf(edition: Edition): CellDef[] {
  const hit = cache.get(edition);
  if (hit) return hit;
  const cells: CellDef[] = [];
  for (const section of edition.sections) {
    if (section.kind !== 'table') continue;
    for (const grid of section.grids) {
      const rows = leaves(grid.rows);
      const cols = leaves(grid.columns);
      const id = (rk: readonly string[], ck: readonly string[]) => [section.id, ...grid.prefix, ...rk, ...ck].join('/');
      for (const row of rows) {
        for (const col of cols) {
          const kind = col.node.kind ?? 'count';
          const colTotal = col.totalOf ? { rule: col.node.total!, of: col.totalOf.map((ck) => id(row.keys, ck)) } : undefined;
          const rowTotal = row.totalOf ? { rule: row.node.total!, of: row.totalOf.map((rk) => id(rk, col.keys)) } : undefined;
          const total = colTotal ?? rowTotal;
          const crossTotal = colTotal && rowTotal;
          cells.push({
            id: id(row.keys, col.keys),
            path: [section.key, ...grid.prefix, ...row.keys, ...col.keys],
            section,
            grid,
            rowLabels: [...row.ancestors, row.node].map((n) => n.label).filter(Boolean),
            colLabels: keyed(col),
            rowKeys: row.keys,
            colKeys: col.keys,
            kind,
            ...(col.node.unit ? { unit: col.node.unit } : {}),
            ...(col.node.decimals !== undefined ? { decimals: col.node.decimals } : {}),
            ...(total ? { total } : {}),
            ...(crossTotal ? { crossTotal } : {}),
          });
        }
      }
    }
  }
  cache.set(edition, cells);
  return cells;
}

/** A row group that may be published as one row, with its cells (see `GroupSubtotal`). */
export interface SubtotalGroup {
  readonly node: HeaderNode & { readonly subtotal: NonNullable<HeaderNode['subtotal']> };
  readonly section: TableSection;
  readonly grid: Grid;
  /** YAML path of the group from the document root. */
  readonly path: readonly string[];
  /** YAML keys of the group's parts (its child rows). */
  readonly parts: readonly string[];
  /** The cells of the group's row as published, one per column, in column order. */
  readonly cells: readonly CellDef[];
  /** The cells of the parts, in reading order. */
  readonly partCells: readonly CellDef[];
}

const groupCache = new WeakMap<Edition, SubtotalGroup[]>();

/** The groups of an edition that the template admits publishing as one row. */
export function subtotalGroups(edition: Edition): SubtotalGroup[] {
  const hit = groupCache.get(edition);
  if (hit) return hit;
  const statutory = cellsOf(edition);
  const out: SubtotalGroup[] = [];
  for (const section of edition.sections) {
    if (section.kind !== 'table') continue;
    for (const grid of section.grids) {
      const walk = (nodes: readonly HeaderNode[], ancestors: HeaderNode[], keys: string[]): void => {
        for (const node of nodes) {
          if (!node.children?.length) continue;
          const k = node.key === undefined ? keys : [...keys, node.key];
          if (node.subtotal) {
            const sub = node.subtotal;
            const rowKeys = [...k, sub.key];
            const partCells = statutory.filter((c) => c.grid === grid && k.every((key, i) => c.rowKeys[i] === key) && c.rowKeys.length > k.length);
            const cols = leaves(grid.columns);
            const id = (ck: readonly string[]) => [section.id, ...grid.prefix, ...rowKeys, ...ck].join('/');
            const cells: CellDef[] = cols.map((col) => {
              const colTotal = col.totalOf ? { rule: col.node.total!, of: col.totalOf.map((ck) => id(ck)) } : undefined;
              return {
                id: id(col.keys),
                path: [section.key, ...grid.prefix, ...rowKeys, ...col.keys],
                section,
                grid,
                rowLabels: [...ancestors, node].map((n) => n.label).filter(Boolean).concat(sub.label),
                colLabels: keyed(col),
                rowKeys,
                colKeys: col.keys,
                kind: col.node.kind ?? 'count',
                ...(col.node.unit ? { unit: col.node.unit } : {}),
                ...(col.node.decimals !== undefined ? { decimals: col.node.decimals } : {}),
                ...(colTotal ? { total: colTotal } : {}),
                subtotal: { group: node, of: partCells.filter((c) => c.colKeys.join('/') === col.keys.join('/')).map((c) => c.id) },
              };
            });
            out.push({ node: node as SubtotalGroup['node'], section, grid, path: [section.key, ...grid.prefix, ...k], parts: node.children.map((c) => c.key!).filter(Boolean), cells, partCells });
          }
          walk(node.children, [...ancestors, node], k);
        }
      };
      walk(grid.rows, [], []);
    }
  }
  groupCache.set(edition, out);
  return out;
}

const valueCache = new WeakMap<Edition, CellDef[]>();

/**
 * Every cell a report of the edition may hold a value for: the template's cells (`cellsOf`),
 * then the cells of the groups' rows as published (`subtotalGroups`), which a report holds
 * only when it published the group as one row.
 */
export function valueCellsOf(edition: Edition): CellDef[] {
  let hit = valueCache.get(edition);
  if (!hit) valueCache.set(edition, (hit = [...cellsOf(edition), ...subtotalGroups(edition).flatMap((g) => g.cells)]));
  return hit;
}

/** The cell as a clerk reads it: 「表三：三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 · 自然人」. */
export function cellName(cell: CellDef): string {
  const title = cell.grid.title ? [cell.grid.title] : [];
  const row = [...title, ...cell.rowLabels].join(' / ');
  const col = cell.colLabels.join(' / ');
  return `「表${cell.section.id}：${row ? `${row} · ` : ''}${col}」`;
}

/** Cells nested by their YAML paths: each key leads to the next level, a leaf is the cell itself. */
export type CellTree = { [key: string]: CellTree | CellDef };

/** The cells as nested objects along their YAML paths, keys in the cells' order (the report schema's and the direct check's shape). */
export function cellTree(cells: readonly CellDef[]): CellTree {
  const root: CellTree = {};
  for (const cell of cells) {
    let node = root;
    cell.path.forEach((key, i) => {
      if (i === cell.path.length - 1) node[key] = cell;
      else node = (node[key] ??= {}) as CellTree;
    });
  }
  return root;
}
