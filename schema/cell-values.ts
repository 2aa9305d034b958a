/**
 * One report's cell values held compactly: a number per cell of its edition, in the
 * edition's cell order, NaN for a blank. A corpus of 40,000 reports keeps 1.6 KB per report
 * instead of a map of 200 entries. Reads like the `Values` map everything else takes.
 */
import { cellsOf, valueCellsOf } from './cells.ts';
import { EDITIONS, type EditionId } from './editions/index.ts';
import type { Values } from './rules.ts';

const indexes = new Map<EditionId, ReadonlyMap<string, number>>();

/** Position of every cell id of an edition in its cell order (the 小计 rows of `valueCellsOf` last). */
export function cellIndex(editionId: EditionId): ReadonlyMap<string, number> {
  let index = indexes.get(editionId);
  if (!index) indexes.set(editionId, (index = new Map(valueCellsOf(EDITIONS[editionId]).map((c, i) => [c.id, i]))));
  return index;
}

/**
 * The values of one report, by cell id; a blank cell reads as null. The cells of a group's row
 * as published (小计, after the template's cells) are optional: one the report does not hold
 * reads as absent (undefined), as in the map the loader gives.
 */
export class CellValues implements Values {
  readonly editionId: EditionId;
  readonly #numbers: Float64Array;
  readonly #index: ReadonlyMap<string, number>;
  /** Cells from this position on are optional (小计 rows). */
  readonly #optional: number;

  private constructor(editionId: EditionId, numbers: Float64Array) {
    this.editionId = editionId;
    this.#numbers = numbers;
    this.#index = cellIndex(editionId);
    this.#optional = cellsOf(EDITIONS[editionId]).length;
  }

  /** From a map of every cell of the edition (cells not in the map are blank). */
  static fromMap(editionId: EditionId, values: Values): CellValues {
    const index = cellIndex(editionId);
    const numbers = new Float64Array(index.size).fill(NaN);
    for (const [id, v] of values) {
      const i = index.get(id);
      if (i !== undefined && v !== null) numbers[i] = v;
    }
    return new CellValues(editionId, numbers);
  }

  /** From the numbers in cell order (NaN for blank), taken as they are, not copied; throws when there are not as many as the edition has cells. */
  static fromNumbers(editionId: EditionId, numbers: Float64Array): CellValues {
    if (numbers.length !== cellIndex(editionId).size) throw new RangeError(`${numbers.length} numbers for the ${cellIndex(editionId).size} cells of edition ${editionId}`);
    return new CellValues(editionId, numbers);
  }

  /** From `toArray()`'s output. */
  static fromArray(editionId: EditionId, list: readonly (number | null)[]): CellValues {
    const numbers = new Float64Array(cellIndex(editionId).size);
    // A plain loop: 40,000 reports of some 200 cells each come through here when a build reads its cache.
    for (let i = 0; i < numbers.length; i++) {
      const v = list[i];
      numbers[i] = v === null || v === undefined ? NaN : v;
    }
    return new CellValues(editionId, numbers);
  }

  /** The numbers in cell order (NaN for blank), for loops over every cell; not to be changed. */
  get numbers(): Float64Array {
    return this.#numbers;
  }

  /** Values in cell order, null for blank: the form stored in caches and sent between threads. */
  toArray(): (number | null)[] {
    return Array.from(this.#numbers, (n) => (Number.isNaN(n) ? null : n));
  }

  get size(): number {
    let n = this.#optional;
    for (let i = this.#optional; i < this.#numbers.length; i++) if (!Number.isNaN(this.#numbers[i]!)) n++;
    return n;
  }

  get(id: string): number | null | undefined {
    const i = this.#index.get(id);
    if (i === undefined) return undefined;
    const n = this.#numbers[i]!;
    return Number.isNaN(n) ? (i >= this.#optional ? undefined : null) : n;
  }

  has(id: string): boolean {
    const i = this.#index.get(id);
    return i !== undefined && (i < this.#optional || !Number.isNaN(this.#numbers[i]!));
  }

  *entries(): MapIterator<[string, number | null]> {
    for (const [id, i] of this.#index) {
      const n = this.#numbers[i]!;
      if (Number.isNaN(n) && i >= this.#optional) continue;
      yield [id, Number.isNaN(n) ? null : n];
    }
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<number | null> {
    for (const [, v] of this.entries()) yield v;
  }

  forEach(fn: (value: number | null, key: string, map: ReadonlyMap<string, number | null>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }

  [Symbol.iterator](): MapIterator<[string, number | null]> {
    return this.entries();
  }
}
