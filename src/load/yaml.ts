/**
 * YAML with positions: parse with the `yaml` package (unique keys, alias limit),
 * turn the document into plain data, and find the line and column of any path.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';

/**
 * Number forms of the YAML 1.2 core schema no clerk means: `0x10` would be read as 16,
 * `0o7` as 7, `1e3` as 1000, `.inf` as infinity. They are read as text instead, so the
 * cell is reported as not a number rather than taken silently as another figure.
 */
const NOT_FOR_CLERKS = (tag: { format?: string; test?: RegExp }) => tag.format === 'HEX' || tag.format === 'OCT' || tag.format === 'EXP' || /inf/.test(String(tag.test));

/** More aliases than this in one report is treated as a resource-exhaustion attempt. */
export const MAX_ALIAS_COUNT = 50;

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A problem found while reading the YAML; `yamlCode` is the parser's own error code. */
export interface YamlProblem {
  readonly code: 'YAML-SYNTAX' | 'YAML-DUPLICATE-KEY' | 'YAML-ALIAS';
  readonly offset: number;
  readonly message: string;
  readonly yamlCode?: string;
}

export interface ParsedYaml {
  /** The text parsed (a leading byte-order mark removed); node ranges are offsets into it. */
  readonly source: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  readonly problems: readonly YamlProblem[];
  /** The document as plain data; undefined when it could not be read. */
  readonly data: unknown;
  /** Paths of keys written with no value at all (`key:`), which the data leaves out. */
  readonly unfilled: readonly (readonly (string | number)[])[];
}

type Path = readonly (string | number)[];

/** Parse a report's text. Never throws for bad input. */
export function parseYaml(text: string): ParsedYaml {
  const lines = new LineCounter();
  const source = text.replace(/^\ufeff/, '');
  const doc = parseDocument(source, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    customTags: (tags) => tags.filter((t) => typeof t !== 'object' || !NOT_FOR_CLERKS(t as { format?: string; test?: RegExp })),
  });
  const problems: YamlProblem[] = [];
  for (const e of doc.errors) {
    problems.push({ code: e.code === 'DUPLICATE_KEY' ? 'YAML-DUPLICATE-KEY' : 'YAML-SYNTAX', offset: e.pos[0], message: e.message, yamlCode: e.code });
  }
  if (problems.length) return { source, doc, lines, problems, data: undefined, unfilled: [] };
  let aliases = 0;
  let firstAlias = -1;
  const unfilled: Path[] = [];
  const walk = (node: unknown, path: Path): void => {
    if (isAlias(node)) {
      aliases++;
      if (firstAlias < 0) firstAlias = node.range?.[0] ?? 0;
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        if (typeof key !== 'string' && typeof key !== 'number') continue;
        const v = pair.value;
        if (v === null || (isScalar(v) && v.value === null && v.source === '')) unfilled.push([...path, key]);
        else walk(v, [...path, key]);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(doc.contents, []);
  if (aliases > 0) {
    // Reports never need anchors; a few are tolerated, many are refused before expansion.
    if (aliases > MAX_ALIAS_COUNT) {
      problems.push({ code: 'YAML-ALIAS', offset: firstAlias, message: `共 ${aliases} 处` });
      return { source, doc, lines, problems, data: undefined, unfilled };
    }
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    problems.push({ code: 'YAML-ALIAS', offset: firstAlias < 0 ? 0 : firstAlias, message: e instanceof Error ? e.message : String(e) });
    return { source, doc, lines, problems, data: undefined, unfilled };
  }
  for (const p of unfilled) deletePath(data, p);
  return { source, doc, lines, problems, data, unfilled };
}

function deletePath(data: unknown, path: Path): void {
  let node: unknown = data;
  for (const k of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string | number, unknown>)[k];
  }
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) delete (node as Record<string | number, unknown>)[path.at(-1)!];
}

/** The YAML node at a path and the pair holding it; stops at the deepest existing ancestor. */
export function nodeAt(doc: Document.Parsed, path: Path): { node: Node | null; pair: Pair | null; depth: number } {
  let node: unknown = doc.contents;
  let pair: Pair | null = null;
  let depth = 0;
  for (const key of path) {
    if (isMap(node)) {
      const found = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!found) break;
      pair = found;
      node = found.value;
    } else if (isSeq(node) && typeof key === 'number' && node.items[key] !== undefined) {
      pair = null;
      node = node.items[key];
    } else break;
    depth++;
  }
  return { node: (node as Node | null) ?? null, pair, depth };
}

/** Line and column (1-based) of an offset. */
export function positionOf(lines: LineCounter, offset: number): Position {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

/**
 * Where to point a clerk for a path: the value's node when it exists (the key when
 * `atKey` or the value is empty), else the deepest existing ancestor's key.
 */
export function locate(parsed: Pick<ParsedYaml, 'doc' | 'lines'>, path: Path, atKey = false): Position & { exact: boolean; source?: string } {
  const { node, pair, depth } = nodeAt(parsed.doc, path);
  const exact = depth === path.length;
  const keyNode = pair && isPair(pair) && isScalar(pair.key) ? pair.key : null;
  let offset: number | undefined;
  if (exact && !atKey && node && isScalar(node) && node.source !== '') offset = node.range?.[0];
  else if (exact && !atKey && node && !isScalar(node)) offset = node.range?.[0];
  if (offset === undefined && keyNode) offset = keyNode.range?.[0];
  if (offset === undefined) offset = node?.range?.[0] ?? 0;
  const source = exact && node && isScalar(node) ? node.source : undefined;
  return { ...positionOf(parsed.lines, offset), exact, ...(source !== undefined ? { source } : {}) };
}

/**
 * Offsets [start, end) in the source of the value at a path (of its key when `atKey`), as
 * written — quotes included, comments not; undefined when the path is not in the document.
 */
export function rangeAt(parsed: Pick<ParsedYaml, 'doc'>, path: Path, atKey = false): [number, number] | undefined {
  const { node, pair, depth } = nodeAt(parsed.doc, path);
  if (depth !== path.length) return undefined;
  const target = atKey ? (pair && isScalar(pair.key) ? pair.key : null) : node;
  const r = target && (isScalar(target) || isMap(target) || isSeq(target)) ? target.range : undefined;
  return r ? [r[0], r[1]] : undefined;
}

/** Position of the key `key` inside the mapping at `path` (for unknown keys). */
export function locateKey(parsed: Pick<ParsedYaml, 'doc' | 'lines'>, path: Path, key: string): Position {
  return locate(parsed, [...path, key], true);
}
