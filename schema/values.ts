/**
 * What a clerk may type in a cell or a date, and how it is normalised.
 * Only unambiguous forms are accepted: full-width digits (１２), a leading "+",
 * a money unit equal to the column's own, "/" and 不适用 for a blank cell,
 * 2021年1月26日 for a date. Everything else is left as typed, so validation rejects it
 * with the advice from `numberAdvice`.
 */
import { RADICALS_SUPPLEMENT } from './radicals.ts';
import type { CellKind, MoneyUnit } from './template.ts';

/** Zero-width and other invisible characters that Word and web pages leave in cells. */
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u00ad]/g;

/** Texts that stand for a blank cell in published reports. */
const BLANK = new Set(['/', '不适用']);

/** CJK radical glyphs of the supplement block (PDFs made by Word). */
const RADICAL = /[\u2e80-\u2eff]/g;

/**
 * Radical glyphs as the characters they stand for: ⼈⺠政府 → 人民政府. The Kangxi Radicals block
 * (⼈) is mapped by NFKC; the supplement block (⺠) by Unicode's EquivalentUnifiedIdeograph table.
 * Nothing else changes (full-width punctuation stays).
 */
export function normalizeGlyphs(text: string): string {
  return text.replace(/[\u2f00-\u2fdf]/g, (c) => c.normalize('NFKC')).replace(RADICAL, (c) => RADICALS_SUPPLEMENT[c] ?? c);
}

/** NFKC (full-width → half-width), radical glyphs mapped, invisible characters and surrounding spaces removed. */
export function cleanText(text: string): string {
  return text.normalize('NFKC').replace(RADICAL, (c) => RADICALS_SUPPLEMENT[c] ?? c).replace(INVISIBLE, '').trim();
}

/** A cell's value as typed → number, null (blank), or the text unchanged when it is not a number. */
export function normalizeCell(value: unknown, unit?: MoneyUnit): unknown {
  if (typeof value !== 'string') return value;
  let text = cleanText(value);
  if (BLANK.has(text)) return null;
  if (unit && text.endsWith(unit) && !(unit === '元' && text.endsWith('万元'))) text = text.slice(0, -unit.length).trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) return Number(text);
  return value;
}

/** How to write a number the clerk typed in a form we do not accept. */
export function numberAdvice(text: string): string {
  const t = cleanText(text);
  if (/\d,\d/.test(t) || /\d，\d/.test(t)) return `不要使用千位分隔符：“${t}”应写作 ${t.replace(/[,，]/g, '')}。`;
  if (/^约|左右$|余$|多$/.test(t)) return `须填写确切的数字，不能写“${t}”这样的约数。`;
  if (/^0x[0-9a-f]+$/i.test(t) || /^0o[0-7]+$/i.test(t)) return `“${t}”是程序中的十六进制或八进制写法，这里只能填写普通的十进制数字，请照原报告填写。`;
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(t)) return `“${t}”是科学计数法，这里只能把数字完整写出（如 1000，不写 1e3），请照原报告填写。`;
  const m = /^([+-]?\d+(?:\.\d+)?)\s*([^\d\s.]\S*)$/.exec(t);
  if (m) return `只填数字，不带单位：“${t}”应写作 ${m[1]}。`;
  if (t === '') return '此格为空字符串。请填写数字；原报告此格为空白、“/”或“不适用”时填写 null。';
  if (/^[-—－–]+$/.test(t)) return `“${t}”含义不明：数值为零请填 0，原报告此格为空白或不适用请填 null。`;
  return `“${t}”不是数字。请只填写阿拉伯数字；原报告此格为空白、“/”或“不适用”时填写 null。`;
}

/** A publication date as typed → ISO yyyy-mm-dd when unambiguous, else unchanged. */
export function normalizeDate(value: unknown): unknown {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return value;
  const t = cleanText(value).replace(/\s+/g, '');
  const m = /^(\d{4})(?:年|-|\/|\.)(\d{1,2})(?:月|-|\/|\.)(\d{1,2})日?$/.exec(t);
  if (!m) return value;
  if (t.includes('年') !== t.includes('月')) return value;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** Whether an ISO yyyy-mm-dd string names a real calendar day. */
export function isCalendarDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Number of decimal places of a finite number as JavaScript prints it. */
export function decimalPlaces(n: number): number {
  const s = String(n);
  if (s.includes('e')) return 99;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/**
 * A regular expression (JSON Schema `pattern`) for the texts `normalizeCell` turns into a valid
 * value of a cell of this kind: the editor accepts what validation accepts, and no more.
 */
export function cellTextPattern(kind: CellKind, unit?: MoneyUnit): string {
  const digits = '[0-9０-９]+';
  const sign = kind === 'delta' ? '[+＋\\-－]?' : '[+＋]?';
  const fraction = kind === 'money' ? `(?:[.．]${digits})?` : '';
  const ownUnit = unit ? `(?:\\s*${unit})?` : '';
  return `^\\s*(?:${sign}${digits}${fraction}${ownUnit}|[/／]|不适用)\\s*$`;
}
