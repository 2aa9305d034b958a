/** Reports grouped by region path (province → city → county → …), for the index page. */
import { regionUrl } from '../summary/urls.ts';

export interface RegionNode<T> {
  readonly name: string;
  readonly path: readonly string[];
  readonly children: RegionNode<T>[];
  readonly items: T[];
  /** Items at this node and below. */
  count: number;
  /**
   * Where the region's summary of each year it has reports in is linked, newest first, and
   * what the link leads to: 汇总, or 报告 where the summary is folded into the region's only report.
   */
  readonly summaries: RegionLink[];
}

/** Where a region's summary of a year is linked. */
export interface RegionLink {
  readonly year: number;
  readonly url: string;
  readonly kind: '汇总' | '报告';
}

const node = <T>(name: string, path: readonly string[]): RegionNode<T> => ({ name, path, children: [], items: [], count: 0, summaries: [] });

/**
 * Build the region tree: each item sits at the node of its full region path, names in pinyin
 * order. `linkOf`: where a region's summary of a year is linked (its own page unless told).
 */
export function regionTree<T extends { readonly year: number }>(
  items: readonly T[],
  pathOf: (item: T) => readonly string[],
  linkOf: (year: number, path: readonly string[]) => RegionLink = (year, path) => ({ year, url: regionUrl(year, path), kind: '汇总' }),
): RegionNode<T> {
  const root = node<T>('全部', []);
  const years = new Map<RegionNode<T>, Set<number>>();
  for (const item of items) {
    let at = root;
    at.count++;
    for (const name of pathOf(item)) {
      let child = at.children.find((c) => c.name === name);
      if (!child) at.children.push((child = node(name, [...at.path, name])));
      at = child;
      at.count++;
      const seen = years.get(at) ?? new Set();
      seen.add(item.year);
      years.set(at, seen);
    }
    at.items.push(item);
  }
  for (const [n, seen] of years) n.summaries.push(...[...seen].sort((a, b) => b - a).map((year) => linkOf(year, n.path)));
  const sort = (n: RegionNode<T>): void => {
    n.children.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    n.children.forEach(sort);
  };
  sort(root);
  return root;
}

/**
 * The tree as the index lists it, at most about `limit` lines long: whole while its regions
 * and items fit; else regions only, down to the deepest level that fits (each links to its
 * summary pages, which list what lies below).
 */
export function fitTree<T>(root: RegionNode<T>, limit: number): { readonly tree: RegionNode<T>; readonly cut: boolean } {
  let lines = 0;
  const perDepth: number[] = [];
  const walk = (n: RegionNode<T>, depth: number): void => {
    lines += n.items.length;
    for (const c of n.children) {
      lines++;
      perDepth[depth] = (perDepth[depth] ?? 0) + 1;
      walk(c, depth + 1);
    }
  };
  walk(root, 0);
  if (lines <= limit) return { tree: root, cut: false };
  let depth = 0;
  for (let shown = perDepth[0] ?? 0; depth + 1 < perDepth.length && shown + perDepth[depth + 1]! <= limit; depth++) shown += perDepth[depth + 1]!;
  const cut = (n: RegionNode<T>, d: number): RegionNode<T> => ({ ...n, items: [], children: d < depth ? n.children.map((c) => cut(c, d + 1)) : [] });
  return { tree: cut(root, -1), cut: true };
}
