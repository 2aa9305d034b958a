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
type Found = { readonly kind: 'scalar'; readonly offset: number } | { readonly kind: 'literal'; readonly header: number; readonly offset: number };

export interface LineLocator {
  /** `locate(parsed, path)` for a scalar value (not at its key); undefined when not sure. */
  readonly locate: (path: Path) => Position | undefined;
  /** `locateInText(parsed, text, path, offset)` for a literal block holding `value`; undefined when not sure. */
  readonly locateInText: (path: Path, offset: number, value: string) => Position | undefined;
}

/** A locator for `source`, or undefined when its form is not one this reads. */
export function lineLocator(source: string): LineLocator | undefined {
  if (/[\t\r\ufeff]/.test(source) || /^(?:---|\.\.\.|%)/m.test(source)) return undefined;
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

  /** The value at a path, or undefined. */
  const find = (path: Path): Found | undefined => {
    let from = 0;
    let parentIndent = -1;
    for (let depth = 0; depth < path.length; depth++) {
      const key = path[depth];
      if (typeof key !== 'string') return undefined;
      let childIndent = -1;
      let hit = -1;
      let rest = '';
      for (let l = from; l < lines.length; l++) {
        const line = lines[l]!;
        const content = line.trimStart();
        if (content === '' || content.startsWith('#')) continue;
        const indent = line.length - content.length;
        if (indent <= parentIndent) break;
        if (childIndent < 0) childIndent = indent;
        if (indent > childIndent) continue;
        if (indent < childIndent) return undefined;
        const m = KEY_LINE.exec(content);
        if (!m) return undefined;
        if (m[1] === key) {
          if (hit >= 0) return undefined;
          hit = l;
          rest = m[2]!;
        }
      }
      if (hit < 0) return undefined;
      const restStart = starts[hit]! + (lines[hit]!.length - rest.length);
      const last = depth === path.length - 1;
      if (last) {
        if (LITERAL.test(rest)) return { kind: 'literal', header: hit, offset: restStart + rest.indexOf('|') };
        const v = PLAIN_VALUE.exec(rest);
        return v ? { kind: 'scalar', offset: restStart + v[1]!.length } : undefined;
      }
      if (depth === path.length - 2) {
        const row = FLOW_ROW.exec(rest);
        if (row) {
          // `{k: v, k: v}`: the value of the last key of the path.
          const inner = row[2]!;
          let offset = restStart + row[1]!.length + 1;
          let found: number | undefined;
          for (const entry of inner.split(',')) {
            // A value may be left out (`总计: }`, a total to be computed), except the one asked for.
            const e = /^(\s*)([^\s:][^:]*?):(?:(\s+)(\S(?:.*\S)?))?\s*$/.exec(entry);
            if (!e) return undefined;
            if (e[2] === path[depth + 1]) {
              if (found !== undefined || e[4] === undefined) return undefined;
              found = offset + e[1]!.length + e[2]!.length + 1 + e[3]!.length;
            }
            offset += entry.length + 1;
          }
          return found === undefined ? undefined : { kind: 'scalar', offset: found };
        }
      }
      if (!NOTHING.test(rest)) return undefined;
      from = hit + 1;
      parentIndent = lines[hit]!.length - lines[hit]!.trimStart().length;
    }
    return undefined;
  };

  return {
    locate(path) {
      const found = find(path);
      return found?.kind === 'scalar' ? position(found.offset) : undefined;
    },
    locateInText(path, offset, value) {
      const found = find(path);
      if (found?.kind !== 'literal' || value === '') return undefined;
      // As locateInText: the field itself when the sentence cannot be matched to the source.
      const fallback = position(found.offset);
      if (offset < 0 || offset >= value.length) return fallback;
      const before = value.slice(0, offset);
      const valueLine = before.split('\n').length - 1;
      const valueCol = offset - (before.lastIndexOf('\n') + 1);
      const probe = value.slice(offset, offset + Math.min(8, value.length - offset));
      const start = starts[found.header + 1 + valueLine];
      if (start === undefined) return fallback;
      const srcLine = lines[found.header + 1 + valueLine]!;
      const lineValue = value.split('\n')[valueLine]!;
      if (!srcLine.endsWith(lineValue)) return fallback;
      const abs = start + (srcLine.length - lineValue.length) + valueCol;
      if (source.slice(abs, abs + probe.length) !== probe) return fallback;
      return position(abs);
    },
  };
}
