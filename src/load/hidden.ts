/**
 * Characters a clerk cannot see: control characters (NUL, ESC …), direction overrides that make
 * text display in another order than it is stored, line separators, and the replacement
 * character “�” left by a broken conversion are errors (TEXT-CONTROL); zero-width characters,
 * soft hyphens and non-breaking or fixed-width spaces, which copy and paste bring in from Word
 * and web pages, are warnings (TEXT-INVISIBLE). Each is reported at its line and column, in
 * any field, key or comment; those written as escapes ("\u202e") at the quoted text's start.
 */
import { isScalar, visit, type Document } from 'yaml';
import type { Diagnostic } from './diagnostic.ts';
import { positionOf, type ParsedYaml } from './yaml.ts';

/** Errors: C0 controls but tab and line ends, DEL, C1, direction controls, separators, non-characters, “�”. */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufff9-\ufffb\ufffd\ufffe\uffff]/;
/** Warnings: zero-width characters, word joiner, BOM inside the text, soft hyphen, special spaces. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad\u00a0\u2000-\u200a\u202f\u205f\u180e]/;
const ANY = new RegExp(`${CONTROL.source.slice(0, -1)}${INVISIBLE.source.slice(1)}`, 'g');

const ANY_ONE = new RegExp(ANY.source);

/** Whether a text has any character this module reports (a quick test for the fast path). */
export const hasHiddenCharacters = (text: string): boolean => ANY_ONE.test(text);

/** Whether any string (key or value) in plain data has a hidden character. */
export function dataHasHiddenCharacters(data: unknown): boolean {
  if (typeof data === 'string') return hasHiddenCharacters(data);
  if (Array.isArray(data)) return data.some(dataHasHiddenCharacters);
  if (data !== null && typeof data === 'object') return Object.entries(data).some(([k, v]) => hasHiddenCharacters(k) || dataHasHiddenCharacters(v));
  return false;
}

const NAMES: Record<number, string> = {
  0x00: '空字符 NUL',
  0x1b: '转义符 ESC',
  0x7f: '删除符 DEL',
  0x061c: '阿拉伯文字母标记',
  0x200e: '从左到右标记',
  0x200f: '从右到左标记',
  0x202a: '从左到右嵌入',
  0x202b: '从右到左嵌入',
  0x202c: '方向格式结束',
  0x202d: '从左到右强制',
  0x202e: '从右到左强制（会使文字倒序显示）',
  0x2066: '从左到右隔离',
  0x2067: '从右到左隔离',
  0x2068: '首字符方向隔离',
  0x2069: '方向隔离结束',
  0x2028: '行分隔符',
  0x2029: '段分隔符',
  0xfffd: '替换字符“�”（转换编码时损坏的字）',
  0x200b: '零宽空格',
  0x200c: '零宽不连字',
  0x200d: '零宽连字',
  0x2060: '零宽不换行',
  0xfeff: '零宽不换行空格（BOM）',
  0x00ad: '软连字符',
  0x00a0: '不换行空格',
  0x202f: '窄不换行空格',
};

const describe = (ch: string): string => {
  const cp = ch.codePointAt(0)!;
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[cp] ?? (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ? '控制字符' : cp >= 0x2000 && cp <= 0x205f ? '特殊宽度空格' : '不可见字符');
  return `${name}（${code}）`;
};

function diagnostic(file: string, pos: { line: number; column: number }, ch: string, escaped: boolean): Diagnostic {
  const what = describe(ch);
  const where = `第 ${pos.line} 行第 ${pos.column} 列`;
  if (CONTROL.test(ch)) {
    const rule = 'TEXT-CONTROL';
    const how = escaped
      ? `引号中的转义写法（以 \\ 开头）写出了看不见的${what}。请删去这个转义写法。`
      : `${where}有一个看不见的${what}，多半是复制粘贴带进来的，会使网页上的文字显示错乱。请删去它：把光标移到${where}，按 Delete 键；若看不出位置，删去这一处前后几个字后照原报告重新输入。`;
    return { file, ...pos, rule, severity: 'error', message: how };
  }
  const rule = 'TEXT-INVISIBLE';
  const how = escaped
    ? `引号中的转义写法写出了看不见的${what}。请删去这个转义写法。`
    : `${where}有一个看不见的${what}，多半是从 Word 或网页复制时带进来的：它使看起来相同的名称成为两个不同的名称，也会影响搜索。请删去它（光标移到${where}，按 Delete 键），需要空格时输入普通空格。`;
  return { file, ...pos, rule, severity: 'warning', message: how };
}

/** Every hidden character of a report's text, in order; escapes inside quoted scalars too. */
export function hiddenCharacters(file: string, text: string, parsed: Pick<ParsedYaml, 'doc' | 'lines'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  // The yaml reader's offsets are of the text without its leading BOM.
  const source = text.replace(/^\ufeff/, '');
  for (const m of source.matchAll(ANY)) out.push(diagnostic(file, positionOf(parsed.lines, m.index), m[0], false));
  try {
    visit(parsed.doc as Document, {
      Scalar(_key, node) {
        if (!isScalar(node) || node.type !== 'QUOTE_DOUBLE' || typeof node.value !== 'string' || !node.range) return;
        const raw = source.slice(node.range[0], node.range[1]);
        const ch = ANY_ONE.exec(node.value)?.[0];
        if (ch && !raw.includes(ch)) out.push(diagnostic(file, positionOf(parsed.lines, node.range[0]), ch, true));
      },
    });
  } catch (e) {
    // A document nested too deep to walk is already reported as such (see yaml.ts).
    if (!(e instanceof RangeError)) throw e;
  }
  return out;
}
