/**
 * What changed between two published versions of a report: cells (by their statutory
 * labels, before → after), prose sections (a diff by sentence, refined by character inside
 * a changed sentence) and the other fields (title, date, agency, edition, 确认偏差). A
 * version whose data is the same as the one before — a change of layout or comments only —
 * has no changes and is not a revision.
 */
import { cellName, valueCellsOf } from '../../schema/cells.ts';
import { META_KEYS } from '../../schema/report.ts';
import type { LoadedReport } from '../load/report.ts';

/** A cell whose figure changed. `null` is a blank cell; `undefined` a cell the other version's edition does not have. */
export interface CellChange {
  /** Stable cell id (三/本年度办理结果/予以公开/自然人). */
  readonly id: string;
  /** The cell's statutory labels: 「表三：… · 自然人」. */
  readonly label: string;
  readonly before: number | null | undefined;
  readonly after: number | null | undefined;
}

/** A piece of a text diff: kept, removed or added. */
export interface DiffPart {
  readonly op: 'same' | 'del' | 'ins';
  readonly text: string;
}

/** A prose section whose text changed (Markdown, as written). */
export interface ProseChange {
  /** The section's heading (or 前言). */
  readonly heading: string;
  readonly before: string | null;
  readonly after: string | null;
  /** The changed passages with a little context around each. */
  readonly hunks: readonly (readonly DiffPart[])[];
}

/** Another field whose value changed, as text. */
export interface FieldChange {
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface Changes {
  readonly cells: readonly CellChange[];
  readonly text: readonly ProseChange[];
  readonly fields: readonly FieldChange[];
}

/** True when the versions differ in no cell, text or field. */
export const unchanged = (c: Changes): boolean => !c.cells.length && !c.text.length && !c.fields.length;

type Data = Record<string, unknown>;

/** The fields compared besides cells and prose, as printed. */
function fieldsOf(r: LoadedReport): Record<string, string | null> {
  const d = r.report as unknown as Data;
  const agency = (d[META_KEYS.agency] ?? {}) as Data;
  const contact = Object.entries((agency.联系方式 ?? {}) as Data).map(([k, v]) => `${k} ${String(v)}`);
  const acks = ((d[META_KEYS.acknowledgements] ?? []) as Data[]).map((a) => `${String(a.规则)} ${String(a.单元格)}：${String(a.说明)}`);
  return {
    [META_KEYS.edition]: `${r.edition.name}（${r.edition.source}）`,
    [META_KEYS.title]: String(d[META_KEYS.title]),
    [META_KEYS.published]: (d[META_KEYS.published] as string | null | undefined) ?? null,
    机关名称: String(agency.名称),
    所在地区: ((agency.地区 ?? []) as string[]).join(' '),
    机关层级: String(agency.层级),
    联系方式: contact.length ? contact.join('；') : null,
    [META_KEYS.acknowledgements]: acks.length ? acks.join('\n') : null,
  };
}

/** Prose by heading, in the edition's order, the preamble first. */
function proseOf(r: LoadedReport): Map<string, string> {
  const d = r.report as unknown as Data;
  const out = new Map<string, string>();
  const preamble = d[META_KEYS.preamble];
  if (typeof preamble === 'string') out.set(META_KEYS.preamble, preamble);
  for (const s of r.edition.sections) if (s.kind === 'prose' && typeof d[s.key] === 'string') out.set(s.heading, d[s.key] as string);
  return out;
}

/** What changed from `before` to `after`; with no `before`, nothing (a first version). */
export function compareVersions(before: LoadedReport, after: LoadedReport): Changes {
  const cells: CellChange[] = [];
  const seen = new Set<string>();
  for (const [edition, other, first] of [
    [after, before, true],
    [before, after, false],
  ] as const) {
    for (const c of valueCellsOf(edition.edition)) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      const mine = edition.values.has(c.id) ? edition.values.get(c.id)! : undefined;
      const theirs = other.values.has(c.id) ? other.values.get(c.id)! : undefined;
      if (mine === theirs) continue;
      cells.push({ id: c.id, label: cellName(c).slice(1, -1), before: first ? theirs : mine, after: first ? mine : theirs });
    }
  }
  const text: ProseChange[] = [];
  const a = proseOf(before);
  const b = proseOf(after);
  for (const heading of [...new Set([...b.keys(), ...a.keys()])]) {
    const x = a.get(heading) ?? null;
    const y = b.get(heading) ?? null;
    if (x === y) continue;
    text.push({ heading, before: x, after: y, hunks: textHunks(x ?? '', y ?? '') });
  }
  const fa = fieldsOf(before);
  const fb = fieldsOf(after);
  const fields = Object.keys(fb)
    .filter((k) => fa[k] !== fb[k])
    .map((k) => ({ field: k, before: fa[k] ?? null, after: fb[k] ?? null }));
  return { cells, text, fields };
}

/** Sentences (ending in 。！？；), line breaks and the rest: the units a prose diff compares. */
export function sentences(text: string): string[] {
  return text.match(/[^。！？；!?;\n]*[。！？；!?;]+|[^。！？；!?;\n]+|\n+/g) ?? [];
}

/** The longest common subsequence diff of two sequences. O(n·m); callers keep n·m bounded. */
export function diffSequences<T>(a: readonly T[], b: readonly T[]): { op: DiffPart['op']; item: T }[] {
  // Common ends first: most edits touch a small part of a long text.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  const n = x.length;
  const m = y.length;
  const out: { op: DiffPart['op']; item: T }[] = a.slice(0, start).map((item) => ({ op: 'same' as const, item }));
  if (n * m > 4_000_000) {
    // Too large to align: all of one replaced by all of the other.
    out.push(...x.map((item) => ({ op: 'del' as const, item })), ...y.map((item) => ({ op: 'ins' as const, item })));
  } else {
    const len = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) len[i]![j] = x[i] === y[j] ? len[i + 1]![j + 1]! + 1 : Math.max(len[i + 1]![j]!, len[i]![j + 1]!);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && x[i] === y[j]) {
        out.push({ op: 'same', item: x[i]! });
        i++;
        j++;
      } else if (j < m && (i === n || len[i]![j + 1]! >= len[i + 1]![j]!)) out.push({ op: 'ins', item: y[j++]! });
      else out.push({ op: 'del', item: x[i++]! });
    }
  }
  out.push(...a.slice(endA).map((item) => ({ op: 'same' as const, item })));
  return out;
}

/** Parts with neighbours of the same kind joined. */
function joinParts(parts: readonly DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    const last = out.at(-1);
    if (last && last.op === p.op) out[out.length - 1] = { op: p.op, text: last.text + p.text };
    else if (p.text) out.push({ ...p });
  }
  return out;
}

/** Characters of context kept on each side of a change. */
const CONTEXT = 40;

/**
 * The changed passages of a text: a diff by sentence; where one run of sentences replaces
 * another, by character inside it, so a corrected figure in a long sentence shows as just
 * that figure. Each passage keeps up to 40 characters of unchanged text on either side.
 */
export function textHunks(before: string, after: string): DiffPart[][] {
  const bySentence = diffSequences(sentences(before), sentences(after));
  const parts: DiffPart[] = [];
  for (let i = 0; i < bySentence.length; ) {
    if (bySentence[i]!.op === 'same') {
      parts.push({ op: 'same', text: bySentence[i++]!.item });
      continue;
    }
    let del = '';
    let ins = '';
    while (i < bySentence.length && bySentence[i]!.op !== 'same') {
      const p = bySentence[i++]!;
      if (p.op === 'del') del += p.item;
      else ins += p.item;
    }
    if (del && ins && del.length * ins.length <= 250_000) {
      parts.push(...diffSequences([...del], [...ins]).map((p) => ({ op: p.op, text: p.item })));
    } else {
      if (del) parts.push({ op: 'del', text: del });
      if (ins) parts.push({ op: 'ins', text: ins });
    }
  }
  // Character-level diffs leave tiny common runs between changes: fold runs of under two
  // characters into the change around them so the passage reads as words, not letters.
  const joined = joinParts(parts);
  const folded: DiffPart[] = [];
  for (let i = 0; i < joined.length; i++) {
    const p = joined[i]!;
    const inner = i > 0 && i < joined.length - 1;
    if (p.op === 'same' && inner && [...p.text].length < 2) {
      folded.push({ op: 'del', text: p.text }, { op: 'ins', text: p.text });
    } else folded.push(p);
  }
  const merged = regroup(folded);
  // Hunks: each run of changes with its context; long unchanged stretches are left out.
  const hunks: DiffPart[][] = [];
  let current: DiffPart[] | undefined;
  merged.forEach((p, i) => {
    if (p.op !== 'same') {
      current ??= [];
      current.push(p);
      return;
    }
    const chars = [...p.text];
    const lead = i > 0 ? chars.slice(0, CONTEXT).join('') : '';
    const trail = i < merged.length - 1 ? chars.slice(-CONTEXT).join('') : '';
    if (current && (i === merged.length - 1 || chars.length > 2 * CONTEXT)) {
      current.push({ op: 'same', text: `${lead}${chars.length > CONTEXT ? '…' : ''}` });
      hunks.push(current);
      current = undefined;
    } else if (current) {
      current.push(p);
      return;
    }
    if (i < merged.length - 1) current = [{ op: 'same', text: `${chars.length > CONTEXT ? '…' : ''}${trail}` }];
  });
  if (current) hunks.push(current);
  return hunks.map((h) => joinParts(h.filter((p) => p.text)));
}

/** Runs of del/ins parts as one del then one ins (the folded context reads in both). */
function regroup(parts: readonly DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (let i = 0; i < parts.length; ) {
    if (parts[i]!.op === 'same') {
      out.push(parts[i++]!);
      continue;
    }
    let del = '';
    let ins = '';
    while (i < parts.length && parts[i]!.op !== 'same') {
      if (parts[i]!.op === 'del') del += parts[i]!.text;
      else ins += parts[i]!.text;
      i++;
    }
    if (del) out.push({ op: 'del', text: del });
    if (ins) out.push({ op: 'ins', text: ins });
  }
  return out;
}
