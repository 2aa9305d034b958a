/**
 * The checks annual-report evaluators score beyond the tables' arithmetic (政务公开考核,
 * third-party transparency indices): timeliness (TIMELINESS; AGENCY-KIND when the kind it depends
 * on is not stated), prose quoting other figures than
 * the tables (R9), template leftovers (LEFTOVER), the wrong year in the prose (PROSE-YEAR), an
 * empty 五、存在的主要问题及改进情况 (SECTION5-THIN) and prose contradicting the tables
 * (FEE-CONTRADICTION, PENDING-CONTRADICTION).
 *
 * Pure functions over a validated report and its cell values. Each finding names the YAML
 * path of the text (or cell) and, for prose, the character offset of the sentence within that
 * text, so the loader can point at file:line:col of the sentence.
 *
 * Precision over recall: a sentence is only compared with a cell when it quotes one quantity
 * unambiguously; sentences about plans, other years, comparisons, regional totals or parts
 * ("其中") are left alone.
 */
import { guessAgencyKind } from './agency-kind.ts';
import { cellName, cellsOf, type CellDef } from './cells.ts';
import { EDITIONS, type EditionId } from './editions/index.ts';
import { META_KEYS, type Report } from './report.ts';
import { type RuleId, sumOf, type Values } from './rules.ts';

/** A finding in a report's text or metadata, before it is placed in a file. */
export interface TextFinding {
  readonly rule: RuleId;
  /** YAML path of the field the finding is in (a text field, 发布日期 or a cell). */
  readonly path: readonly (string | number)[];
  /** For text: offset (UTF-16 units) of the sentence or leftover within the field's value. */
  readonly offset?: number;
  /** For text: the matched text (the sentence, or the leftover itself). */
  readonly text?: string;
  /** Cell id, when the finding compares with a table cell. */
  readonly cell?: string;
  /** What is wrong, for anyone reading the report (public pages). */
  readonly statement: string;
  /** The statement followed by what the clerk should check or do. */
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** A sentence of a text with its offset; ends at 。！？!? or a line break. */
export interface Sentence {
  readonly text: string;
  readonly start: number;
}

/** Sentences of a text, whitespace around them dropped, offsets kept. */
export function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^。！？!?\n]+[。！？!?]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) out.push({ text: body, start: m.index + lead });
  }
  return out;
}

/** Clauses of a sentence (split at ，；,;), with offsets within the sentence. */
function clausesOf(sentence: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^，；,;]+/g;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) out.push({ text: m[0], start: m.index });
  return out;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "12", "１２", "十二", "二十", "一百零五" → number; null when it is not a count. */
export function parseCount(s: string): number | null {
  const t = s.normalize('NFKC').trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(t)) return null;
  let total = 0;
  let digit = 0;
  for (const ch of t) {
    if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = CN_DIGITS[ch]!;
  }
  return total + digit;
}

const NUM = '(\\d+|[０-９]+|[零〇一二两三四五六七八九十百]+)';
const UNIT = '(?:件|次|条|宗|起|例|个)';
/** Between a keyword and its number: no digits, no clause break. */
const GAP = (n: number) => `[^，。；,;\\d０-９]{0,${n}}?`;

/** Words that make a clause about something else than this year's own counts. */
const NOT_THIS_YEARS_OWN = /咨询|来电|来访|留言|信箱|建议|提案|投诉|信访|热线|分别|各\s*[\d一二两三四五六七八九十]|将|计划|拟|力争|下一步|同比|较上|比上|较去年|比去年|增加|减少|增长|下降|上升|持平|占比|占|全省|全市|全县|全区|全州|全旗|全盟|各级|各部门|各单位|各乡镇|各镇|各街道|所属|下属|系统内/;
const YEAR_IN = /(?<![\d０-９])((?:19|20)\d\d)\s*年/g;

/** True when a sentence mentions a year other than the report's (a comparison or another period). */
function mentionsOtherYear(sentence: string, year: number): boolean {
  for (const m of nfkc(sentence).matchAll(YEAR_IN)) if (Number(m[1]) !== year) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// TIMELINESS

/** What kind of agency publishes a report, as the template's field 机关 › 类型 records it. */
export type AgencyKind = '人民政府' | '政府部门' | '其他';

/**
 * The statutory last day of publication, as YYYY-MM-DD, or null when the statute gives none.
 * 条例第四十九条 (2019 revision, in force from 2019-05-15): 县级以上人民政府部门 by 1月31日,
 * 县级以上地方人民政府 by 3月31日, each for the previous year. It gives no date for 乡级 people's
 * governments or for other kinds of agency; reports for years before 2019 fall under the 2007
 * 条例 and are not checked.
 */
export function statutoryDeadline(year: number, kind: AgencyKind | undefined, level: string): string | null {
  if (year < 2019 || !kind || !['省级', '市级', '县级'].includes(level)) return null;
  if (kind === '政府部门') return `${year + 1}-01-31`;
  if (kind === '人民政府') return `${year + 1}-03-31`;
  return null;
}

const ymd = (d: string) => {
  const [y, m, dd] = d.split('-');
  return `${Number(y)}年${Number(m)}月${Number(dd)}日`;
};

function checkTimeliness(report: Report): TextFinding[] {
  const agency = report[META_KEYS.agency] as Report['机关'] & { 类型?: AgencyKind };
  const published = report[META_KEYS.published];
  const year = report[META_KEYS.year];
  if (!agency.类型 && published && statutoryDeadline(year, '人民政府', agency.层级)) return [agencyKindMissing(agency.名称)];
  const deadline = statutoryDeadline(year, agency.类型, agency.层级);
  if (!published || !deadline || published <= deadline) return [];
  const who = agency.类型 === '政府部门' ? '县级以上人民政府部门' : '县级以上地方人民政府';
  const statement = `本报告发布日期为 ${ymd(published)}，晚于《中华人民共和国政府信息公开条例》第四十九条规定的期限：${who}应在 ${ymd(deadline)} 前公布 ${year} 年度报告。`;
  return [
    {
      rule: 'TIMELINESS',
      path: [META_KEYS.published],
      statement,
      message: `${statement}请核对发布日期是否照原报告填写；机关类型（机关 › 类型）和层级是否填对。`,
    },
  ];
}

/**
 * 机关 › 类型 left empty in a report of a 县级以上 agency with a publication date: the deadline of
 * 条例第四十九条 depends on the kind, so timeliness cannot be checked. The advice names the kind
 * the agency's name says (schema/agency-kind.ts), or the three kinds when it does not say.
 */
function agencyKindMissing(name: string): TextFinding {
  const statement = '未填写机关类型（机关 › 类型），无法按《中华人民共和国政府信息公开条例》第四十九条核对本报告是否按期公布。';
  const guess = guessAgencyKind(name);
  const advice = guess
    ? `据机关名称“${name}”，应在“机关”下写“类型: ${guess}”；若不是，改写 人民政府、政府部门、其他 中的一个。`
    : '请在“机关”下写“类型: 人民政府”、“类型: 政府部门”（县级以上人民政府的工作部门）或“类型: 其他”（派出机构、综合服务中心等）。';
  return { rule: 'AGENCY-KIND', path: [META_KEYS.agency, '类型'], statement, message: statement + advice };
}

/** Whether a report was published on time: null when it cannot be told (no date, or no statutory date). */
export function publishedOnTime(year: number, kind: AgencyKind | undefined, level: string, published: string | null): boolean | null {
  const deadline = statutoryDeadline(year, kind, level);
  if (!published || !deadline) return null;
  return published <= deadline;
}

// ---------------------------------------------------------------------------------------------
// Text fields

/** Every text field of a report with its YAML path: title, preamble, prose sections, agency names and contacts. */
export function textFields(editionId: EditionId, report: unknown): { path: (string | number)[]; text: string; prose: boolean }[] {
  const out: { path: (string | number)[]; text: string; prose: boolean }[] = [];
  if (report === null || typeof report !== 'object') return out;
  const r = report as Record<string, unknown>;
  const obj = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const push = (path: (string | number)[], v: unknown, prose: boolean) => {
    if (typeof v === 'string' && v.trim()) out.push({ path, text: v, prose });
  };
  push([META_KEYS.title], r[META_KEYS.title], false);
  const agency = obj(r[META_KEYS.agency]);
  push([META_KEYS.agency, '名称'], agency['名称'], false);
  for (const [k, v] of Object.entries(obj(agency['联系方式']))) push([META_KEYS.agency, '联系方式', k], v, false);
  push([META_KEYS.preamble], r[META_KEYS.preamble], true);
  for (const section of EDITIONS[editionId].sections) if (section.kind === 'prose') push([section.key], r[section.key], true);
  return out;
}

/** A sentence of the preamble or a prose section, with the field it is in. */
export interface ProseSentence extends Sentence {
  readonly path: readonly (string | number)[];
}

/** The last split of each report object (the prose of a loaded report is not changed after). */
const splitOf = new WeakMap<object, { readonly editionId: EditionId; readonly sentences: readonly ProseSentence[] }>();

/**
 * Every sentence of the preamble and prose sections of a report of `editionId`, in reading
 * order: split once per report object, and shared by the checks here and the copy keys of
 * copying.ts (`proseSentences`), which read the same sentences.
 */
export function proseSentencesOf(editionId: EditionId, report: unknown): readonly ProseSentence[] {
  const hit = report !== null && typeof report === 'object' ? splitOf.get(report) : undefined;
  if (hit && hit.editionId === editionId) return hit.sentences;
  const sentences: ProseSentence[] = [];
  for (const f of textFields(editionId, report)) {
    // Each made as one object literal (not spread from the sentence's): some 17 a report.
    if (f.prose) for (const s of sentencesOf(f.text)) sentences.push({ text: s.text, start: s.start, path: f.path });
  }
  if (report !== null && typeof report === 'object') splitOf.set(report, { editionId, sentences });
  return sentences;
}

/** NFKC only where it changes what the checks read (full-width digits and letters); punctuation is matched in both widths. */
const nfkc = (s: string) => (/[０-９Ａ-Ｚａ-ｚ]/.test(s) ? s.normalize('NFKC') : s);

// ---------------------------------------------------------------------------------------------
// LEFTOVER

/**
 * Template placeholders: XX/×× (in place of a name or number), 某某, ＊＊, {单位}, 【】, "此处填写",
 * the template's "（文字描述）",
 * and "……" standing in for a figure or a whole item. Lower-case "xx" (e-mail addresses, URLs),
 * Markdown's "**", filled brackets (【2019】) and an ellipsis ending a list are not leftovers.
 */
const LEFTOVER_PATTERNS: readonly RegExp[] = [
  /(?<![A-Za-z])X{2,}(?![A-Za-z])/g,
  /[×Ｘ✕╳]{2,}/g,
  /某某/g,
  /＊{2,}/g,
  /[{｛][^{}｛｝\n]{1,12}[}｝]/g,
  /【\s*】/g,
  /[(（]\s*[)）]/g,
  /此处填写|在此填写|请填写|待填写|待补充/g,
  // The 2021 template's own instructions: "（文字描述）", "（文字描述，收取信息处理费情况在此处报告。）".
  /[(（]文字描述[^()（）]*[)）]/g,
  /(?:…{2,}|\.{6,})(?=\s*[件条个次项篇人万元%％])/g,
  /(?<=[共计为是有：:]\s*)(?:…{2,}|\.{6,})(?=\s*[。，；]|$)/gm,
  /^\s*(?:…{2,}|\.{6,})\s*[。；]?\s*$/gm,
];

/** Every leftover in a text: its offset and the placeholder itself. */
/** Any of the characters a placeholder needs: most texts have none, and are passed over in one test. */
const MAY_HAVE_LEFTOVER = /XX|[×Ｘ✕╳]{2}|某某|＊＊|[{｛]|【\s*】|[(（]\s*[)）]|填写|待补充|…|\.{6}|文字描述/;

export function findLeftovers(text: string): { offset: number; text: string }[] {
  const out: { offset: number; text: string }[] = [];
  if (!MAY_HAVE_LEFTOVER.test(text)) return out;
  for (const re of LEFTOVER_PATTERNS) {
    for (const m of text.matchAll(re)) out.push({ offset: m.index!, text: m[0].trim() || m[0] });
  }
  return out.sort((a, b) => a.offset - b.offset).filter((f, i, all) => i === 0 || f.offset >= all[i - 1]!.offset + all[i - 1]!.text.length);
}

/** A field's path as clerks write it under 确认偏差 › 位置: 一、总体情况, 机关 › 名称. */
export const pathName = (path: readonly (string | number)[]) => path.join(' › ');

/** LEFTOVER findings of a report, valid or not (only its text fields are read). */
export function checkLeftovers(editionId: EditionId, report: unknown): TextFinding[] {
  const out: TextFinding[] = [];
  for (const field of textFields(editionId, report)) {
    for (const hit of findLeftovers(field.text)) {
      const statement = `「${pathName(field.path)}」中有模板占位符“${hit.text}”，原样发布了未填写的内容。`;
      out.push({
        rule: 'LEFTOVER',
        path: field.path,
        offset: hit.offset,
        text: hit.text,
        statement,
        message: `${statement}请换成实际的名称或数字；若原报告就是这样发布的，在「确认偏差」中记录（规则 LEFTOVER，位置「${pathName(field.path)}」，原文“${hit.text}”）。`,
      });
    }
  }
  return out;
}

/**
 * 确认偏差 entries for every leftover of a report imported as published: what the importer
 * writes so that the report is kept as published and its leftovers shown as deviations.
 */
export function leftoverAcknowledgements(editionId: EditionId, report: unknown, note = '原报告如此发布'): { 规则: 'LEFTOVER'; 位置: string; 原文: string; 说明: string }[] {
  const seen = new Set<string>();
  const out: { 规则: 'LEFTOVER'; 位置: string; 原文: string; 说明: string }[] = [];
  for (const f of checkLeftovers(editionId, report)) {
    const key = `${pathName(f.path)}\u0000${f.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ 规则: 'LEFTOVER', 位置: pathName(f.path), 原文: f.text!, 说明: note });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// R9: prose against tables

interface Quantity {
  /** What the sentence quotes, in words. */
  readonly what: string;
  /** Cells whose sum is the quantity (first alternative is the one named). */
  readonly cells: readonly string[];
  /** Other readings the sentence may mean (e.g. 受理 including the carried-over). */
  readonly also?: readonly (readonly string[])[];
}

const Q = {
  received: { what: '收到的申请', cells: ['三/本年新收政府信息公开申请数量/总计'], also: [['三/本年新收政府信息公开申请数量/总计', '三/上年结转政府信息公开申请数量/总计']] },
  carriedIn: { what: '上年结转的申请', cells: ['三/上年结转政府信息公开申请数量/总计'] },
  handled: { what: '办结（答复）的申请', cells: ['三/本年度办理结果/总计/总计'] },
  carriedOut: { what: '结转下年度的申请', cells: ['三/结转下年度继续办理/总计'] },
  opened: { what: '予以公开的申请', cells: ['三/本年度办理结果/予以公开/总计'], also: [['三/本年度办理结果/予以公开/总计', '三/本年度办理结果/部分公开/总计']] },
  openedAndPartly: { what: '予以公开和部分公开的申请', cells: ['三/本年度办理结果/予以公开/总计', '三/本年度办理结果/部分公开/总计'] },
  partly: { what: '部分公开的申请', cells: ['三/本年度办理结果/部分公开/总计'] },
  review: { what: '行政复议', cells: ['四/行政复议/总计'] },
  litigation: {
    what: '行政诉讼',
    cells: ['四/行政诉讼/未经复议直接起诉/总计', '四/行政诉讼/复议后起诉/总计'],
    also: [['四/行政诉讼/未经复议直接起诉/总计'], ['四/行政诉讼/复议后起诉/总计']],
  },
} as const satisfies Record<string, Quantity>;

type QuantityId = keyof typeof Q;

/** Patterns quoting a quantity with a number (group 1 is the number). */
const NUMBER_PATTERNS: readonly { q: QuantityId; re: RegExp; unless?: RegExp }[] = [
  {
    q: 'received',
    re: new RegExp(`(?:收到|接收|受理|接到|新收)${GAP(16)}申请(?!人|书|表|材料|渠道)(?:数量|事项)?${GAP(4)}(?:共计|共|合计|总计|为|是)?\\s*${NUM}\\s*${UNIT}`),
    unless: /结转|复议|诉讼|起诉|其中|自然人|法人|企业|办结|答复|办理完毕|公开及|部分公开|予以公开/,
  },
  { q: 'carriedIn', re: new RegExp(`上年(?:度)?结转${GAP(14)}${NUM}\\s*${UNIT}`), unless: /下年|下一年|复议|诉讼/ },
  {
    q: 'carriedOut',
    re: new RegExp(`(?:结转(?:到|至)?下(?:一)?年度?${GAP(10)}${NUM}\\s*${UNIT}|${NUM}\\s*${UNIT}${GAP(6)}结转(?:到|至)?下(?:一)?年)`),
    unless: /上年|复议|诉讼/,
  },
  {
    q: 'handled',
    re: new RegExp(`(?:办结|答复|办理完毕|处理完毕)${GAP(10)}(?:申请)?${GAP(4)}${NUM}\\s*${UNIT}`),
    unless: /收到|受理|接收|新收|结转|复议|诉讼|起诉|其中|予以公开|部分公开|率/,
  },
  { q: 'openedAndPartly', re: new RegExp(`(?:予以)?公开(?:及|和|与|、|或)部分公开${GAP(8)}${NUM}\\s*${UNIT}`), unless: /复议|诉讼/ },
  { q: 'opened', re: new RegExp(`予以公开(?!及|和|与|、|或)${GAP(6)}${NUM}\\s*${UNIT}`), unless: /部分公开|复议|诉讼|收到|受理/ },
  { q: 'partly', re: new RegExp(`(?<![及和与、或])部分公开${GAP(6)}${NUM}\\s*${UNIT}`), unless: /予以公开|复议|诉讼|收到|受理/ },
  { q: 'review', re: new RegExp(`行政复议${GAP(10)}${NUM}\\s*${UNIT}`), unless: /诉讼|起诉|率/ },
  { q: 'litigation', re: new RegExp(`行政诉讼${GAP(10)}${NUM}\\s*${UNIT}`), unless: /复议|率/ },
];

/** Patterns saying a quantity was nil ("未收到政府信息公开申请", "无行政复议和行政诉讼"). */
const NIL_PATTERNS: readonly { qs: readonly QuantityId[]; re: RegExp; unless?: RegExp }[] = [
  {
    qs: ['review', 'litigation'],
    re: /(?:未|没有|无)(?:发生|出现|产生|收到|接到)?[^，。；,;\d]{0,20}?行政复议(?:和|及|与|、|或)(?:提起)?(?:行政)?诉讼/,
  },
  { qs: ['review'], re: /(?:未|没有|无)(?:发生|出现|产生|收到|接到)?[^，。；,;\d]{0,20}?行政复议/, unless: /诉讼|起诉/ },
  { qs: ['litigation'], re: /(?:未|没有|无)(?:发生|出现|产生)?[^，。；,;\d]{0,20}?行政诉讼/, unless: /复议/ },
  {
    qs: ['received'],
    re: /(?:未|没有)(?:收到|接到|受理|接收)(?:过)?(?:任何)?[^，。；,;\d]{0,16}?申请|无(?:政府信息公开|信息公开|依申请公开|公开)?申请(?:事件|事项|件|记录|情况)?(?![人])|无依申请公开(?:事项|事件|情况|件)?/,
    unless: /复议|诉讼|结转|无正当理由|无法|是否/,
  },
];

/** What one clause quotes: one quantity, with a number or as nil; null when none or ambiguous. */
function quotedIn(clause: string): { qs: readonly QuantityId[]; value: number; at: number } | null {
  const hits: { qs: readonly QuantityId[]; value: number; at: number }[] = [];
  for (const p of NUMBER_PATTERNS) {
    const m = p.re.exec(clause);
    if (!m || (p.unless && p.unless.test(clause))) continue;
    const raw = m.slice(1).find((g) => g !== undefined)!;
    const value = parseCount(raw);
    if (value === null) continue;
    hits.push({ qs: [p.q], value, at: m.index });
  }
  if (!hits.length) {
    for (const p of NIL_PATTERNS) {
      const m = p.re.exec(clause);
      if (!m || (p.unless && p.unless.test(clause))) continue;
      hits.push({ qs: p.qs, value: 0, at: m.index });
      break;
    }
  }
  // 予以公开 and 部分公开 inside "予以公开及部分公开" are one quantity, not three.
  const kinds = new Set(hits.flatMap((h) => h.qs));
  if (kinds.has('openedAndPartly')) return hits.find((h) => h.qs[0] === 'openedAndPartly')!;
  return hits.length === 1 ? hits[0]! : null;
}

const excerpt = (s: string) => (s.length > 80 ? `${s.slice(0, 78)}……` : s);

/** A sentence can quote a quantity only if it names one and has a count or a negation. */
const MAY_QUOTE = /申请|复议|诉讼|结转|予以公开|部分公开|办结|答复/;
const HAS_COUNT = /[\d０-９零〇一二两三四五六七八九十百]\s*(?:件|次|条|宗|起|例|个)|未|没有|无/;

function checkProseAgainstTables(editionId: EditionId, sentences: readonly ProseSentence[], report: Report, values: Values): TextFinding[] {
  const out: TextFinding[] = [];
  const year = report[META_KEYS.year];
  let cells: Map<string, CellDef> | undefined;
  for (const sentence of sentences) {
    if (!MAY_QUOTE.test(sentence.text) || !HAS_COUNT.test(sentence.text)) continue;
    // 办结/答复 count applications only where the sentence says so; otherwise they may count 咨询 or 来信.
    const aboutApplications = sentence.text.includes('申请');
    if (mentionsOtherYear(sentence.text, year)) continue;
    const seen = new Set<QuantityId>();
    for (const clause of clausesOf(sentence.text)) {
      const c = nfkc(clause.text);
      if (NOT_THIS_YEARS_OWN.test(c)) continue;
      const hit = quotedIn(c);
      if (!hit) continue;
      for (const q of hit.qs) {
        if (seen.has(q) || (q === 'handled' && !aboutApplications)) continue;
        seen.add(q);
        const quantity: Quantity = Q[q];
        const stated = sumOf(values, quantity.cells);
        if (stated === null || stated === hit.value) continue;
        if ((quantity.also ?? []).some((ids) => sumOf(values, ids) === hit.value)) continue;
        cells ??= new Map(cellsOf(EDITIONS[editionId]).map((cell) => [cell.id, cell]));
        const named = quantity.cells.map((id) => cells!.get(id)!);
        const tableSays =
          named.length > 1
            ? `${named.map((cell: CellDef) => `${cellName(cell)} ${values.get(cell.id)}`).join(' + ')} = ${stated}`
            : `${cellName(named[0]!)}为 ${stated}`;
        const quoted = hit.value === 0 ? `没有${quantity.what}` : `${quantity.what}为 ${hit.value}`;
        const statement = `正文“${excerpt(sentence.text)}”称${quoted}，但统计表中${tableSays}。`;
        out.push({
          rule: 'R9',
          path: sentence.path,
          offset: sentence.start,
          text: sentence.text,
          cell: quantity.cells[0],
          statement,
          message: `${statement}请核对原始台账，改正正文或表格中错误的一处。`,
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// PROSE-YEAR

/** Words that make a dated sentence a reference, a period or a plan rather than this year's work. */
const DATED_REFERENCE = /以来|至今|截至|截止|相比|同比|较|比上|计划|规划|要点|方案|部署|启动|开通|建成|成立|设立|制定|印发|出台|起施行|起实施|将|拟|下一步|明年/;
const WORK_SENTENCE = /^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[是、.．]|\d+[.、．])?\s*((?:19|20)\d\d)\s*年(?:度)?[，,、]?\s*(?:我|本)(?:镇|乡|县|区|市|局|委|办|中心|单位|部门|街道|机关|厅|院|站|所|处|署|会|公司|政府)/;

function checkProseYear(sentences: readonly ProseSentence[], report: Report): TextFinding[] {
  const out: TextFinding[] = [];
  const year = report[META_KEYS.year];
  for (const sentence of sentences) {
    // The sentence opens with the year and the agency: "2019年，我镇…", "（二）2019年我局…".
    const m = WORK_SENTENCE.exec(nfkc(sentence.text));
    if (!m) continue;
    const said = Number(m[1]);
    // The next year is where plans are dated ("2021年，我镇将…").
    if (said === year || said === year + 1) continue;
    if (DATED_REFERENCE.test(sentence.text)) continue;
    const statement = `正文“${excerpt(sentence.text)}”写的是 ${said} 年的工作，而本报告为 ${year} 年度。`;
    out.push({
      rule: 'PROSE-YEAR',
      path: sentence.path,
      offset: sentence.start,
      text: sentence.text,
      statement,
      message: `${statement}若是沿用往年报告的文字，请改为 ${year} 年的情况；若确是回顾 ${said} 年，请写明（如“${said}年以来”）。`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// SECTION5-THIN, FEE-CONTRADICTION, PENDING-CONTRADICTION

/** Fewer characters than this (punctuation and spaces not counted) is no account of problems and improvements. */
export const SECTION5_MIN_CHARS = 12;
const SECTION5_KEY = '五、存在的主要问题及改进情况';

function checkSection5(report: Report): TextFinding[] {
  const text = (report as Record<string, unknown>)[SECTION5_KEY];
  // An empty section is PROSE-EMPTY's.
  if (typeof text !== 'string' || text.trim() === '') return [];
  const content = text.replace(/[\s\p{P}\p{S}]/gu, '');
  const nil = /^(?:本年度?)?(?:暂)?(?:无|没有)(?:存在的?)?(?:主要)?(?:问题)?$/.test(content);
  if (!nil && [...content].length >= SECTION5_MIN_CHARS) return [];
  const statement = `「五、存在的主要问题及改进情况」只写了“${excerpt(text.trim())}”，没有说明存在的问题和改进措施。`;
  return [
    {
      rule: 'SECTION5-THIN',
      path: [SECTION5_KEY],
      statement,
      message: `${statement}若原报告如此，保留即可（页面照原样展示）；撰写报告时应写明本年度工作的主要问题和改进情况。`,
    },
  ];
}

const FEE_CELL = '二/第二十条第（八）项/行政事业性收费/本年收费金额';
const NO_FEE = /(?:未|没有|无|不)(?:收取|产生|发生|收)?[^，。；,;\d]{0,8}?行政事业性收费/;

/**
 * 2021 edition: 表二 records 行政事业性收费 > 0 while the prose says none was charged. Saying no
 * 信息处理费 was charged (what 六 reports) is not a contradiction: the two are different fees.
 */
function checkFees(editionId: EditionId, sentences: readonly ProseSentence[], values: Values): TextFinding[] {
  if (editionId !== 2021) return [];
  const fee = values.get(FEE_CELL);
  if (fee === null || fee === undefined || fee <= 0) return [];
  const cell = cellsOf(EDITIONS[2021]).find((c) => c.id === FEE_CELL)!;
  for (const sentence of sentences) {
    if (!NO_FEE.test(sentence.text) || /将|计划|拟|取消|免征|减免|信息处理费/.test(sentence.text)) continue;
    const statement = `正文“${excerpt(sentence.text)}”称没有行政事业性收费，但${cellName(cell)}为 ${fee} 万元。`;
    return [{ rule: 'FEE-CONTRADICTION', path: sentence.path, offset: sentence.start, text: sentence.text, cell: FEE_CELL, statement, message: `${statement}请核对，改正正文或表格中错误的一处。` }];
  }
  return [];
}

const PENDING_CELL = '三/结转下年度继续办理/总计';
const ALL_CLOSED = /(?:全部|均|都|全都|一律)(?:已|已经)?(?:按时|及时|依法|按期|如期|在法定(?:期限|时限)内)?(?:予以)?(?:办结|答复完毕|办理完毕|处理完毕|答复|办理完成)/;

function checkPending(editionId: EditionId, sentences: readonly ProseSentence[], report: Report, values: Values): TextFinding[] {
  const pending = values.get(PENDING_CELL);
  if (pending === null || pending === undefined || pending <= 0) return [];
  const cell = cellsOf(EDITIONS[editionId]).find((c) => c.id === PENDING_CELL)!;
  const year = report[META_KEYS.year];
  for (const sentence of sentences) {
    const s = sentence.text;
    if (!/申请/.test(s) || !ALL_CLOSED.test(s)) continue;
    if (/复议|诉讼|将|计划|拟|确保|力争|要求|做到|结转|顺延|下年度|下一年度/.test(s) || mentionsOtherYear(s, year)) continue;
    const statement = `正文“${excerpt(s)}”称申请已全部办结，但${cellName(cell)}为 ${pending}，即有 ${pending} 件申请年底尚未办结。`;
    return [{ rule: 'PENDING-CONTRADICTION', path: sentence.path, offset: sentence.start, text: s, cell: PENDING_CELL, statement, message: `${statement}请核对，改正正文或表格中错误的一处。` }];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------

/** Every evaluator check of one report that needs only the report itself. */
export function checkEvaluation(editionId: EditionId, report: Report, values: Values): TextFinding[] {
  const sentences = proseSentencesOf(editionId, report);
  return [
    ...checkTimeliness(report),
    ...checkLeftovers(editionId, report),
    ...checkProseAgainstTables(editionId, sentences, report, values),
    ...checkProseYear(sentences, report),
    ...checkSection5(report),
    ...checkFees(editionId, sentences, values),
    ...checkPending(editionId, sentences, report, values),
  ];
}
