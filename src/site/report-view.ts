/** Everything a report page prints, computed once from a loaded report. */
import { format, parseISO } from 'date-fns';
import { META_KEYS } from '../../schema/report.ts';
import { CATALOGUE } from '../../schema/rules.ts';
import { type Diagnostic, publicLabel } from '../load/diagnostic.ts';
import type { LoadedReport } from '../load/report.ts';
import { renderMarkdown } from './markdown.ts';
import { tableView, type TableView } from './table-view.ts';

export type SectionView =
  | { readonly kind: 'prose'; readonly id: string; readonly heading: string; readonly html: string }
  | { readonly kind: 'table'; readonly id: string; readonly heading: string; readonly table: TableView };

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
  readonly sections: readonly SectionView[];
  /** Warnings and acknowledged deviations, shown publicly on the page. */
  readonly notes: readonly NoteView[];
  readonly sourceFile: string;
}

/** 2021年1月26日 */
export function formatDateZh(iso: string): string {
  return format(parseISO(iso), 'yyyy年M月d日');
}

/** The site path of a report. */
export const reportUrl = (year: number, agencyId: string) => `/${year}/${agencyId}/`;

export function reportView(r: LoadedReport): ReportView {
  const report = r.report as Record<string, unknown> & typeof r.report;
  const agency = report[META_KEYS.agency];
  const year = report[META_KEYS.year];
  const published = report[META_KEYS.published] ?? null;
  const preamble = report[META_KEYS.preamble];
  const sections: SectionView[] = [];
  for (const s of r.edition.sections) {
    if (s.kind === 'prose') {
      const text = report[s.key];
      if (typeof text === 'string') sections.push({ kind: 'prose', id: `s${s.id}`, heading: s.heading, html: renderMarkdown(text) });
    } else sections.push({ kind: 'table', id: `s${s.id}`, heading: s.heading, table: tableView(r.edition, s, r.values, r.computed) });
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
    sections,
    notes,
    sourceFile: r.file,
  };
}
