/**
 * JSON as people read it: a value is written on one line when that line is short (a row's
 * labels, a row of values), else spread over lines with two-space indentation. JSON.parse
 * reads it back to the same value as JSON.stringify's output; the text depends on the value
 * alone, so equal data gives equal bytes.
 */

/** Longest one-line form, in characters (a row of 表三 with seven figures fits; prose does not). */
const WIDTH = 100;

/** `value` as indented JSON with short arrays and objects on one line, newline-terminated. */
export function readableJson(value: unknown): string {
  return `${write(value, '')}\n`;
}

function write(value: unknown, indent: string): string {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== 'object' || flat.length <= WIDTH) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + write(v ?? null, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner)}`).join(',\n')}\n${indent}}`;
}
