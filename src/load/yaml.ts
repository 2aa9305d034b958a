/**
 * YAML with positions: parse with the `yaml` package (unique keys, alias limit),
 * turn the document into plain data, and find the line and column of any path.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';

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
  /** The parser's code, or TAG (a tag no report uses) or DEPTH (nesting too deep to read). */
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

/** Explicit tags a report may carry (`!!str 063705`): the core schema's own; any other changes what a value is. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** More nesting than this (flow brackets plus indentation levels) is never a report. */
export const MAX_DEPTH = 64;

const STACK_OVERFLOW = /Maximum call stack size exceeded/;

/** Parse a report's text. Never throws for bad input. */
export function parseYaml(text: string): ParsedYaml {
  // A lone CR (old Mac line ends) is a line break in YAML 1.2 but not to the reader; as LF, offsets stay the same.
  const source = text.replace(/^\ufeff/, '').replace(/\r(?!\n)/g, '\n');
  try {
    return parseSource(source);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // Nesting deep enough to exhaust the stack: an empty document carries the one problem.
    const lines = new LineCounter();
    lines.addNewLine(0);
    for (let i = 0; i < source.length; i++) if (source[i] === '\n') lines.addNewLine(i + 1);
    return { source, doc: parseDocument(''), lines, problems: [depthProblem(source)], data: undefined, unfilled: [] };
  }
}

function parseSource(source: string): ParsedYaml {
  const lines = new LineCounter();
  const options = {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    customTags: (tags: unknown[]) => tags.filter((t) => typeof t !== 'object' || !NOT_FOR_CLERKS(t as { format?: string; test?: RegExp })),
  } as Parameters<typeof parseDocument>[1];
  const doc = parseDocument(source, options);
  const problems: YamlProblem[] = [];
  // Every problem the reader reports is kept: loadReportText works out which are consequences
  // of another (by reading the file again with each certain fix applied) and reports those once.
  for (const e of doc.errors) {
    if (STACK_OVERFLOW.test(e.message)) {
      problems.push(depthProblem(source));
      break;
    }
    problems.push({ code: e.code === 'DUPLICATE_KEY' ? 'YAML-DUPLICATE-KEY' : 'YAML-SYNTAX', offset: relocate(doc, source, e.code, e.message, e.pos[0]), message: e.message, yamlCode: e.code });
  }
  // A tag other than the core schema's makes a value something else (!!binary, !!set) or is dropped silently (!foo).
  const tagged: YamlProblem[] = [];
  visit(doc, {
    Node(_key, node) {
      const tag = (node as { tag?: string }).tag;
      if (tag === undefined || CORE_TAGS.has(tag) || !node.range) return;
      tagged.push({ code: 'YAML-SYNTAX', offset: Math.max(0, source.lastIndexOf('!', node.range[0])), message: `Unsupported tag: ${tag}`, yamlCode: 'TAG' });
    },
  });
  if (!tagged.length) {
    for (const w of doc.warnings) if (w.code === 'TAG_RESOLVE_FAILED') tagged.push({ code: 'YAML-SYNTAX', offset: w.pos[0], message: w.message, yamlCode: 'TAG' });
  }
  problems.push(...tagged);
  problems.sort((a, b) => a.offset - b.offset);
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

/**
 * Where a clerk should look for a reading error the parser places where it gave up: an unclosed
 * quote at the quote that opens it (not the end of the file), an unclosed { or [ at the
 * bracket that opens it (not the next line).
 */
function relocate(doc: Document.Parsed, source: string, code: string, message: string, offset: number): number {
  const quote = code === 'MISSING_CHAR' && /quote/.test(message);
  const flow = /flow (map|sequence)|flow collection/i.test(message) || (code === 'MISSING_CHAR' && /[}\]]/.test(message));
  if (!quote && !flow) return offset;
  let found = -1;
  visit(doc, {
    Node(_key, node) {
      const range = node.range;
      if (!range || range[0] >= offset || range[0] <= found) return;
      if (quote && isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) {
        const q = node.type === 'QUOTE_DOUBLE' ? '"' : "'";
        const raw = source.slice(range[0], range[1]).trimEnd();
        if (raw.length < 2 || !raw.endsWith(q)) found = range[0];
      }
      if (flow && isCollection(node) && node.flow) {
        const raw = source.slice(range[0], range[1]).trimEnd();
        if (!raw.endsWith(isMap(node) ? '}' : ']')) found = range[0];
      }
    },
  });
  return found >= 0 ? found : offset;
}

/**
 * The nesting a reader could not follow, at the top-level line where it starts, or at the
 * bracket opening it when the brackets alone nest too deep.
 */
function depthProblem(source: string): YamlProblem {
  const stack: { indent: number; offset: number }[] = [];
  let flowDepth = 0;
  let flowStart = -1;
  let offset = 0;
  let quote = '';
  for (const line of source.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (flowDepth === 0 && quote === '' && line.trim() !== '' && !line.trimStart().startsWith('#')) {
      while (stack.length && stack.at(-1)!.indent >= indent) stack.pop();
      stack.push({ indent, offset: offset + indent });
    }
    for (let i = indent; i < line.length; i++) {
      const c = line[i]!;
      if (quote) {
        if (c === quote) quote = '';
      } else if ((c === '"' || c === "'") && /(?:^|[:[{,-])\s*$/.test(line.slice(0, i))) quote = c;
      else if (c === '#' && (i === 0 || line[i - 1] === ' ')) break;
      else if (c === '[' || c === '{') {
        if (flowDepth++ === 0) flowStart = offset + i;
        if (flowDepth > MAX_DEPTH) return { code: 'YAML-SYNTAX', offset: flowStart, message: 'Maximum nesting depth exceeded', yamlCode: 'DEPTH' };
      } else if ((c === ']' || c === '}') && flowDepth > 0) flowDepth--;
      else if (c === '-' && line[i + 1] === ' ' && flowDepth === 0 && /^[\s-]*$/.test(line.slice(indent, i))) stack.push({ indent: indent + i + 1, offset: offset + i });
    }
    if (stack.length + flowDepth > MAX_DEPTH) return { code: 'YAML-SYNTAX', offset: stack[0]!.offset, message: 'Maximum nesting depth exceeded', yamlCode: 'DEPTH' };
    offset += line.length + 1;
  }
  return { code: 'YAML-SYNTAX', offset: flowStart >= 0 ? flowStart : 0, message: 'Maximum nesting depth exceeded', yamlCode: 'DEPTH' };
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
