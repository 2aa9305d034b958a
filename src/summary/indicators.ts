/**
 * Headline indicators, as data: each has a Chinese name, the formula printed on the page,
 * the cells it adds up (per edition, derived from the template) and the smallest
 * denominator on which a rate is shown.
 */
import { cellsOf, type CellDef } from '../../schema/cells.ts';
import { EDITION_IDS, EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { sumOf as sum, type Values } from '../../schema/rules.ts';

/** Rates on fewer cases than this are shown as 样本过少. */
export const MIN_SAMPLE = 10;

/** Cell ids per edition. */
export type CellIds = Readonly<Record<EditionId, readonly string[]>>;

/** A headline indicator: name, printed formula, the cells it uses, minimum sample. */
export interface Indicator {
  readonly id: string;
  readonly name: string;
  /** The formula as printed on the page, in the template's own labels. */
  readonly formula: string;
  readonly kind: 'count' | 'rate';
  readonly numerator: CellIds;
  /** For rates: the denominator is the sum of `plus` minus the sum of `minus`. */
  readonly denominator?: { readonly plus: CellIds; readonly minus: CellIds };
  readonly minSample: number;
}

/** An indicator as a table column heading: its name and the formula printed beside it. */
export type IndicatorColumn = Pick<Indicator, 'id' | 'name' | 'formula'>;

/** The headings of every indicator, in order. */
export const indicatorColumns = (): IndicatorColumn[] => INDICATORS.map((i) => ({ id: i.id, name: i.name, formula: i.formula }));

/** Cells of section 三/四 chosen by row key prefix and column key path, in every edition. */
function pick(rowPrefix: readonly string[], colKeys: readonly string[], section: '三' | '四' = '三'): CellIds {
  const match = (c: CellDef) =>
    c.section.id === section &&
    rowPrefix.every((k, i) => c.rowKeys[i] === k) &&
    c.colKeys.join('/') === colKeys.join('/');
  const out = {} as Record<EditionId, string[]>;
  for (const e of EDITION_IDS) out[e] = cellsOf(EDITIONS[e]).filter(match).map((c) => c.id);
  return out;
}

const none = Object.fromEntries(EDITION_IDS.map((e) => [e, []])) as unknown as CellIds;
const join = (...parts: CellIds[]): CellIds => {
  const out = {} as Record<EditionId, string[]>;
  for (const e of EDITION_IDS) out[e] = parts.flatMap((p) => p[e]);
  return out;
};

const TOTAL = ['总计'];
const handled = pick(['本年度办理结果', '总计'], TOTAL);
const review = (col: string) => pick([], ['行政复议', col], '四');
const suit = (col: string) => join(pick([], ['行政诉讼', '未经复议直接起诉', col], '四'), pick([], ['行政诉讼', '复议后起诉', col], '四'));
const share = (id: string, name: string, group: string, label: string): Indicator => ({
  id,
  name,
  formula: `（${label}各项“总计”列之和）÷ 三、本年度办理结果（七）总计`,
  kind: 'rate',
  numerator: pick(['本年度办理结果', group], TOTAL),
  denominator: { plus: handled, minus: none },
  minSample: MIN_SAMPLE,
});

/** The headline indicators, in the order pages show them. */
export const INDICATORS: readonly Indicator[] = [
  {
    id: 'applications', name: '本年新收申请', kind: 'count', minSample: 0,
    formula: '三、一、本年新收政府信息公开申请数量（总计列）',
    numerator: pick(['本年新收政府信息公开申请数量'], TOTAL),
  },
  {
    id: 'handled', name: '本年办结申请', kind: 'count', minSample: 0,
    formula: '三、本年度办理结果（七）总计（总计列）',
    numerator: handled,
  },
  {
    id: 'disclosure-rate', name: '实质公开率', kind: 'rate', minSample: MIN_SAMPLE,
    formula: '（（一）予以公开 + （二）部分公开）÷（七）总计，均取“总计”列',
    numerator: join(pick(['本年度办理结果', '予以公开'], TOTAL), pick(['本年度办理结果', '部分公开'], TOTAL)),
    denominator: { plus: handled, minus: none },
  },
  share('withheld-share', '不予公开占比', '不予公开', '（三）不予公开'),
  share('unavailable-share', '无法提供占比', '无法提供', '（四）无法提供'),
  share('declined-share', '不予处理占比', '不予处理', '（五）不予处理'),
  {
    id: 'reviews', name: '行政复议', kind: 'count', minSample: 0,
    formula: '四、行政复议·总计',
    numerator: review('总计'),
  },
  {
    id: 'suits', name: '行政诉讼', kind: 'count', minSample: 0,
    formula: '四、行政诉讼·未经复议直接起诉·总计 + 行政诉讼·复议后起诉·总计',
    numerator: suit('总计'),
  },
  {
    id: 'review-correction', name: '行政复议纠错率', kind: 'rate', minSample: MIN_SAMPLE,
    formula: '行政复议·结果纠正 ÷（行政复议·总计 − 行政复议·尚未审结）',
    numerator: review('结果纠正'),
    denominator: { plus: review('总计'), minus: review('尚未审结') },
  },
  {
    id: 'suit-correction', name: '行政诉讼纠错率', kind: 'rate', minSample: MIN_SAMPLE,
    formula: '两类行政诉讼·结果纠正之和 ÷（两类行政诉讼·总计之和 − 两类·尚未审结之和）',
    numerator: suit('结果纠正'),
    denominator: { plus: suit('总计'), minus: suit('尚未审结') },
  },
];

/** A row group of section 三's outcomes (（一）…（六）) and its cells in the 总计 column, per edition. */
export interface OutcomeGroup {
  readonly key: string;
  readonly label: string;
  readonly ids: CellIds;
}

/**
 * The outcome groups of section 三, from the template. （六）其他处理 is one row in 2019 and
 * three in 2021; as a group it means the same in both, so its sum is comparable.
 */
export const OUTCOME_GROUPS: readonly OutcomeGroup[] = (() => {
  const first = EDITIONS[EDITION_IDS[0]!];
  const section = first.sections.find((s) => s.kind === 'table' && s.id === '三');
  if (section?.kind !== 'table') return [];
  const outcomes = section.grids[0]!.rows.find((r) => r.key === '本年度办理结果')?.children ?? [];
  return outcomes.filter((n) => !n.total && n.key).map((n) => ({ key: n.key!, label: n.label.replace(/（区分处理.*）$/, ''), ids: pick(['本年度办理结果', n.key!], TOTAL) }));
})();

/** One report's numerator and denominator; null when a cell it needs is blank. */
export interface Measured {
  readonly num: number;
  readonly den: number | null;
}

/** An indicator's parts for one report (null when any cell it needs is blank). */
export function measure(ind: Indicator, editionId: EditionId, values: Values): Measured | null {
  const num = sum(values, ind.numerator[editionId]);
  if (num === null) return null;
  if (!ind.denominator) return { num, den: null };
  const plus = sum(values, ind.denominator.plus[editionId]);
  const minus = sum(values, ind.denominator.minus[editionId]);
  if (plus === null || minus === null) return null;
  return { num, den: plus - minus };
}

/** The printed value: a count, a percentage with one decimal, or 样本过少 below the minimum sample. */
export function indicatorText(ind: Indicator, num: number, den: number | null): string {
  if (ind.kind === 'count' || den === null) return String(num);
  if (den < ind.minSample) return '样本过少';
  return `${((num / den) * 100).toFixed(1)}%`;
}

/** The value as a number for sorting and year-over-year changes (null when not shown). */
export function indicatorNumber(ind: Indicator, num: number, den: number | null): number | null {
  if (ind.kind === 'count' || den === null) return num;
  if (den < ind.minSample) return null;
  return (num / den) * 100;
}
