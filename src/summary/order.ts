/** Orderings used by every summary: one collator for Chinese names, code-point order for ids. */

const collator = new Intl.Collator('zh-CN');

/** Chinese names in pinyin order (the collator is built once; localeCompare would build one per call). */
export const byName = (a: string, b: string): number => collator.compare(a, b);

/** Ids and other ASCII keys, in code-point order: the same on every machine, whatever its locale. */
export const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
