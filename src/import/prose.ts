/**
 * The running text of a report: title, preamble and sections 一/五/六 as Markdown, and
 * the facts the text states about itself (year, agency, date, contact details).
 */
import { z } from 'zod';
import { cleanText, normalizeDate } from '../../schema/values.ts';
import type { LineBlock } from './blocks.ts';
import { toSimplified } from './labels.ts';

/** Invisible characters Word and web pages leave in text. */
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u00ad]/g;

/** A prose line as published, only invisible characters and surrounding spaces removed (no NFKC: full-width punctuation stays). */
export function proseText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\u00a0/g, ' ').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

/** A date line as reports sign off: 2021年1月26日, 2021 年 1 月 26 日. */
const DATE_LINE = /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;

/** Escape what Markdown would read as structure at the start of a paragraph. */
function escapeStart(line: string): string {
  return line.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([#>*+-])/, '\\$1');
}

/** Lines → Markdown: one paragraph per line, blank lines between. */
export function toMarkdown(lines: readonly LineBlock[]): string {
  return lines
    .map((l) => proseText(l.text))
    .filter((t) => t !== '')
    .map(escapeStart)
    .join('\n\n');
}

/** A date alone on a line under the title: "(2024年3 月 26日)", "（2024年3月26日）", "2024年3月26日", "发布日期：2024-03-26". */
const DATE_UNDER_TITLE = /^(?:[(（]\s*)?(?:(?:发布|印发|成文)?日期\s*[:：]\s*)?(\d{4}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}))\s*(?:[)）])?$/;

/** Endings of an agency's name: 人民政府, 办公室, 局, 街道办事处, 服务中心… */
const AGENCY_END = /(?:政府|办公室|办公厅|办事处|委员会|管委会|局|厅|委|署|院|所|站|中心|公司|镇|乡|街道|分局|支队|大队)$/;

/**
 * A line printed under the title that is not the report's text: the agency again (“示例县人民政府办公室”,
 * “——示例镇人民政府”, “（示例县人民政府办公室）”), or the template's own lines kept from the Word
 * template the report was drafted in (“政府信息公开工作年度报告格式模板”, “（文字描述）” before any section).
 * Returns what the line is, or undefined for a line of the preamble.
 */
export function subtitleKind(text: string): 'agency' | 'template' | undefined {
  const t = proseText(text).replace(/\s+/g, '');
  if (/^[(（]文字描述[^()（）]*[)）]$/.test(t)) return 'template';
  if (!t || t.length > 32 || /[。，；,;]/.test(t)) return undefined;
  if (/(?:年度报告格式|格式模板|年度报告模板)(?:[(（]试行[)）])?$/.test(toSimplified(t)) || /^附件\d*[:：]?$/.test(t)) return 'template';
  const bare = t.replace(/^[—–\-－]+|^[(（]|[)）]$/g, '');
  if (bare.length >= 4 && !/\d/.test(bare) && AGENCY_END.test(toSimplified(bare))) return 'agency';
  return undefined;
}

/** Whether a line reads as a report's title: a year, and the words of the report's name (perhaps garbled). */
export function isTitle(flat: string): boolean {
  const t = toSimplified(flat);
  if (t.length > 60 || !/\d{4}\s*年/.test(t)) return false;
  return /报告$/.test(t) || /(?:政府)?信息公开.{0,8}(?:年度|年报|报告|告)/.test(t);
}

/**
 * Split the lines before section 一 into title and preamble. The title is the first line
 * that names a year and reads as the report's name; when it starts with the year, the agency
 * name Word wrapped onto the line above belongs to it. Lines above the title (a web page's
 * navigation) are not part of the report. A date alone on the line under the title is the
 * publication date (many ministries and counties print it there rather than in a signature).
 */
export function titleAndPreamble(lines: readonly LineBlock[]): { title?: string; preamble: LineBlock[]; date?: string; dateWhere?: string; subtitles?: LineBlock[] } {
  const text = lines.filter((l) => cleanText(l.text) !== '');
  const flat = (l: LineBlock): string => proseText(l.text).replace(/\s+/g, '');
  for (let i = 0; i < Math.min(4, text.length); i++) {
    const t = flat(text[i]!);
    if (!isTitle(t)) continue;
    const above = i > 0 ? flat(text[i - 1]!) : '';
    const joined = /^\d{4}/.test(t) && above && above.length <= 30 && !/[。，；：:>›»]/.test(above) && !isTitle(above);
    let preamble = text.slice(i + 1);
    // Lines under the title that are not the report's text (the agency again, the template's own
    // lines) and the publication date, in whatever order they come before the preamble.
    const subtitles: LineBlock[] = [];
    let date: { iso: string; where: string } | undefined;
    for (;;) {
      const next = preamble[0];
      if (!next) break;
      const m = date ? null : DATE_UNDER_TITLE.exec(cleanText(next.text));
      const iso = m ? normalizeDate(m[1]!.replace(/\s+/g, '')) : undefined;
      if (typeof iso === 'string') date = { iso, where: next.where };
      else if (subtitleKind(next.text)) subtitles.push(next);
      else break;
      preamble = preamble.slice(1);
    }
    const title = joined ? above + t : t;
    return { title, preamble, ...(date ? { date: date.iso, dateWhere: date.where } : {}), ...(subtitles.length ? { subtitles } : {}) };
  }
  return { preamble: text };
}

/**
 * Take the closing signature off the last section: a date line, and the agency name on the
 * line before it. Returns the lines left and what the signature said.
 */
export function signature(lines: readonly LineBlock[]): { lines: LineBlock[]; date?: string; name?: string } {
  const text = lines.filter((l) => cleanText(l.text) !== '');
  const last = text[text.length - 1];
  if (!last || !DATE_LINE.test(cleanText(last.text))) return { lines: text };
  const date = normalizeDate(cleanText(last.text).replace(/\s+/g, ''));
  let rest = text.slice(0, -1);
  let name: string | undefined;
  const prev = rest[rest.length - 1];
  if (prev) {
    const t = proseText(prev.text).replace(/\s+/g, '');
    if (t.length <= 30 && !/[。，；：,;:]/.test(t)) {
      name = t;
      rest = rest.slice(0, -1);
    }
  }
  return { lines: rest, ...(typeof date === 'string' ? { date } : {}), ...(name ? { name } : {}) };
}

/** Contact details stated in the text ("请与雷庄镇综合办联系（邮编：063705，电话：0315—7536211）"). */
export function contactOf(text: string): Record<string, string> {
  const t = proseText(text);
  const out: Record<string, string> = {};
  const unit = /请与([^，。；、（(]{2,20}?)联系/.exec(t);
  if (unit) out['单位'] = unit[1]!;
  const addr = /地址[:：]\s*([^，。；,;（(\n]{4,60})/.exec(t);
  if (addr) out['地址'] = addr[1]!.trim();
  const zip = /邮编[:：]?\s*(\d{6})(?!\d)/.exec(t);
  if (zip) out['邮编'] = zip[1]!;
  const tel = /电话[:：]?\s*(\d[\d\-—－–()（） ]{5,20}\d)/.exec(t);
  if (tel) out['电话'] = tel[1]!.trim();
  const mail = /([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/.exec(t);
  // Only an address the report schema accepts, so a stray "@" never blocks the import.
  if (mail && z.email().safeParse(mail[1]).success) out['电子邮箱'] = mail[1]!;
  return out;
}

/** Report year and agency name from a title like "莱州市朱桥镇人民政府2020年政府信息公开工作年度报告". */
export function titleFacts(title: string | undefined): { year?: number; name?: string } {
  if (!title) return {};
  const m = /^(.*?)(\d{4})\s*年度?/.exec(title);
  if (!m) return {};
  const year = Number(m[2]);
  let name = m[1]!.replace(/关于|\s/g, '');
  if (name.length < 2) {
    // "2023年示例市人民政府办公室政府信息公开工作年度报告": the agency follows the year.
    // Matched on simplified characters; the name is kept as printed (a traditional-script copy keeps its script).
    const rest = title.slice(m[0].length).replace(/\s/g, '');
    const after = /^(.*?)(?:关于)?(?:政府信息公开|政务公开|信息公开)/.exec(toSimplified(rest));
    name = after ? rest.slice(0, after[1]!.length) : '';
  }
  return { year, ...(name.length >= 2 ? { name } : {}) };
}
