/**
 * Positions in a report written the way `nianbao new`, `import` and the editor's template write
 * one — block mappings one key a line, each table row a one-line flow mapping
 * (`予以公开: {自然人: 0, …}`), prose as literal blocks (`一、总体情况: |-`) — found from its lines,
 * without reading the document again with positions (yaml.ts, some 5 ms a report). Used to
 * place cross-year findings, which need a few positions in thousands of valid files.
 *
 * Each answer is what `locate` / `locateInText` give (tests/load/line-locate.test.ts holds them
 * to it); anything outside that narrow layout — tabs, CR line ends, a byte-order mark, quoted
 * or multi-line values, flow mappings over several lines, explicit keys, anchors — is declined
 * (undefined), and the caller reads the file the full way.
 */
import type { Position } from './yaml.ts';

type Path = readonly (string | number)[];

/** A key written plainly at the start of a line's content, and the rest of the line after its colon. */
const KEY_LINE = /^([^\s#:'"{}[\],&*!|>%@`?-][^:#'"{}[\],]*?):(?=\s|$)(.*)$/;
/** A rest of line that holds no value: spaces and perhaps a comment. */
const NOTHING = /^\s*(?:#.*)?$/;
/** A plain one-line scalar as a value: spaces, the scalar, perhaps a comment. */
const PLAIN_VALUE = /^(\s+)([^\s#'"{}[\]|>&*!%@`,][^#'"{}[\]]*?)\s*(?:\s#.*)?$/;
/** A one-line flow mapping of plain keys and values. */
const FLOW_ROW = /^(\s+)\{([^{}[\]'"#]*)\}\s*(?:\s#.*)?$/;
/** A literal block scalar's header. */
const LITERAL = /^\s+\|[-+]?\s*(?:\s#.*)?$/;

/** Where a value is: its offset, and for a literal block the line (0-based) of its header. */
type Found =
  | { readonly kind: 'scalar'; readonly offset: number; readonly source: string }
  | { readonly kind: 'literal'; readonly header: number; readonly offset: number; readonly strip: boolean }
  /** The last key is not in its block mapping: `offset` is that mapping's own key. */
  | { readonly kind: 'absent'; readonly offset: number };

/**
 * A key that no other plain key can stand for: the reader compares keys as strings of their
 * values, and a plain key that reads as a number, boolean or null (`01`, `true`, `~`) could match
 * a path key of its string form. Keys with a character outside these forms — every Chinese
 * label — match only themselves.
 */
const UNAMBIGUOUS_KEY = /[^0-9a-zA-Z.+\-_~]/;

export interface LineLocator {
  /** `locate(parsed, path)` for a scalar value (not at its key): line and column; undefined when not sure. */
  readonly locate: (path: Path) => Position | undefined;
  /** All that `locate(parsed, path)` answers for a scalar value: line, column, `exact` and the scalar's `source`. */
  readonly locateScalar: (path: Path) => (Position & { readonly exact: true; readonly source: string }) | undefined;
  /**
   * All that `locate(parsed, path)` answers (`exact`, `source`), where `value` is the value at
   * the path as read: a scalar; a literal block written `|-` (its source is its value); or a key
   * missing from a block mapping (at that mapping's key, not exact). Undefined when not sure.
   */
  readonly locateAsYaml: (path: Path, value: unknown) => (Position & { readonly exact: boolean; readonly source?: string }) | undefined;
  /** `locateInText(parsed, text, path, offset)` for a literal block holding `value`; undefined when not sure. */
  readonly locateInText: (path: Path, offset: number, value: string) => Position | undefined;
}

/** How far `line.trimStart()` would cut into a line, counted without copying it where the line starts with spaces and ASCII. */
function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  if (i === line.length) return i;
  const c = line.charCodeAt(i);
  return c > 32 && c < 128 ? i : line.length - line.trimStart().length;
}

/** A locator for `source`, or undefined when its form is not one this reads. */
export function lineLocator(source: string): LineLocator | undefined {
  if (/[\t\r\ufeff]|^(?:---|\.\.\.|%)/m.test(source)) return undefined;
  const lines = source.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  const position = (offset: number): Position => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (offset < starts[mid]!) high = mid;
      else low = mid + 1;
    }
    return { line: low, column: offset - starts[low - 1]! + 1 };
  };

  /**
   * The keys of the block mapping whose lines start at `from` (below a key indented
   * `parentIndent`): the line of each key and the rest of that line after its colon; a key
   * written twice maps to -1. Null when a line there is not a plain key at the mapping's
   * indent. Each mapping is read once, however many paths pass through it.
   */
  const mappings = new Map<number, Map<string, { line: number; rest: string }> | null>();
  const mappingAt = (from: number, parentIndent: number): Map<string, { line: number; rest: string }> | null => {
    if (mappings.has(from)) return mappings.get(from)!;
    let keys: Map<string, { line: number; rest: string }> | null = new Map();
    let childIndent = -1;
    for (let l = from; l < lines.length; l++) {
      const line = lines[l]!;
      const indent = indentOf(line);
      if (indent === line.length || line[indent] === '#') continue;
      if (indent <= parentIndent) break;
      if (childIndent < 0) childIndent = indent;
      if (indent > childIndent) continue;
      const m = indent < childIndent ? null : KEY_LINE.exec(line.slice(indent));
      if (!m) {
        keys = null;
        break;
      }
      keys.set(m[1]!, keys.has(m[1]!) ? { line: -1, rest: '' } : { line: l, rest: m[2]! });
    }
    mappings.set(from, keys);
    return keys;
  };

  /**
   * The columns of a one-line flow mapping (`{k: v, k: v}`) on line `line` (`rest` after its key,
   * starting at offset `restStart`): the offset and text of each column's value; offset -1 for a column written
   * twice or without a value (`总计: }`, a total to be computed); null when an entry is of
   * another form; undefined when the line holds no such mapping. Each row is read once.
   */
  const rows = new Map<number, Map<string, { offset: number; source: string }> | null | undefined>();
  const flowRow = (line: number, rest: string, restStart: number): Map<string, { offset: number; source: string }> | null | undefined => {
    if (rows.has(line)) return rows.get(line);
    const row = FLOW_ROW.exec(rest);
    let columns: Map<string, { offset: number; source: string }> | null | undefined;
    if (row) {
      columns = new Map();
      const inner = row[2]!;
      let offset = restStart + row[1]!.length + 1;
      for (const entry of inner.split(',')) {
        const e = /^(\s*)([^\s:][^:]*?):(?:(\s+)(\S(?:.*\S)?))?\s*$/.exec(entry);
        if (!e) {
          columns = null;
          break;
        }
        columns.set(e[2]!, columns.has(e[2]!) || e[4] === undefined ? { offset: -1, source: '' } : { offset: offset + e[1]!.length + e[2]!.length + 1 + e[3]!.length, source: e[4] });
        offset += entry.length + 1;
      }
    }
    rows.set(line, columns);
    return columns;
  };

  /** The value at a path, or undefined. */
  const find = (path: Path): Found | undefined => {
    let from = 0;
    let parentIndent = -1;
    for (let depth = 0; depth < path.length; depth++) {
      const key = path[depth];
      if (typeof key !== 'string') return undefined;
      const mapping = mappingAt(from, parentIndent);
      const at = mapping?.get(key);
      if (mapping && !at && depth > 0 && UNAMBIGUOUS_KEY.test(key)) return { kind: 'absent', offset: starts[from - 1]! + parentIndent };
      if (!at || at.line < 0) return undefined;
      const hit = at.line;
      const rest = at.rest;
      const restStart = starts[hit]! + (lines[hit]!.length - rest.length);
      const last = depth === path.length - 1;
      if (last) {
        if (LITERAL.test(rest)) return { kind: 'literal', header: hit, offset: restStart + rest.indexOf('|'), strip: rest.trimStart().startsWith('|-') };
        const v = PLAIN_VALUE.exec(rest);
        return v ? { kind: 'scalar', offset: restStart + v[1]!.length, source: v[2]! } : undefined;
      }
      if (depth === path.length - 2) {
        const row = flowRow(hit, rest, restStart);
        if (row !== undefined) {
          const column = path[depth + 1];
          const value = typeof column === 'string' ? row?.get(column) : undefined;
          return value === undefined || value.offset < 0 ? undefined : { kind: 'scalar', offset: value.offset, source: value.source };
        }
      }
      if (!NOTHING.test(rest)) return undefined;
      from = hit + 1;
      parentIndent = indentOf(lines[hit]!);
    }
    return undefined;
  };

  // Each field is found once, however many of its sentences are asked for.
  const known = new Map<string, Found | undefined>();
  const findOnce = (path: Path): Found | undefined => {
    const key = path.join('\u0000');
    if (known.has(key)) return known.get(key);
    const found = find(path);
    known.set(key, found);
    return found;
  };
  // Starts of the lines of the last literal value asked about (a field's sentences come one after another).
  let lastValue: string | undefined;
  let valueStarts: number[] = [];

  return {
    locate(path) {
      const found = findOnce(path);
      return found?.kind === 'scalar' ? position(found.offset) : undefined;
    },
    locateScalar(path) {
      const found = findOnce(path);
      return found?.kind === 'scalar' ? { ...position(found.offset), exact: true, source: found.source } : undefined;
    },
    locateAsYaml(path, value) {
      const found = findOnce(path);
      if (found?.kind === 'scalar') return { ...position(found.offset), exact: true, source: found.source };
      if (found?.kind === 'literal' && found.strip && typeof value === 'string' && value !== '') return { ...position(found.offset), exact: true, source: value };
      if (found?.kind === 'absent' && value === undefined) return { ...position(found.offset), exact: false };
      return undefined;
    },
    locateInText(path, offset, value) {
      const found = findOnce(path);
      if (value === '' || (found?.kind !== 'literal' && found?.kind !== 'scalar')) return undefined;
      // As locateInText: the field itself when the sentence cannot be matched to the source.
      const fallback = position(found.offset);
      if (offset < 0 || offset >= value.length) return fallback;
      if (found.kind === 'scalar') {
        // A one-line plain scalar: the value is the source, column for column.
        if (value.includes('\n')) return fallback;
        const abs = found.offset + offset;
        return source.slice(abs, abs + Math.min(8, value.length - offset)) === value.slice(offset, offset + 8) ? position(abs) : fallback;
      }
      if (value !== lastValue) {
        lastValue = value;
        valueStarts = [0];
        for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) valueStarts.push(i + 1);
      }
      // The line of the value holding `offset` (the count of line ends before it), and the column in it.
      let valueLine = 0;
      while (valueLine + 1 < valueStarts.length && valueStarts[valueLine + 1]! <= offset) valueLine++;
      const valueCol = offset - valueStarts[valueLine]!;
      const probe = value.slice(offset, offset + Math.min(8, value.length - offset));
      const start = starts[found.header + 1 + valueLine];
      if (start === undefined) return fallback;
      const srcLine = lines[found.header + 1 + valueLine]!;
      const lineValue = value.slice(valueStarts[valueLine]!, valueLine + 1 < valueStarts.length ? valueStarts[valueLine + 1]! - 1 : value.length);
      if (!srcLine.endsWith(lineValue)) return fallback;
      const abs = start + (srcLine.length - lineValue.length) + valueCol;
      if (source.slice(abs, abs + probe.length) !== probe) return fallback;
      return position(abs);
    },
  };
}
