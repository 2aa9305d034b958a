/**
 * Tolerant comparison of published labels with the template's (template-spec §3.1):
 * spaces inside labels, half/full-width brackets and digits, 釆/采, "1、" for "1.",
 * explanatory notes in brackets, header lines lost in export, renamed section headings.
 */
import { Converter } from 'opencc-js/t2cn';
import type { Edition, HeaderNode, Section, TableSection } from '../../schema/template.ts';
import { cleanText } from '../../schema/values.ts';

/** Traditional → simplified characters (OpenCC), for matching only: published text is kept as printed. */
export const toSimplified: (text: string) => string = Converter({ from: 't', to: 'cn' });

/** Characters that published copies swap for the template's. */
const VARIANTS: Readonly<Record<string, string>> = { 釆: '采', 檔: '档' };

/** Leading numbering: 一、 （一） (一) 1. 1、 1． */
const NUMBERING = /^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）]|\d+[.、．])/;

/** Bracketed notes: （区分处理的，只计这一情形…） (单位：万元). */
const NOTE = /[(（][^()（）]*[)）]/g;

/** Letters and digits only, NFKC, simplified characters, with known character variants mapped. */
export function squash(text: string): string {
  return toSimplified(cleanText(text))
    .replace(/./gu, (c) => VARIANTS[c] ?? c)
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The comparable core of a label: numbering and bracketed notes removed, then squashed. */
export function labelKey(text: string): string {
  const t = cleanText(text).replace(/\s+/g, '');
  // A note cut off by a line or page break has no closing bracket: drop it too.
  const core = squash(t.replace(NUMBERING, '').replace(NOTE, '').replace(/[(（][^()（）]*$/, ''));
  return core || squash(t);
}

/** The numbering a label starts with, normalised: "（三）", "(三)" → "(三)"; "2.", "2、" → "2"; "二、" → "二". */
export function numbering(text: string): string | undefined {
  const t = cleanText(text).replace(/\s+/g, '');
  const m = /^(?:\(([一二三四五六七八九十]+)\)|([一二三四五六七八九十]+)[、.]|(\d+)[.、])/.exec(t);
  if (!m) return undefined;
  return m[1] ? `(${m[1]})` : (m[2] ?? m[3]);
}

/** Share of a published label's character pairs that the template label also has, 0…1 (a shortened label scores high). */
export function containment(published: string, label: string): number {
  const a = bigrams(labelKey(published));
  const b = new Set(bigrams(labelKey(label)));
  if (!a.length) return 0;
  return a.filter((g) => b.has(g)).length / a.length;
}

/**
 * Whether a published text is the template label, allowing a lost second header line and a
 * label cut short (its first line only, when the cell wraps): a start of 3–4 characters may
 * lack at most 4, a start of 5 or more any number.
 */
export function sameLabel(published: string, label: string): boolean {
  const a = labelKey(published);
  const b = labelKey(label);
  if (!a) return false;
  return a === b || (a.length >= 3 && b.startsWith(a) && (b.length - a.length <= 4 || a.length >= 5));
}

/** Every label text printed in a table section: titles, corners, row and column headers. */
export function sectionLabels(section: TableSection): string[] {
  const out: string[] = [];
  const walk = (nodes: readonly HeaderNode[]): void => {
    for (const n of nodes) {
      if (n.label) out.push(n.label);
      if (n.children) walk(n.children);
    }
  };
  for (const grid of section.grids) {
    if (grid.title) out.push(grid.title);
    if (grid.corner) out.push(grid.corner);
    walk(grid.rows);
    walk(grid.columns);
  }
  return out;
}

/** Leaf labels of an edition's section 二 and 三 that the other editions do not print. */
export function distinctiveLabels(editions: readonly Edition[]): Map<Edition, Set<string>> {
  const sets = new Map<Edition, Set<string>>();
  for (const e of editions) {
    const set = new Set<string>();
    for (const s of e.sections) if (s.kind === 'table') for (const l of sectionLabels(s)) set.add(labelKey(l));
    sets.set(e, set);
  }
  const out = new Map<Edition, Set<string>>();
  for (const [e, set] of sets) {
    const others = [...sets].filter(([o]) => o !== e).flatMap(([, s]) => [...s]);
    out.set(e, new Set([...set].filter((k) => !others.includes(k))));
  }
  return out;
}

/** Character bigrams, for comparing renamed headings. */
export function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Dice similarity of two texts' bigrams, 0…1. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.length || !y.length) return 0;
  const pool = [...y];
  let hit = 0;
  for (const g of x) {
    const i = pool.indexOf(g);
    if (i >= 0) {
      hit++;
      pool.splice(i, 1);
    }
  }
  return (2 * hit) / (x.length + y.length);
}

/**
 * Whether a line is the heading of a section: its own number with a similar title
 * ("四、因政府信息公开工作被申请行政复议和提起行政诉讼情况"), or the title alone
 * with the number lost ("、主动公开政府信息情况").
 */
export function isHeading(line: string, section: Section): boolean {
  const t = cleanText(line).replace(/\s+/g, '');
  if (t.length > 40) return false;
  const title = squash(section.heading.replace(NUMBERING, ''));
  const m = /^([一二三四五六七八九十]*)[、.．]?(.*)$/.exec(t)!;
  const own = squash(m[2]!);
  if (m[1] === section.id) return own === title || similarity(own, title) >= 0.5;
  if (m[1] === '') return similarity(own, title) >= 0.85;
  return false;
}


