/**
 * Static bar charts as view data: the geometry comes from d3-scale (bands, linear axis,
 * ticks) and d3-shape (stacking); the template prints the rectangles and text as SVG, next
 * to a table of the same numbers.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';
import type { CellDef } from '../../schema/cells.ts';
import { type Aggregate, cellTotal } from './aggregate.ts';
import { CELL_GROUPS } from './groups.ts';
import { OUTCOME_GROUPS } from './indicators.ts';

/** One rectangle of a bar chart, in SVG user units. */
export interface Bar {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly series: number;
  readonly title: string;
}

/** A chart as the template prints it: SVG geometry, text alternative and data table. */
export interface ChartView {
  readonly id: string;
  readonly title: string;
  /** Text alternative: what the chart shows, in words. */
  readonly description: string;
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
  /** Category names, each on a line of its own above its bar (a chart narrow enough for a phone). */
  readonly categories: readonly { readonly label: string; readonly x: number; readonly y: number }[];
  readonly bars: readonly Bar[];
  /** Value labels at the end of each category's bar(s). */
  readonly totals: readonly { readonly x: number; readonly y: number; readonly text: string }[];
  readonly ticks: readonly { readonly x: number; readonly text: string }[];
  readonly legend: readonly { readonly label: string; readonly series: number }[];
  /** The same numbers as a table. */
  readonly table: { readonly caption: string; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };
  readonly note?: string;
}

/**
 * Geometry in SVG user units. The chart is drawn 360 wide and scaled to its box (at most 30rem):
 * on a 375 px phone it is drawn at about its own size, so its 12-unit text reads as 11–12 px
 * and nothing lies past the screen's edge. Each category's name stands on a line above its bar,
 * so the bars have the whole width however long the names are.
 */
const WIDTH = 360;
const LEFT = 4;
const RIGHT = 52;
const TOP = 4;
/** A category's row: its name (LABEL high) and its bar. */
const LABEL = 18;
const BAND = 42;
const AXIS = 28;

/** Stacked horizontal bars: one category per row, one series per segment. */
function barChart(id: string, title: string, categories: readonly string[], series: readonly string[], data: readonly number[][], note?: string): ChartView {
  const height = TOP + categories.length * BAND + AXIS;
  const row = scaleBand<string>().domain(categories).range([TOP, height - AXIS]);
  // The bar fills the row below the name, less a gap before the next row's name.
  const y = Object.assign((c: string) => row(c)! + LABEL, { bandwidth: () => row.bandwidth() - LABEL - 6 });
  const totals = data.map((row) => row.reduce((s, v) => s + v, 0));
  const x = scaleLinear().domain([0, Math.max(1, ...totals)]).nice().range([LEFT, WIDTH - RIGHT]);
  const rows = categories.map((c, i) => Object.fromEntries([['category', c], ...series.map((s, j) => [s, data[i]![j]!])]) as Record<string, number | string>);
  const layers = stack<Record<string, number | string>>().keys(series).value((d, key) => d[key] as number)(rows);
  const bars: Bar[] = [];
  layers.forEach((layer, si) => {
    layer.forEach((seg, ci) => {
      const value = data[ci]![si]!;
      if (value === 0) return;
      const cat = categories[ci]!;
      bars.push({ x: x(seg[0]), y: y(cat)!, width: Math.max(1, x(seg[1]) - x(seg[0])), height: y.bandwidth(), series: si, title: `${cat}${series.length > 1 ? ` · ${series[si]}` : ''}：${value}` });
    });
  });
  const fmt = x.tickFormat(5, 'd');
  const description = categories.map((c, i) => `${c} ${totals[i]}${series.length > 1 ? `（${series.map((s, j) => `${s} ${data[i]![j]}`).join('，')}）` : ''}`).join('；');
  return {
    id,
    title,
    description,
    width: WIDTH,
    height,
    plot: { left: LEFT, right: WIDTH - RIGHT, top: TOP, bottom: height - AXIS },
    categories: categories.map((c) => ({ label: c, x: LEFT, y: row(c)! + LABEL - 5 })),
    bars,
    totals: categories.map((c, i) => ({ x: x(totals[i]!) + 6, y: y(c)! + y.bandwidth() / 2, text: String(totals[i]) })),
    ticks: x.ticks(5).filter(Number.isInteger).map((t) => ({ x: x(t), text: fmt(t) })),
    legend: series.length > 1 ? series.map((label, i) => ({ label, series: i })) : [],
    table: {
      caption: title,
      head: series.length > 1 ? ['', ...series, '合计'] : ['', '件数'],
      rows: categories.map((c, i) => (series.length > 1 ? [c, ...data[i]!.map(String), String(totals[i])] : [c, String(totals[i])])),
    },
    ...(note ? { note } : {}),
  };
}

/** Section 三: how applications were handled, by outcome group. */
export function outcomeChart(agg: Aggregate, id: string): ChartView {
  const labels = OUTCOME_GROUPS.map((g) => g.label);
  const data = OUTCOME_GROUPS.map((g) => [agg.measures.get(`outcome:${g.key}`)?.num ?? 0]);
  const blank = Math.max(0, ...OUTCOME_GROUPS.map((g) => agg.measures.get(`outcome:${g.key}`)?.blank ?? 0));
  const note =
    '各项为该组各行“总计”列之和。（六）其他处理在2019年版格式中为一行，在2021年版格式中为三项之和。' +
    (blank ? `有 ${blank} 份报告的相关栏目有空白，未计入相应的组。` : '');
  return barChart(`${id}-outcomes`, '申请办理结果（表三）', labels, ['件数'], data, note);
}

/** Section 四 as chart rows (行政复议, two kinds of 行政诉讼) × result series, from the template, once. */
const APPEALS = (() => {
  const parts = CELL_GROUPS.find((g) => g.key === 'shared')!.cells.filter((c) => c.section.id === '四' && !c.total);
  const label = (c: CellDef) => c.colLabels.slice(0, -1).join(' · ');
  const categories = [...new Set(parts.map(label))];
  const series = [...new Set(parts.map((c) => c.colLabels.at(-1)!))];
  const grid = categories.map((cat) => series.map((s) => parts.find((c) => label(c) === cat && c.colLabels.at(-1) === s)!.id));
  return { categories, series, grid, ids: parts.map((c) => c.id) };
})();

/** Section 四: administrative review and litigation, by result. */
export function appealsChart(agg: Aggregate, id: string): ChartView {
  const data = APPEALS.grid.map((row) => row.map((cell) => cellTotal(agg, cell)?.sum ?? 0));
  const blank = Math.max(0, ...APPEALS.ids.map((c) => cellTotal(agg, c)?.blank ?? 0));
  return barChart(`${id}-appeals`, '行政复议、行政诉讼结果（表四）', APPEALS.categories, APPEALS.series, data, blank ? `有报告将部分栏目留空，空白未计入（最多 ${blank} 份）。` : undefined);
}
