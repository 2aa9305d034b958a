/**
 * Blocks → a report draft: split by the section headings of the template, detect the
 * edition from the tables' labels, read the tables, turn prose into Markdown.
 */
import { EDITIONS, editionForYear, type EditionId } from '../../schema/editions/index.ts';
import type { ProseSection, Section } from '../../schema/template.ts';
import { cleanText, isCalendarDate } from '../../schema/values.ts';
import type { ReportDraft } from '../write/report-yaml.ts';
import type { Block, ImportIssue, LineBlock } from './blocks.ts';
import { isHeading } from './labels.ts';
import { contactOf, proseText, signature, subtitleKind, titleAndPreamble, titleFacts, toMarkdown } from './prose.ts';
import { detectEdition, readTables, type TableResult } from './tables.ts';

/** What the command line says when the text does not (or says otherwise). */
export interface RecognizeOptions {
  readonly edition?: EditionId;
  readonly year?: number;
}

/** Everything recognised in one source, before it is written as YAML. */
export interface Recognized {
  readonly draft: Omit<ReportDraft, 'acknowledgements'>;
  readonly tables: TableResult;
  /** Section ids whose headings were found, in order. */
  readonly sections: string[];
  /** How the edition was decided, for the summary. */
  readonly editionBasis: string;
  readonly issues: ImportIssue[];
  /** Facts taken from the text, for the summary. */
  readonly facts: string[];
}

/** Sections in template order; headings are the same in every edition. */
const SECTIONS: readonly Section[] = EDITIONS[2019].sections;
const TABLE_IDS = SECTIONS.filter((s) => s.kind === 'table').map((s) => s.id);
const PROSE_IDS = SECTIONS.filter((s): s is ProseSection => s.kind === 'prose').map((s) => s.id);

/**
 * Split blocks at the section headings; blocks before 一 go under 'head'. A heading of 一 or 二
 * again after the tables starts another report (two reports saved in one file): reading stops
 * there, and `second` says where it starts.
 */
function segment(blocks: readonly Block[]): { parts: Map<string, Block[]>; order: string[]; second?: string } {
  const parts = new Map<string, Block[]>([['head', []]]);
  const order: string[] = [];
  let current = 'head';
  let index = -1;
  const tables = SECTIONS.findIndex((s) => s.id === '四');
  for (const b of blocks) {
    if (b.kind === 'line') {
      if (index >= tables && SECTIONS.slice(0, 2).some((s) => isHeading(b.text, s))) return { parts, order, second: b.where };
      const next = SECTIONS.findIndex((s, i) => i > index && isHeading(b.text, s));
      if (next >= 0) {
        index = next;
        current = SECTIONS[next]!.id;
        order.push(current);
        parts.set(current, []);
        continue;
      }
    }
    parts.get(current)!.push(b);
  }
  return { parts, order };
}

/** Prose of a section: lines as they are, rows of a table inside the prose as one line each. */
const proseLines = (blocks: readonly Block[]): LineBlock[] =>
  blocks.map((b) => (b.kind === 'line' ? b : { kind: 'line', text: b.cells.map((c) => cleanText(c)).filter(Boolean).join('　'), where: b.where }));

/** Recognise one report. Never throws for odd input; problems come back as issues. */
export function recognize(blocks: readonly Block[], opts: RecognizeOptions = {}): Recognized {
  const issues: ImportIssue[] = [];
  const facts: string[] = [];
  const { parts, order, second } = segment(blocks);
  if (second) {
    issues.push({ severity: 'error', where: second, message: `从这里起又出现了“一、总体情况”等章节，像是另一份报告：只导入了前一份。请把后一份另存为一个文件，再单独导入` });
  }
  for (const s of SECTIONS) {
    if (!order.includes(s.id) && (s.kind === 'table' || s.required)) {
      issues.push({ severity: 'warning', where: '全文', message: `没有找到第${s.id}部分的标题“${s.heading}”` });
    }
  }

  // Title, preamble, signature, facts stated in the text.
  const head = titleAndPreamble(proseLines(parts.get('head') ?? []));
  const lastProse = [...order].reverse().find((id) => SECTIONS.find((s) => s.id === id)?.kind === 'prose');
  const sig = signature(proseLines(parts.get(lastProse ?? 'head') ?? []));
  if (lastProse) parts.set(lastProse, sig.lines);
  const fromTitle = titleFacts(head.title);
  const allText = blocks.map((b) => (b.kind === 'line' ? b.text : '')).join('\n');
  const contact = contactOf(allText);

  let year = opts.year;
  if (fromTitle.year !== undefined) {
    if (year !== undefined && year !== fromTitle.year) issues.push({ severity: 'warning', where: '标题', message: `标题写的是 ${fromTitle.year} 年度，按 --year 使用 ${year}` });
    year ??= fromTitle.year;
    facts.push(`年度 ${fromTitle.year}（取自标题）`);
  }
  const underTitle = head.subtitles?.find((l) => subtitleKind(l.text) === 'agency');
  const nameUnder = underTitle ? proseText(underTitle.text).replace(/\s+/g, '').replace(/^[—–\-－]+|^[(（]|[)）]$/g, '') : undefined;
  const name = sig.name ?? fromTitle.name ?? nameUnder;
  if (name) facts.push(`机关名称“${name}”（取自${sig.name ? '落款' : fromTitle.name ? '标题' : '标题下方'}，请核对全称）`);
  if (head.title) facts.push(`标题“${head.title}”`);
  // Lines under the title that are not the report's text: said here, kept out of 前言.
  for (const l of head.subtitles ?? []) {
    facts.push(`${l.where}“${proseText(l.text)}”是标题下方的${subtitleKind(l.text) === 'agency' ? '机关名称' : '模板原有文字'}，没有写入前言`);
  }
  // The date under the title is the publication date; else the signature's.
  const dated = head.date ? { date: head.date, from: `标题下方（${head.dateWhere}）` } : sig.date ? { date: sig.date, from: '落款' } : undefined;
  let published: string | null | undefined = dated?.date ?? null;
  if (dated && !isCalendarDate(dated.date)) {
    issues.push({ severity: 'warning', where: dated.from, message: `${dated.from}的日期 ${dated.date} 不是真实存在的日期，发布日期留空待填写` });
    published = undefined;
  } else if (dated) facts.push(`发布日期 ${dated.date}（取自${dated.from}）`);
  else facts.push('原文没有注明发布日期（标题下方和落款都没有），发布日期填为 null');
  if (Object.keys(contact).length) facts.push(`联系方式：${Object.entries(contact).map(([k, v]) => `${k} ${v}`).join('，')}`);

  // Tables: the edition from section 二's and 三's labels, then every cell, in reading order
  // (a table may come as rows, or as one cell per line).
  const blocksBySection = new Map<string, Block[]>();
  for (const id of TABLE_IDS) blocksBySection.set(id, parts.get(id) ?? []);
  const anyTable = TABLE_IDS.some((id) => order.includes(id) || (blocksBySection.get(id)?.length ?? 0) > 0);
  if (!anyTable && opts.edition === undefined) {
    issues.push({ severity: 'error', where: '全文', message: '没有找到年度报告的表格（“二、主动公开政府信息情况”“三、收到和处理政府信息公开申请情况”“四、政府信息公开行政复议、行政诉讼情况”）。这个文件可能不是政府信息公开工作年度报告，或者表格是图片' });
  }
  const detected = detectEdition(blocksBySection);
  let edition: EditionId;
  let editionBasis: string;
  if (opts.edition !== undefined) {
    edition = opts.edition;
    editionBasis = `按 --edition 指定为 ${edition} 年版`;
    if (detected.edition !== null && detected.edition !== edition) issues.push({ severity: 'warning', where: '表二', message: `表格栏目看起来是 ${detected.edition} 年版，但按 --edition 使用 ${edition} 年版` });
  } else if (detected.edition !== null) {
    edition = detected.edition;
    editionBasis = `根据表二、表三的栏目判断为 ${EDITIONS[edition].name}（${EDITIONS[edition].source}）`;
  } else if (year !== undefined) {
    edition = editionForYear(year);
    editionBasis = `表格栏目不足以判断版本，按 ${year} 年度使用 ${EDITIONS[edition].name}`;
    issues.push({ severity: 'warning', where: '表二', message: editionBasis });
  } else {
    edition = 2021;
    if (!anyTable) return { draft: { edition }, tables: readTables(edition, new Map()), sections: order, editionBasis: '', issues, facts };
    editionBasis = '';
    issues.push({ severity: 'error', where: '表二', message: '无法判断表格格式版本：没有找到表二的栏目，原文也没有写明年度。请用 --edition 2019 或 --edition 2021 指定' });
  }
  const tables = readTables(edition, blocksBySection);
  issues.push(...tables.issues);

  // The template's own instruction (“（文字描述）”) left on a line of its own is not the report's
  // text: it stays out of the section, and the summary says so.
  const prose: Partial<Record<'一' | '五' | '六', string>> = {};
  for (const id of PROSE_IDS) {
    if (!order.includes(id)) continue;
    const lines = proseLines(parts.get(id) ?? []);
    const kept = lines.filter((l) => subtitleKind(l.text) !== 'template');
    for (const l of lines) if (!kept.includes(l)) facts.push(`${l.where}“${proseText(l.text)}”是模板原有的说明文字，没有写入“${SECTIONS.find((s) => s.id === id)!.heading}”`);
    prose[id] = toMarkdown(kept);
  }
  const preamble = toMarkdown(head.preamble);

  return {
    draft: {
      edition,
      ...(year !== undefined ? { year } : {}),
      agency: { ...(name ? { name } : {}), ...(Object.keys(contact).length ? { contact } : {}) },
      ...(head.title ? { title: head.title } : {}),
      ...(published !== undefined ? { published } : {}),
      ...(preamble ? { preamble } : {}),
      prose,
      values: tables.values,
    },
    tables,
    sections: order,
    editionBasis,
    issues,
    facts,
  };
}
