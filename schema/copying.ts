/**
 * COPY-LAST-YEAR: how much of a report repeats the same agency's report of the year before —
 * the share of its prose sentences repeated word for word, and the share of its non-zero table
 * cells equal to last year's. 国办公开办函〔2021〕30号 names 内容雷同 among the faults it holds
 * agencies to account for.
 *
 * Sentences are compared by a short key (a 32-bit FNV-1a hash, base 36) so that the corpus can
 * keep every report's keys without its prose. Before hashing, a sentence loses its spaces and
 * punctuation and its four-digit years become "####" (a copy with only the year changed is still
 * a copy); a sentence that is under 12 characters once titles in 《》 and document numbers
 * (〔2019〕60号) are taken out is boilerplate — a statute title, a heading — and not counted.
 */
import { cellsOf } from './cells.ts';
import { EDITIONS, type EditionId } from './editions/index.ts';
import { proseSentencesOf } from './evaluation.ts';
import type { Values } from './rules.ts';

/** Above this share of sentences repeated (with at least MIN_SENTENCES), a warning. */
export const PROSE_SHARE_LIMIT = 0.5;
export const MIN_SENTENCES = 8;
/** Above this share of non-zero cells equal to last year's (with at least MIN_CELLS of them), a warning. */
export const CELL_SHARE_LIMIT = 0.8;
export const MIN_CELLS = 10;
const MIN_CHARS = 12;

/** The key of a comparable form (`sentenceForm`): its 32-bit FNV-1a hash over UTF-16 units, base 36. */
export function formKey(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** Spaces, punctuation and symbols, which the comparable form leaves out. */
const PUNCTUATION = /[\s\p{P}\p{S}]/gu;
/** The same, and four-digit years (a year is followed by 年), which the form leaves out as well. */
const YEAR_OR_PUNCTUATION = /(?<!\d)\d{4}(?=\s*年)|[\s\p{P}\p{S}]/gu;

/** The comparable form of a sentence, or null for boilerplate and short sentences. */
export function sentenceForm(sentence: string): string | null {
  // NFKC only for full-width digits and letters (punctuation is dropped anyway): most sentences have none.
  const t = /[０-９Ａ-Ｚａ-ｚ]/.test(sentence) ? sentence.normalize('NFKC') : sentence;
  const hasYear = t.includes('年');
  // Without spaces and punctuation, and without its years (as if each were written ####).
  const form = t.replace(hasYear ? YEAR_OR_PUNCTUATION : PUNCTUATION, '');
  // Titles and document numbers (each starts with 《, 〔 or [) are not substance.
  const titled = /[《〔[]/.test(t);
  // Without them, the substance is the form and the years: as long as the form, it is long enough.
  if (!titled && form.length >= 2 * MIN_CHARS) return form;
  const substance = titled ? t.replace(/《[^》]*》|〔\d{4}〕\d+号|\[\d{4}\]\d+号|[\s\p{P}\p{S}]/gu, '') : hasYear ? t.replace(PUNCTUATION, '') : form;
  // Characters, not UTF-16 units: only a string shorter than twice the limit needs counting.
  if (substance.length < 2 * MIN_CHARS && [...substance].length < MIN_CHARS) return null;
  return form;
}

/** A sentence of the prose with its field and offset, and its key (null: not counted). */
export interface KeyedSentence {
  readonly path: readonly (string | number)[];
  readonly offset: number;
  readonly text: string;
  readonly key: string;
}

/** The characters `PUNCTUATION` drops, one at a time (a code point). */
const DROPPED = /^[\s\p{P}\p{S}]$/u;
/** Per UTF-16 unit outside the surrogates: 1 when `DROPPED` matches it, 0 when not, -1 not yet asked. */
const droppedUnit = new Int8Array(0x10000).fill(-1);
/** The same for code points above U+FFFF, by code point. */
const droppedAstral = new Map<number, boolean>();

/** `\s` of a regular expression with the u flag: what may stand between a year and 年. */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * `formKey(sentenceForm(sentence))`, or null where the form is null, worked out for most
 * sentences in one pass over the characters, without the regular expressions and the
 * strings of `sentenceForm`: the form's characters are hashed as they are found, with
 * `DROPPED` asked once per character of the run. A sentence with a title or document
 * number is left to `sentenceForm`.
 */
export function sentenceKey(sentence: string): string | null {
  const t = /[０-９Ａ-Ｚａ-ｚ]/.test(sentence) ? sentence.normalize('NFKC') : sentence;
  if (/[《〔[]/.test(t)) return keyOfForm(sentenceForm(sentence));
  const years = t.includes('年');
  let h = 0x811c9dc5;
  // The form's length in UTF-16 units and in characters, and the years left out of it.
  let length = 0;
  let characters = 0;
  let yearsLeftOut = 0;
  const n = t.length;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    // A year: four ASCII digits, not after a digit, before 年 (spaces between): left out.
    if (years && isDigit(c) && (i === 0 || !isDigit(t.charCodeAt(i - 1))) && i + 4 <= n && isDigit(t.charCodeAt(i + 1)) && isDigit(t.charCodeAt(i + 2)) && isDigit(t.charCodeAt(i + 3))) {
      let j = i + 4;
      while (j < n && isSpace(t.charCodeAt(j))) j++;
      if (j < n && t.charCodeAt(j) === 0x5e74) {
        yearsLeftOut++;
        i += 3;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = t.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        let drop = droppedAstral.get(cp);
        if (drop === undefined) droppedAstral.set(cp, (drop = DROPPED.test(String.fromCodePoint(cp))));
        i++;
        if (drop) continue;
        h = Math.imul(h ^ c, 0x01000193);
        h = Math.imul(h ^ d, 0x01000193);
        length += 2;
        characters++;
        continue;
      }
    }
    let drop = droppedUnit[c]!;
    if (drop < 0) droppedUnit[c] = drop = DROPPED.test(String.fromCharCode(c)) ? 1 : 0;
    if (drop) continue;
    h = Math.imul(h ^ c, 0x01000193);
    length++;
    characters++;
  }
  // Without titles, the substance is the form and its years (see `sentenceForm`), four digits each.
  if (length + 4 * yearsLeftOut < 2 * MIN_CHARS && characters + 4 * yearsLeftOut < MIN_CHARS) return null;
  return (h >>> 0).toString(36);
}

const keyOfForm = (form: string | null): string | null => (form === null ? null : formKey(form));

/** Keyed sentences of a report's preamble and prose sections, in reading order. */
export function proseSentences(editionId: EditionId, report: unknown): KeyedSentence[] {
  const out: KeyedSentence[] = [];
  for (const s of proseSentencesOf(editionId, report)) {
    const key = sentenceKey(s.text);
    if (key !== null) out.push({ path: s.path, offset: s.start, text: s.text, key });
  }
  return out;
}

/** One year's report as the comparison needs it. */
export interface CopyInput {
  readonly year: number;
  readonly editionId: EditionId;
  readonly values: Values;
  /** Keys of the prose sentences (`proseSentences(…).map(s => s.key)`). */
  readonly sentences: readonly string[];
}

/** How much of `cur` repeats `prev`: counts and shares (null when there is nothing to compare). */
export interface CopyShares {
  readonly sentences: { readonly repeated: number; readonly of: number; readonly share: number | null };
  readonly cells: { readonly same: number; readonly of: number; readonly share: number | null };
}

export function copyShares(prev: CopyInput, cur: CopyInput): CopyShares {
  const before = new Set(prev.sentences);
  const repeated = cur.sentences.filter((k) => before.has(k)).length;
  let same = 0;
  let of = 0;
  if (prev.editionId === cur.editionId) {
    for (const cell of cellsOf(EDITIONS[cur.editionId])) {
      if (cell.total) continue;
      const v = cur.values.get(cell.id);
      if (v === null || v === undefined || v === 0) continue;
      of++;
      if (prev.values.get(cell.id) === v) same++;
    }
  }
  return {
    sentences: { repeated, of: cur.sentences.length, share: cur.sentences.length ? repeated / cur.sentences.length : null },
    cells: { same, of, share: of ? same / of : null },
  };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The shares in words, for the agency history page: "正文 62%（31/50 句）；非零数据 80%（8/10 格）". */
export function copySharesText(s: CopyShares): string {
  const parts: string[] = [];
  if (s.sentences.share !== null) parts.push(`正文 ${pct(s.sentences.share)}（${s.sentences.repeated}/${s.sentences.of} 句）`);
  if (s.cells.share !== null) parts.push(`非零数据 ${pct(s.cells.share)}（${s.cells.same}/${s.cells.of} 格）`);
  return parts.join('；');
}

/** The COPY-LAST-YEAR statement when a share is above its limit, else null. */
export function copyStatement(prev: CopyInput, cur: CopyInput, s: CopyShares): string | null {
  const prose = s.sentences.share !== null && s.sentences.of >= MIN_SENTENCES && s.sentences.share > PROSE_SHARE_LIMIT;
  const cells = s.cells.share !== null && s.cells.of >= MIN_CELLS && s.cells.share > CELL_SHARE_LIMIT;
  if (!prose && !cells) return null;
  const what: string[] = [];
  if (prose) what.push(`正文 ${s.sentences.of} 句中有 ${s.sentences.repeated} 句（${pct(s.sentences.share!)}）与 ${prev.year} 年度报告逐字相同（年份不计）`);
  if (cells) what.push(`统计表 ${s.cells.of} 个非零数据中有 ${s.cells.same} 个（${pct(s.cells.share!)}）与 ${prev.year} 年度相同`);
  return `${what.join('；')}。`;
}
