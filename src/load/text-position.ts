/**
 * Where a character of a text field is in the file: a prose check points at the sentence it
 * is about, not at the start of the section. Block scalars (`key: |-`, as reports write prose)
 * map line by line; one-line scalars by column. Anything else falls back to the field itself.
 */
import { isScalar, Scalar } from 'yaml';
import { locate, nodeAt, type ParsedYaml, type Position, positionOf } from './yaml.ts';

/**
 * 1-based line and column (UTF-16 units, as editors count) of `offset` within the string at
 * `path`; the field's own position when the text cannot be matched to the source.
 */
export function locateInText(parsed: Pick<ParsedYaml, 'doc' | 'lines'>, source: string, path: readonly (string | number)[], offset: number): Position {
  const field = locate(parsed, path);
  const fallback = { line: field.line, column: field.column };
  const { node, depth } = nodeAt(parsed.doc, path);
  if (depth !== path.length || !node || !isScalar(node) || typeof node.value !== 'string' || !node.range) return fallback;
  const text = source.replace(/^\ufeff/, '');
  const value = node.value;
  if (offset < 0 || offset >= value.length) return fallback;
  const before = value.slice(0, offset);
  const valueLine = before.split('\n').length - 1;
  const valueCol = offset - (before.lastIndexOf('\n') + 1);
  const probe = value.slice(offset, offset + Math.min(8, value.length - offset));
  let abs: number;
  if (node.type === Scalar.BLOCK_LITERAL) {
    const header = positionOf(parsed.lines, node.range[0]).line;
    const start = parsed.lines.lineStarts[header + valueLine];
    if (start === undefined) return fallback;
    const end = text.indexOf('\n', start);
    const srcLine = text.slice(start, end < 0 ? undefined : end).replace(/\r$/, '');
    const lineValue = value.split('\n')[valueLine]!;
    if (!srcLine.endsWith(lineValue)) return fallback;
    abs = start + (srcLine.length - lineValue.length) + valueCol;
  } else if (!value.includes('\n')) {
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0;
    abs = node.range[0] + quoted + offset;
  } else return fallback;
  if (text.slice(abs, abs + probe.length) !== probe) return fallback;
  return positionOf(parsed.lines, abs);
}
