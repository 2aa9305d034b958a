/**
 * Two years' reports in one source (a portal's comparison export): the two reports laid out side
 * by side — page columns of a PDF, columns of a text copy, the two cells of a layout table — are
 * read (src/import/pdf.ts, text.ts, html.ts) as one report after the other; this module finds the
 * two and keeps the year asked for, by default the later one. Nothing of the other year is kept:
 * its blocks are dropped whole, so no number of one year is ever placed in the other's draft.
 *
 * A report starts at its title (a line naming a year and the report, as `isTitle` reads it) and
 * holds at least one section heading of the template after it. Two titles naming the same year
 * are not a comparison (two copies, or two agencies): that case is left to `recognize`.
 */
import { EDITIONS } from '../../schema/editions/index.ts';
import type { Block, ImportIssue } from './blocks.ts';
import { isHeading } from './labels.ts';
import { isTitle, proseText, titleFacts } from './prose.ts';

/** Which of two years' reports was kept. */
export interface YearPair {
  /** The two years, earlier first. */
  readonly years: readonly [number, number];
  /** The year imported. */
  readonly chosen: number;
  /** The year left out. */
  readonly other: number;
  /** Whether the year was asked for with --year (else the later one was taken). */
  readonly asked: boolean;
  /** Where the report left out starts in the source. */
  readonly otherWhere: string;
}

const SECTIONS = EDITIONS[2021].sections;

/** The year a block names as a report title, if it is one. */
function titleYear(b: Block): number | undefined {
  if (b.kind !== 'line') return undefined;
  const flat = proseText(b.text).replace(/\s+/g, '');
  if (/[。；]/.test(flat) || !isTitle(flat)) return undefined;
  return titleFacts(flat).year;
}

/**
 * Find two reports of different years in `blocks` and keep one: the year asked (`year`) when it is
 * one of the two, else the later one. Returns undefined when the source holds no such pair; an
 * `issue` (error) when a year was asked that is neither of the two.
 */
export function pickYear(blocks: readonly Block[], year?: number): { blocks: Block[]; pair: YearPair; issue: ImportIssue } | undefined {
  const starts: { at: number; year: number }[] = [];
  blocks.forEach((b, i) => {
    const y = titleYear(b);
    if (y !== undefined) starts.push({ at: i, year: y });
  });
  // Titles that start a report: a section heading follows before the next title.
  const reports = starts.filter((s, k) => {
    const end = starts[k + 1]?.at ?? blocks.length;
    return blocks.slice(s.at + 1, end).some((b) => b.kind === 'line' && SECTIONS.some((sec) => isHeading(b.text, sec)));
  });
  if (reports.length !== 2 || reports[0]!.year === reports[1]!.year) return undefined;
  const [a, b] = reports as [{ at: number; year: number }, { at: number; year: number }];
  const parts = [
    { year: a.year, blocks: blocks.slice(0, b.at), where: blocks[a.at]!.where },
    { year: b.year, blocks: blocks.slice(b.at), where: blocks[b.at]!.where },
  ];
  const years = [Math.min(a.year, b.year), Math.max(a.year, b.year)] as const;
  const asked = year !== undefined;
  if (asked && !years.includes(year)) {
    const later = parts.find((p) => p.year === years[1])!;
    const other = parts.find((p) => p.year === years[0])!;
    return {
      blocks: later.blocks,
      pair: { years, chosen: years[1], other: years[0], asked: false, otherWhere: other.where },
      issue: { severity: 'error', where: '全文', message: `原文是 ${years[0]} 年和 ${years[1]} 年两份报告并排的对照版，没有 --year 所说的 ${year} 年。请用 --year ${years[0]} 或 --year ${years[1]}` },
    };
  }
  const chosen = asked ? year : years[1];
  const keep = parts.find((p) => p.year === chosen)!;
  const other = parts.find((p) => p.year !== chosen)!;
  const why = asked ? '按 --year 指定' : '默认导入较晚的一年';
  return {
    blocks: keep.blocks,
    pair: { years, chosen, other: other.year, asked, otherWhere: other.where },
    issue: {
      severity: 'warning',
      where: '全文',
      message: `原文是 ${years[0]} 年和 ${years[1]} 年两份报告并排的对照版：导入了 ${chosen} 年的报告（${why}），${other.year} 年的数字一个也没有用。${other.year} 年的报告从${other.where}起，要导入它请加 --year ${other.year}`,
    },
  };
}
