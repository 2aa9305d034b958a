/**
 * Which cells can be added up across reports of different editions. A cell whose id exists
 * in every edition means the same thing in each (section 三 apart from the rows under
 * （六）其他处理, section 四); the others are totalled per edition, over that edition's reports.
 */
import { cellsOf, subtotalGroups, type CellDef } from '../../schema/cells.ts';
import { EDITION_IDS, EDITIONS, type EditionId } from '../../schema/editions/index.ts';

/** A set of cells totalled over the same reports. */
export interface CellGroup {
  /** 'shared', or the edition id as text. */
  readonly key: string;
  /** The editions whose reports the totals cover. */
  readonly editions: readonly EditionId[];
  readonly cells: readonly CellDef[];
}

const ids = EDITION_IDS.map((e) => new Set(cellsOf(EDITIONS[e]).map((c) => c.id)));

/** Ids of cells present, with the same meaning, in every edition. */
export const SHARED_CELL_IDS: ReadonlySet<string> = new Set([...ids[0]!].filter((id) => ids.every((s) => s.has(id))));

/** The cell groups: shared cells (in the first edition's order), then each edition's own cells. */
export const CELL_GROUPS: readonly CellGroup[] = [
  { key: 'shared', editions: EDITION_IDS, cells: cellsOf(EDITIONS[EDITION_IDS[0]!]).filter((c) => SHARED_CELL_IDS.has(c.id)) },
  ...EDITION_IDS.map((e) => ({ key: String(e), editions: [e], cells: cellsOf(EDITIONS[e]).filter((c) => !SHARED_CELL_IDS.has(c.id)) })),
];

/**
 * The rows of groups published as one row (小计, see `GroupSubtotal`), per edition. Over a set of
 * reports a 小计 cell totals the group's figure of every report of its edition: the 小计 where the
 * report published the group as one row, else the sum of its parts.
 */
export const SUBTOTAL_CELLS: readonly CellDef[] = EDITION_IDS.flatMap((e) => subtotalGroups(EDITIONS[e]).flatMap((g) => g.cells));

/** Every cell id of any edition → its definition (the shared cells from the first edition), 小计 rows last. */
export const ANY_CELL: ReadonlyMap<string, CellDef> = new Map([...CELL_GROUPS.flatMap((g) => g.cells), ...SUBTOTAL_CELLS].map((c) => [c.id, c] as const));
