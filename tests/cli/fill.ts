/**
 * Filling a scaffold the way a clerk does: numbers in exactly the cells `validate` lists as
 * unfilled, chosen so that the template's own checks (R1 balance, R6, R7) hold.
 */
import { parseDocument } from 'yaml';
import { cellsOf, leaves, type CellDef } from '../../schema/cells.ts';
import type { Edition } from '../../schema/template.ts';

/** Numbers for the given cells: small varied counts, a negative change, money with decimals. */
export function numbersFor(edition: Edition, ids: ReadonlySet<string>): Map<string, number> {
  const cells = cellsOf(edition).filter((c) => ids.has(c.id));
  const values = new Map<string, number>();
  cells.forEach((c, i) => values.set(c.id, c.kind === 'money' ? 12.5 : c.kind === 'delta' ? -1 : 2 + (i % 7)));
  // R1: per column, the first left row takes whatever makes both sides equal.
  for (const section of edition.sections) {
    if (section.kind !== 'table') continue;
    for (const grid of section.grids) {
      for (const check of grid.checks ?? []) {
        if (check.type !== 'balance') continue;
        for (const col of leaves(grid.columns)) {
          const at = (rowKeys: readonly string[]) => cellsOf(edition).find((c) => c.grid === grid && c.rowKeys.join('/') === rowKeys.join('/') && c.colKeys.join('/') === col.keys.join('/'))!;
          const value = (c: CellDef): number => values.get(c.id) ?? (c.total ? c.total.of.reduce((s, id) => s + (values.get(id) ?? 0), 0) : 0);
          const [first, ...others] = check.left.map(at);
          const right = check.right.map(at).reduce((s, c) => s + value(c), 0);
          const rest = others.reduce((s, c) => s + value(c), 0);
          if (first && ids.has(first.id)) values.set(first.id, right - rest);
        }
      }
    }
  }
  return values;
}

/** The scaffold text with the given cells set, comments and layout kept. */
export function fillCells(text: string, edition: Edition, values: ReadonlyMap<string, number | string>): string {
  const doc = parseDocument(text);
  const byId = new Map(cellsOf(edition).map((c) => [c.id, c]));
  for (const [id, v] of values) doc.setIn(byId.get(id)!.path, v);
  return doc.toString({ lineWidth: 0 });
}
