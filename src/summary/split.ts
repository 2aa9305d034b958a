/**
 * Long listings split by region. A page that lists agencies (the comparison table, the
 * data-quality notes, a summary's member list) stays readable on a phone and cheap to remake
 * only while the list is short; above `limit` entries the page lists its sub-regions instead,
 * each with a page of its own, split again where still too long.
 */
import { byName } from './order.ts';

/** Entries per page above which a listing is split by region. */
export const LIST_LIMIT = 500;

/** One page of a split listing. */
export interface ListingPart<T> {
  /** The region the page covers ([] for all). */
  readonly path: readonly string[];
  /** The regions of the pages above this one, the first page's ([]) first. */
  readonly above: readonly (readonly string[])[];
  /** Entries the page lists: all those below `path` when it is not split, else those placed exactly at it. */
  readonly items: readonly T[];
  /**
   * When split: the sub-regions, each with its own page, and how many entries each holds.
   * Levels where every entry lies in the same region are passed over, so a page never links
   * to a single page only; `name` then spells the regions passed over too (龙林省 山江市).
   */
  readonly regions: readonly { readonly name: string; readonly path: readonly string[]; readonly count: number }[];
}

/** A listing split into parts; `partOf` finds the part whose page lists a region's entries. */
export interface SplitListing<T> {
  readonly parts: readonly ListingPart<T>[];
  partOf(region: readonly string[]): ListingPart<T>;
}

/** Split `items` (already in page order) by region so that no part lists more than `limit`, where regions allow. */
export function splitByRegion<T>(items: readonly T[], regionOf: (item: T) => readonly string[], limit: number): SplitListing<T> {
  const parts: ListingPart<T>[] = [];
  const byPath = new Map<string, ListingPart<T>>();
  const split = (path: readonly string[], above: readonly (readonly string[])[], list: readonly T[]): void => {
    let depth = path.length;
    if (list.length <= limit) {
      add({ path, above, items: list, regions: [] });
      return;
    }
    const first = regionOf(list[0]!);
    while (depth < first.length && list.every((item) => regionOf(item)[depth] === first[depth])) depth++;
    const here = list.filter((item) => regionOf(item).length === depth);
    if (here.length === list.length) {
      add({ path, above, items: list, regions: [] });
      return;
    }
    const groups = new Map<string, T[]>();
    for (const item of list) {
      const name = regionOf(item)[depth];
      if (name === undefined) continue;
      const group = groups.get(name);
      if (group) group.push(item);
      else groups.set(name, [item]);
    }
    const names = [...groups.keys()].sort(byName);
    const passed = first.slice(path.length, depth);
    add({ path, above, items: here, regions: names.map((name) => ({ name: [...passed, name].join(' '), path: [...first.slice(0, depth), name], count: groups.get(name)!.length })) });
    for (const name of names) split([...first.slice(0, depth), name], [...above, path], groups.get(name)!);
  };
  const add = (part: ListingPart<T>) => {
    parts.push(part);
    byPath.set(JSON.stringify(part.path), part);
  };
  split([], [], items);
  return {
    parts,
    partOf(region) {
      let found = byPath.get('[]')!;
      // Levels passed over have no page of their own: look deeper.
      for (let d = 1; d <= region.length && found.regions.length > 0; d++) found = byPath.get(JSON.stringify(region.slice(0, d))) ?? found;
      return found;
    },
  };
}
