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

function fnv1a(s: string): string {
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

/** Keyed sentences of a report's preamble and prose sections, in reading order. */
export function proseSentences(editionId: EditionId, report: unknown): KeyedSentence[] {
  const out: KeyedSentence[] = [];
  for (const s of proseSentencesOf(editionId, report)) {
    const form = sentenceForm(s.text);
    if (form !== null) out.push({ path: s.path, offset: s.start, text: s.text, key: fnv1a(form) });
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
