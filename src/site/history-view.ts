/** A report's revision history as its page, the data-quality page and the feed print it. */
import { escapeHtml } from './html.ts';
import type { DiffPart } from '../history/changes.ts';
import { type ReportHistory, type Revision, shortCommit } from '../history/index.ts';
import { formatDateZh } from './report-view.ts';
import { sourceUrl } from './source-url.ts';

/** One published version as printed. */
export interface RevisionView {
  /** Anchor on the report page: v-<short commit>. */
  readonly id: string;
  readonly commit: string;
  readonly short: string;
  /** The commit's date (YYYY-MM-DD, the committer's own). */
  readonly date: string;
  readonly dateText: string;
  readonly reason: string;
  readonly first: boolean;
  /** 首次发布, or what the correction changed: 更正 2 个数字、1 处文字. */
  readonly summary: string;
  /** The whole YAML as of this version, when a source address is configured. */
  readonly fileUrl?: string;
  readonly cells: readonly { readonly label: string; readonly before: string; readonly after: string }[];
  /** Changed prose: each passage as markup with <del>/<ins>. */
  readonly text: readonly { readonly heading: string; readonly hunks: readonly string[] }[];
  readonly fields: readonly { readonly field: string; readonly before: string; readonly after: string }[];
}

export interface HistoryView {
  /** Versions after the first. */
  readonly corrections: number;
  /** Newest first. */
  readonly revisions: readonly RevisionView[];
  /** The page is made from a file not yet committed (a local preview). */
  readonly pending: boolean;
}

/** The date part of a committer date, as the committer wrote it. */
export const commitDay = (iso: string) => iso.slice(0, 10);

const valueText = (v: number | null | undefined) => (v === undefined ? '（该版本格式无此栏）' : v === null ? '空白' : String(v));
const fieldText = (v: string | null) => (v === null ? '（未填写）' : v);

/** 首次发布, or 更正 2 个数字、1 处文字、标题. */
export function revisionSummary(r: Revision): string {
  if (r.first) return '首次发布';
  const parts = [
    ...(r.changes.cells.length ? [`${r.changes.cells.length} 个数字`] : []),
    ...(r.changes.text.length ? [`${r.changes.text.length} 处文字`] : []),
    ...r.changes.fields.map((f) => f.field),
  ];
  // 更正 2 个数字、1 处文字 / 更正标题: a space before a figure only.
  return `更正${/^\d/.test(parts[0] ?? '') ? ' ' : ''}${parts.join('、')}`;
}

/** A diff passage as markup: removed text in <del>, added in <ins>, each named for screen readers. */
export function hunkHtml(parts: readonly DiffPart[]): string {
  return parts
    .map((p) => {
      // A paragraph break inside a passage prints as a line break.
      const text = escapeHtml(p.text).replace(/\n+/g, '<br>');
      if (p.op === 'same') return text;
      const tag = p.op;
      return `<${tag}><span class="visually-hidden">${p.op === 'del' ? '（删去：' : '（增加：'}</span>${text}<span class="visually-hidden">）</span></${tag}>`;
    })
    .join('');
}

/** The history of a report as its page prints it. */
export function historyView(history: ReportHistory, pattern?: string, pending = false): HistoryView {
  const revisions = history.revisions.map((r): RevisionView => {
    const short = shortCommit(r.commit);
    return {
      id: `v-${short}`,
      commit: r.commit,
      short,
      date: commitDay(r.date),
      dateText: formatDateZh(commitDay(r.date)),
      reason: r.reason,
      first: r.first,
      summary: revisionSummary(r),
      ...(pattern ? { fileUrl: sourceUrl(pattern, { commit: r.commit, path: r.path }) } : {}),
      cells: r.changes.cells.map((c) => ({ label: c.label, before: valueText(c.before), after: valueText(c.after) })),
      text: r.changes.text.map((t) => ({ heading: t.heading, hunks: t.hunks.map(hunkHtml) })),
      fields: r.changes.fields.map((f) => ({ field: f.field, before: fieldText(f.before), after: fieldText(f.after) })),
    };
  });
  return { corrections: revisions.filter((r) => !r.first).length, revisions, pending };
}
