/** Everything a report page prints, computed once from a loaded report. */
import { format, parseISO } from 'date-fns';
import { META_KEYS, TABLE_NOTE_KEY } from '../../schema/report.ts';
import { CATALOGUE } from '../../schema/rules.ts';
import { type Diagnostic, publicLabel } from '../load/diagnostic.ts';
import type { LoadedReport } from '../load/report.ts';
import type { ReportHistory } from '../history/index.ts';
import { type HistoryView, historyView } from './history-view.ts';
import { renderMarkdown } from './markdown.ts';
import type { SourceLines } from './source-lines.ts';
import { sourceUrl } from './source-url.ts';
import { type CellLink, tableView, type TableView } from './table-view.ts';

/** Where a section is written in the report's YAML (when a source address is configured). */
export interface SourceLink {
  readonly href: string;
  readonly line: number;
}

export type SectionView =
  | { readonly kind: 'prose'; readonly id: string; readonly heading: string; readonly html: string; readonly source?: SourceLink }
  | { readonly kind: 'table'; readonly id: string; readonly heading: string; readonly table: TableView; readonly source?: SourceLink; readonly note?: string };

export interface NoteView {
  readonly rule: string;
  readonly title: string;
  readonly severity: Diagnostic['severity'];
  /** The note's public heading: 原报告如此（已核实）, 原报告如此（待核对） or 提示. */
  readonly label: string;
  /** CSS class: acknowledged, pending or warning. */
  readonly kind: string;
  readonly message: string;
  readonly note?: string;
  readonly basis: string;
}

export interface ReportView {
  readonly url: string;
  readonly year: number;
  readonly agencyId: string;
  readonly agencyName: string;
  readonly region: readonly string[];
  readonly level: string;
  readonly contact: readonly { readonly label: string; readonly value: string }[];
  readonly title: string;
  readonly edition: { readonly id: number; readonly name: string; readonly source: string };
  readonly published: string | null;
  readonly publishedText: string | null;
  readonly preambleHtml: string | null;
  readonly preambleSource?: SourceLink;
  readonly sections: readonly SectionView[];
  /** Warnings and acknowledged deviations, shown publicly on the page. */
  readonly notes: readonly NoteView[];
  readonly sourceFile: string;
  /** Published versions from git, newest first (absent when the build has no history). */
  readonly history?: HistoryView;
  /** The whole YAML at the commit the page is made from (when a source address is configured). */
  readonly sourceFileUrl?: string;
}

/** What a report page shows besides the report itself: its history and where it is written. */
export interface ReportExtras {
  readonly history?: ReportHistory;
  /** The source address pattern (NIANBAO_SOURCE_URL) and the report's lines; links need history.source too. */
  readonly source?: { readonly pattern: string; readonly lines: SourceLines };
}

/** 2021年1月26日 */
export function formatDateZh(iso: string): string {
  return format(parseISO(iso), 'yyyy年M月d日');
}

/** The site path of a report. */
export const reportUrl = (year: number, agencyId: string) => `/${year}/${agencyId}/`;

export function reportView(r: LoadedReport, extras: ReportExtras = {}): ReportView {
  const report = r.report as Record<string, unknown> & typeof r.report;
  const at = extras.history?.source;
  const src = at && extras.source ? { ...extras.source, at } : undefined;
  const lineLink = (line: number | undefined): SourceLink | undefined => (src && line !== undefined ? { href: sourceUrl(src.pattern, { ...src.at, line }), line } : undefined);
  const sectionSource = (key: string) => {
    const link = lineLink(src?.lines.sections.get(key));
    return link ? { source: link } : {};
  };
  const cellLink: CellLink | undefined = src
    ? (id) => {
        const link = lineLink(src.lines.cells.get(id));
        return link && { href: link.href, title: `源文件第 ${link.line} 行` };
      }
    : undefined;
  const agency = report[META_KEYS.agency];
  const year = report[META_KEYS.year];
  const published = report[META_KEYS.published] ?? null;
  const preamble = report[META_KEYS.preamble];
  const preambleSource = typeof preamble === 'string' ? lineLink(src?.lines.sections.get(META_KEYS.preamble)) : undefined;
  const sections: SectionView[] = [];
  for (const s of r.edition.sections) {
    if (s.kind === 'prose') {
      const text = report[s.key];
      if (typeof text === 'string') sections.push({ kind: 'prose', id: `s${s.id}`, heading: s.heading, html: renderMarkdown(text), ...sectionSource(s.key) });
    } else {
      const note = (report[s.key] as Record<string, unknown> | undefined)?.[TABLE_NOTE_KEY];
      sections.push({ kind: 'table', id: `s${s.id}`, heading: s.heading, table: tableView(r.edition, s, r.values, r.computed, cellLink), ...sectionSource(s.key), ...(typeof note === 'string' ? { note } : {}) });
    }
  }
  const notes = r.diagnostics
    .filter((d) => d.severity !== 'error')
    .map((d) => ({
      rule: d.rule,
      title: CATALOGUE[d.rule].title,
      severity: d.severity,
      label: publicLabel(d),
      kind: d.pending ? 'pending' : d.severity,
      message: d.statement ?? d.message,
      ...(d.note ? { note: d.note } : {}),
      basis: CATALOGUE[d.rule].basis,
    }));
  return {
    url: reportUrl(year, agency.标识),
    year,
    agencyId: agency.标识,
    agencyName: agency.名称,
    region: agency.地区,
    level: agency.层级,
    contact: Object.entries(agency.联系方式 ?? {}).map(([label, value]) => ({ label, value: String(value) })),
    title: report[META_KEYS.title],
    edition: { id: r.edition.id, name: r.edition.name, source: r.edition.source },
    published,
    publishedText: published ? formatDateZh(published) : null,
    preambleHtml: typeof preamble === 'string' ? renderMarkdown(preamble) : null,
    ...(preambleSource ? { preambleSource } : {}),
    sections,
    notes,
    sourceFile: r.file,
    ...(extras.history ? { history: historyView(extras.history, extras.source?.pattern, !extras.history.source) } : {}),
    ...(src ? { sourceFileUrl: sourceUrl(src.pattern, src.at) } : {}),
  };
}
