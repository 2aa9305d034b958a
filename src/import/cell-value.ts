/**
 * A published table cell → a number or null (template-spec §3.2): blank, "/", "-" and
 * 不适用 are blank; "+2"/"-54" in 本年增/减; money with its unit written in the cell;
 * stray spaces and invisible characters. Anything else is refused with a reason, never guessed.
 */
import type { CellDef } from '../../schema/cells.ts';
import { cleanText, decimalPlaces } from '../../schema/values.ts';

/** Texts that stand for a blank cell in published tables (after NFKC and removing spaces). */
const BLANK = new Set(['', '/', '-', '--', '—', '——', '－', '–', '−', '―', '不适用', 'N/A', 'n/a', 'NA', '/', '\\']);

/** Blank markers that may also mean 0: read as blank, with a warning to confirm. */
const MAYBE_ZERO = new Set(['无', '空']);

/** Dashes that PDFs and Word print as a minus sign before digits (U+2012–2015, U+2212, U+FE63). */
const MINUS = /^[\u2012-\u2015\u2212\ufe63]/;

/** A cell's text as compared: NFKC, no spaces, a dash before digits read as a minus sign. */
const compact = (text: string): string => cleanText(text).replace(/\s+/g, '').replace(MINUS, '-');

/** A cell read: its value (null = blank) with a note on any conversion, or why it cannot be read. */
export type CellRead =
  | { readonly ok: true; readonly value: number | null; readonly note?: string }
  | { readonly ok: false; readonly message: string };

/** Whether a cell's text is a value (number or blank marker) rather than a label. */
export function looksLikeValue(text: string): boolean {
  const t = compact(text);
  return BLANK.has(t) || MAYBE_ZERO.has(t) || /^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?(万元|元|件|项|个)?$/.test(t);
}

/** Multiply a decimal string by 10^shift exactly (元 ↔ 万元), as a number. */
function shiftDecimal(digits: string, shift: number): number {
  const [int, frac = ''] = digits.split('.');
  const all = int! + frac;
  const point = int!.length + shift;
  const padded = point > all.length ? all.padEnd(point, '0') : point < 1 ? '0'.repeat(1 - point) + all : all;
  const p = Math.max(point, 1);
  return Number(`${padded.slice(0, p)}.${padded.slice(p) || '0'}`);
}

/** Read one cell for the column it belongs to. */
export function readCell(text: string, cell: CellDef): CellRead {
  const raw = cleanText(text);
  const t = compact(text);
  if (BLANK.has(t)) return { ok: true, value: null };
  if (MAYBE_ZERO.has(t)) return { ok: true, value: null, note: `原文为“${raw}”，按空白（null）导入；若原意是 0，请改为 0` };
  if (/\d\s+\d/.test(raw)) return { ok: false, message: `“${raw}”中数字之间有空格，无法确定是一个数还是两个数` };
  const m = /^([+-]?)(\d+|\d{1,3}(?:,\d{3})+)(\.\d+)?(万元|元|件|项|个)?$/.exec(t);
  if (!m) return { ok: false, message: `“${raw}”不是数字` };
  const [, sign, int, frac = '', unit] = m;
  const digits = int!.replace(/,/g, '') + frac;
  const note = int!.includes(',') ? `“${raw}”去掉了千位分隔符` : undefined;
  if (cell.kind === 'money') {
    if (unit && unit !== '元' && unit !== '万元') return { ok: false, message: `“${raw}”是金额栏，单位应为元或万元` };
    if (sign === '-') return { ok: false, message: `金额“${raw}”不能为负数` };
    const from = unit ?? cell.unit ?? '元';
    const to = cell.unit ?? '元';
    const shift = from === to ? 0 : from === '万元' ? 4 : -4;
    const value = shiftDecimal(digits, shift);
    const converted = shift ? `“${raw}”按本栏单位换算为 ${value}${to}` : undefined;
    const places = cell.decimals ?? 2;
    if (decimalPlaces(value) > places) return { ok: false, message: `金额“${raw}”${shift ? `换算为${to}后` : ''}小数位多于本栏允许的 ${places} 位` };
    return { ok: true, value, ...(converted || note ? { note: [note, converted].filter(Boolean).join('；') } : {}) };
  }
  if (unit === '元' || unit === '万元') return { ok: false, message: `“${raw}”带有金额单位，但这一栏是数量` };
  if (frac) return { ok: false, message: `“${raw}”不是整数，这一栏是件数或项数` };
  if (sign === '-' && cell.kind !== 'delta') return { ok: false, message: `“${raw}”是负数，只有“本年增/减”可以为负` };
  const value = Number(`${sign === '-' ? '-' : ''}${digits}`);
  return { ok: true, value, ...(note ? { note } : {}) };
}
