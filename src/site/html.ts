/** HTML text and attribute escaping for markup built in TypeScript and printed `| safe`. */

// The characters Nunjucks autoescape replaces, with the same entities, so markup built here
// prints byte for byte as the template would have printed it.
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' };
const SPECIAL = /[&"'<>\\]/g;

/** Text escaped exactly as Nunjucks autoescape escapes `{{ text }}`. */
export function escapeHtml(text: string): string {
  return text.replace(SPECIAL, (ch) => ENTITIES[ch]!);
}
