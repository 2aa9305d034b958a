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

/** A value's one-line form (exactly JSON.stringify's) and its written form, each subtree's made once. */
function write(value: unknown, indent: string): string {
  return forms(value, indent).text;
}

function forms(value: unknown, indent: string): { readonly flat: string; readonly text: string } {
  if (value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const flat = JSON.stringify(value);
    return { flat, text: flat };
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((v) => forms(v ?? null, inner));
    const flat = `[${items.map((f) => f.flat).join(',')}]`;
    return { flat, text: flat.length <= WIDTH ? flat : `[\n${items.map((f) => inner + f.text).join(',\n')}\n${indent}]` };
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [JSON.stringify(k), forms(v, inner)] as const);
  const flat = `{${entries.map(([k, f]) => `${k}:${f.flat}`).join(',')}}`;
  return { flat, text: flat.length <= WIDTH ? flat : `{\n${entries.map(([k, f]) => `${inner}${k}: ${f.text}`).join(',\n')}\n${indent}}` };
}
