/**
 * The line of each figure and prose section in a report's YAML, for the source links of its
 * page: a cell's line is its value's (a row written on one line gives all its cells that
 * line); a prose section's is its key's. A total the report left out has no line.
 */
import { valueCellsOf } from '../../schema/cells.ts';
import { META_KEYS } from '../../schema/report.ts';
import type { Edition } from '../../schema/template.ts';
import { locate, parseYaml } from '../load/yaml.ts';

export interface SourceLines {
  /** Cell id → line. */
  readonly cells: ReadonlyMap<string, number>;
  /** Section key (or 前言) → line of its key. */
  readonly sections: ReadonlyMap<string, number>;
}

/** Lines of a report's cells and sections in `text` (1-based). */
export function sourceLines(text: string, edition: Edition): SourceLines {
  const parsed = parseYaml(text);
  const cells = new Map<string, number>();
  const sections = new Map<string, number>();
  if (parsed.problems.length) return { cells, sections };
  for (const c of valueCellsOf(edition)) {
    const at = locate(parsed, c.path);
    if (at.exact) cells.set(c.id, at.line);
  }
  for (const key of [META_KEYS.preamble, ...edition.sections.map((s) => s.key)]) {
    const at = locate(parsed, [key], true);
    if (at.exact) sections.set(key, at.line);
  }
  return { cells, sections };
}
