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

/** What `numberAdvice` needs to know of the cell: its kind, and for money its unit and decimals. */
export interface CellFormat {
  readonly kind: CellKind;
  readonly unit?: MoneyUnit;
  readonly decimals?: number;
}

/**
 * Advice for a cell value typed in a form validation does not accept: the message, and when
 * one value is certainly what the clerk meant, `replacement` — the exact text to write instead
 * (a YAML plain scalar: a number or `null`). A replacement always keeps the meaning: 5000元 in
 * a 万元 column is 0.5, 1.2万 in a count is 12000, “—” for a blank is null (never 0).
 */
export interface ValueAdvice {
  readonly message: string;
  readonly replacement?: string;
}

/** Texts published reports and clerks use for a blank cell, which must be written null. */
const BLANK_MARKS = /^(?:[-—－–―─]{1,2}|无|空|空白)$/;

/** Powers of ten of the money units a clerk may type, in 元. */
const MONEY_EXP: Record<string, number> = { 元: 0, 千元: 3, 万元: 4, 万: 4, 百万元: 6, 亿元: 8, 亿: 8 };
/** Words counted after a number in published reports (12件, 3项, 5人次). */
const COUNT_UNITS = '件|项|个|条|次|人次|人|家|份|宗|起|户|批|篇|期|场|类|本';
/** Multipliers a clerk writes in a count (1.2万 = 12000). */
const COUNT_EXP: Record<string, number> = { 百: 2, 千: 3, 万: 4, 亿: 8 };

/** "12.50" shifted by 10^exp, written without needless zeros: ("5000", -4) → "0.5". */
export function shiftDecimal(num: string, exp: number): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(num);
  if (!m) return num;
  const sign = m[1] === '-' ? '-' : '';
  let digits = (m[2] ?? '') + (m[3] ?? '');
  let point = (m[2] ?? '').length + exp;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const frac = digits.slice(point).replace(/0+$/, '');
  const out = frac ? `${int}.${frac}` : int;
  return out === '0' ? '0' : sign + out;
}

const decimalsOf = (s: string) => (s.includes('.') ? s.length - s.indexOf('.') - 1 : 0);

/** How to write a number the clerk typed in a form we do not accept, for a cell of this format. */
export function numberAdvice(text: string, cell: CellFormat = { kind: 'count' }): ValueAdvice {
  const t = cleanText(text);
  if (BLANK_MARKS.test(t)) {
    return {
      message: `“${t}”表示此格空白（原报告未填或不适用），应写作 null。空白不等于 0：只有原报告此格写的是 0 时才填 0。`,
      replacement: 'null',
    };
  }
  const trailing = /^([+-]?\d+(?:\.\d+)?)\s*([,.;:、。]+)$/.exec(t);
  if (trailing) return { message: `“${text.trim()}”的数字后面多了标点，应写作 ${trailing[1]}。`, replacement: trailing[1]! };
  const grouped = /^[+-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?/.exec(t);
  if (grouped || /\d[,，]\d/.test(t)) {
    const plain = t.replace(/(?<=\d)[,，](?=\d)/g, '');
    const lead = `不要使用千位分隔符：“${t}”应写作 `;
    if (grouped && /^[+-]?\d+(\.\d+)?$/.test(plain)) return { message: `${lead}${plain}。`, replacement: plain };
    if (grouped) {
      const inner = numberAdvice(plain, cell);
      if (inner.replacement !== undefined) return { message: `不要使用千位分隔符（“${t}”即“${plain}”）；${inner.message}`, replacement: inner.replacement };
    }
    return { message: `不要使用千位分隔符：“${t}”应写作 ${plain}。` };
  }
  if (/^约|左右$|余$|多$/.test(t)) return { message: `须填写确切的数字，不能写“${t}”这样的约数。` };
  if (/^0x[0-9a-f]+$/i.test(t) || /^0o[0-7]+$/i.test(t)) return { message: `“${t}”是程序中的十六进制或八进制写法，这里只能填写普通的十进制数字，请照原报告填写。` };
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(t)) return { message: `“${t}”是科学计数法，这里只能把数字完整写出（如 1000，不写 1e3），请照原报告填写。` };
  const m = /^([+-]?\d+(?:\.\d+)?)\s*([^\d\s.]\S*)$/.exec(t);
  if (m) return unitAdvice(t, m[1]!, m[2]!, cell);
  if (t === '') return { message: '此格为空字符串。请填写数字；原报告此格为空白、“/”或“不适用”时填写 null。' };
  return { message: `“${t}”不是数字。请只填写阿拉伯数字；原报告此格为空白、“/”或“不适用”时填写 null。` };
}

/** A number followed by a unit or a multiplier: converted to the cell's own unit when exact. */
function unitAdvice(t: string, num: string, unit: string, cell: CellFormat): ValueAdvice {
  if (cell.kind === 'money') {
    const own = cell.unit ?? '元';
    const exp = MONEY_EXP[unit];
    if (exp === undefined) return { message: `这一格是金额，单位为${own}：“${t}”中的“${unit}”不是金额单位。请按原报告以${own}为单位只填数字。` };
    const value = shiftDecimal(num, exp - MONEY_EXP[own]!);
    const shown = unit === '万' ? '万元' : unit;
    if (value.startsWith('-')) return { message: `金额不能为负数：“${t}”。请核对原报告。` };
    if (decimalsOf(value) > (cell.decimals ?? 2)) {
      return { message: `本栏单位是${own}，只填数字：“${t}”折合 ${value} ${own}，超过本栏最多 ${cell.decimals ?? 2} 位小数。请按原报告以${own}为单位的金额填写。` };
    }
    return { message: `本栏单位是${own}，只填数字：“${t}”是 ${num} ${shown}，即 ${value} ${own}，应写作 ${value}。`, replacement: value };
  }
  const parts = new RegExp(`^(百|千|万|亿)?(${COUNT_UNITS})?$`).exec(unit);
  if (!parts || (!parts[1] && !parts[2])) {
    if (MONEY_EXP[unit] !== undefined) return { message: `这一格是件数或项数，不是金额：“${t}”无法填入。请核对原报告中这一格的数字。` };
    return { message: `“${t}”不是数字。请只填写阿拉伯数字（不带单位）；原报告此格为空白、“/”或“不适用”时填写 null。` };
  }
  const value = shiftDecimal(num, parts[1] ? COUNT_EXP[parts[1]]! : 0);
  if (value.includes('.')) return { message: `“${t}”不是整数：这一格是件数或项数，只能填整数。请核对原报告中这一格的数字。` };
  if (value.startsWith('-') && cell.kind !== 'delta') return { message: `“${t}”是负数，但件数、项数不能为负数（只有“本年增/减”可以为负）。请核对原报告。` };
  if (parts[1]) return { message: `只填数字，不带单位：“${t}”是 ${num} ${parts[1]}，即 ${value}，应写作 ${value}。`, replacement: value };
  return { message: `只填数字，不带单位：“${t}”应写作 ${value}。`, replacement: value };
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
