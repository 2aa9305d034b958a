/**
 * `import`: a published report (text, HTML, Word or PDF) → the report YAML draft a clerk reviews.
 * Reading (each container → located lines and rows, `readBlocks`) is kept apart from placing
 * (those → the template's cells, `recognize`), so every container gets every placing rule.
 * An input that is a report always gives a draft: every cell that could be placed is filled,
 * the rest stay unfilled with their source text beside them as comments. Numbers are kept as
 * published — none is invented — and each consistency rule they break is written under 确认偏差
 * as unconfirmed (已核实: false) for the clerk to check against the original.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cellName, cellsOf, subtotalGroups, valueCellsOf } from '../../schema/cells.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { ACKNOWLEDGEABLE, type LEVELS } from '../../schema/report.ts';
import { CATALOGUE, type RuleId } from '../../schema/rules.ts';
import { normalizeGlyphs } from '../../schema/values.ts';
import type { Diagnostic } from '../load/diagnostic.ts';
import { loadReportText } from '../load/report.ts';
import { reportToYaml, type ReportDraft } from '../write/report-yaml.ts';
import { type Block, ImportError, type ImportIssue } from './blocks.ts';
import { htmlToBlocks } from './html.ts';
import { recognize, type Recognized } from './recognize.ts';
import { textToBlocks } from './text.ts';
import { pickYear, type YearPair } from './pairs.ts';
import { guessAgencyKind } from '../../schema/agency-kind.ts';
import { leftoverAcknowledgements } from '../../schema/evaluation.ts';
import { parseYaml } from '../load/yaml.ts';

/** Command-line facts: edition and year overrides, and the fields only the clerk knows. */
export interface ImportOptions {
  readonly edition?: EditionId;
  readonly year?: number;
  readonly id?: string;
  readonly region?: readonly string[];
  readonly level?: (typeof LEVELS)[number];
}

/**
 * How an import ended, and the exit code `nianbao import` gives for it:
 * complete (0) — every cell placed from its printed label, nothing left to check;
 * draft (1) — a draft was written, with cells unfilled, guesses or rows to check;
 * refused (3) — not a report, or unreadable: nothing written.
 */
export type ImportStatus = 'complete' | 'draft' | 'refused';

/** Exit codes by status (2 is the CLI's own: a mistake in how the command was called). */
export const EXIT_CODES: Readonly<Record<ImportStatus, number>> = { complete: 0, draft: 1, refused: 3 };

/** Cell counts of a draft: cells of the edition, placed, placed by a guess, left unfilled. */
export interface ImportCounts {
  readonly cells: number;
  readonly placed: number;
  readonly guessed: number;
  readonly unfilled: number;
  /** Numbers printed in the source's tables (cells holding a digit). */
  readonly printed: number;
}

/** What importing one file gave: the YAML (absent when the input is no report) and a summary. */
export interface ImportResult {
  readonly file: string;
  readonly status: ImportStatus;
  readonly yaml?: string;
  readonly issues: readonly ImportIssue[];
  readonly recognized?: Recognized;
  /** The draft written as YAML, options applied. */
  readonly draft?: ReportDraft;
  readonly counts?: ImportCounts;
  /** 确认偏差 recorded: table rules name a cell, text rules (LEFTOVER) the place and the text; all unconfirmed (已核实: false). */
  readonly acknowledgements: readonly { readonly rule: string; readonly cell?: string; readonly place?: string; readonly text?: string; readonly note: string; readonly confirmed?: boolean }[];
  /** Diagnostics of the produced YAML (fields left for the clerk, deviations to check). */
  readonly diagnostics: readonly Diagnostic[];
  /** Two years' reports side by side in the source: which year was imported, which left out. */
  readonly pair?: YearPair;
}

/** File kinds the importer reads, by extension. */
export const FORMATS = ['.txt', '.text', '.md', '.htm', '.html', '.docx', '.pdf'] as const;

/** What 说明 says for a deviation the import found in the published numbers. */
export const ACK_NOTE = '原报告发布时的数字即如此，导入时按原样保留。';

/** What 说明 says for a template leftover the import found in the published text. */
export const TEXT_ACK_NOTE = '原报告发布时的文字即如此，导入时按原样保留。';

/** Characters every report prints (its headings and table labels), in both scripts: a decoding that yields many of them is the right one. */
const REPORT_CHARACTERS = new Set([...'政府信息公开開工作年度报報告情况況主动動申请請处理處理行复複议議诉訴讼訟总總计計自然人']);

/**
 * Decode a text file: UTF-8; else GB18030 as mainland Windows saves it, or Big5 as Taiwan and
 * Hong Kong copies come (traditional script) — whichever yields more of a report's characters.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const score = (t: string) => [...t].filter((c) => REPORT_CHARACTERS.has(c)).length;
    const gb = new TextDecoder('gb18030').decode(bytes);
    const big5 = new TextDecoder('big5').decode(bytes);
    return score(big5) > score(gb) ? big5 : gb;
  }
}

/** Radical glyphs (⼈⺠政府) as the characters they stand for, in every text read. */
const withGlyphs = (blocks: readonly Block[]): Block[] =>
  blocks.map((b) => (b.kind === 'line' ? { ...b, text: normalizeGlyphs(b.text) } : { ...b, cells: b.cells.map(normalizeGlyphs) }));

/** Read a file into blocks according to its extension. */
export async function readBlocks(file: string, bytes: Uint8Array): Promise<Block[]> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.htm' || ext === '.html') return withGlyphs(htmlToBlocks(decodeText(bytes)));
  if (ext === '.docx') {
    const { docxToBlocks } = await import('./docx.ts');
    return withGlyphs(await docxToBlocks(bytes));
  }
  if (ext === '.pdf') {
    const { pdfToBlocks } = await import('./pdf.ts');
    return withGlyphs(await pdfToBlocks(bytes));
  }
  if (ext === '.txt' || ext === '.text' || ext === '.md' || ext === '') return withGlyphs(textToBlocks(decodeText(bytes)));
  throw new ImportError(`不支持“${ext}”格式的文件。可以导入：${FORMATS.join(' ')}`);
}

const refused = (file: string, issues: readonly ImportIssue[], recognized?: Recognized): ImportResult => ({ file, status: 'refused', issues, ...(recognized ? { recognized } : {}), acknowledgements: [], diagnostics: [] });

/** Import blocks already read from a source. */
export function importBlocks(file: string, blocks: readonly Block[], opts: ImportOptions = {}): ImportResult {
  // Two years' reports side by side: only the year asked (else the later) is read any further.
  const picked = pickYear(blocks, opts.year);
  if (picked?.issue.severity === 'error') return refused(file, [picked.issue]);
  const recognized = recognize(picked?.blocks ?? blocks, picked ? { ...opts, year: picked.pair.chosen } : opts);
  const issues = [...(picked ? [picked.issue] : []), ...recognized.issues];
  const pair = picked ? { pair: picked.pair } : {};
  // Not a report: no table and nothing said which edition to use.
  if (issues.some((i) => i.severity === 'error' && i.where === '全文')) return { ...refused(file, issues, recognized), ...pair };
  const tables = recognized.tables;
  const values = tables.values;
  const all = cellsOf(EDITIONS[recognized.draft.edition]);
  const skeleton = values.size === all.length && [...values.values()].every((v) => v === null);
  if (skeleton) {
    issues.push({
      severity: 'warning',
      where: '表二至表四',
      message: '表格的每一格都是空白，像是空白模板：单元格留空待填写。若原报告确实发布为空表，请在这些格中填写 null',
    });
  }
  const base: ReportDraft = {
    ...recognized.draft,
    values: skeleton ? new Map() : values,
    agency: {
      ...recognized.draft.agency,
      ...(opts.id ? { id: opts.id } : {}),
      ...(opts.region?.length ? { region: opts.region } : {}),
      ...(opts.level ? { level: opts.level } : {}),
      kind: guessAgencyKind(recognized.draft.agency?.name),
    },
    rowNotes: tables.rowNotes,
    tableComments: tables.tableComments,
    tableNotes: tables.tableNotes,
  };

  // Run the template's rules on the numbers as published (they run even while the fields only the
  // clerk can fill are still empty); each broken rule is recorded, unconfirmed, under 确认偏差.
  const probe = loadReportText(reportToYaml(base), file);
  const acknowledgements = probe.diagnostics
    .filter((d) => (ACKNOWLEDGEABLE as readonly string[]).includes(d.rule) && d.cell)
    .map((d): ImportResult['acknowledgements'][number] => ({ rule: d.rule, cell: d.cell!, note: ACK_NOTE, confirmed: false }))
    .concat(leftoverAcknowledgements(base.edition, parseYaml(reportToYaml(base)).data, TEXT_ACK_NOTE).map((a) => ({ rule: a.规则, place: a.位置, text: a.原文, note: a.说明, confirmed: false })));
  for (const d of probe.diagnostics) {
    if (d.severity === 'warning' && !(ACKNOWLEDGEABLE as readonly string[]).includes(d.rule)) issues.push({ severity: 'warning', where: `校验 ${d.rule}`, message: d.message });
    if ((d.rule.startsWith('SCHEMA-') && d.rule !== 'SCHEMA-UNFILLED') || d.rule.startsWith('YAML-')) {
      issues.push({ severity: 'error', where: '导入结果', message: d.message });
    }
  }
  const yaml = reportToYaml({ ...base, acknowledgements });
  const diagnostics = loadReportText(yaml, file).diagnostics;
  // A group's row printed as such (小计) is a row to fill too; printed alone, its parts were not published, so are not to fill.
  const wanted = subtotalGroups(EDITIONS[recognized.draft.edition]).reduce((cells, g) => {
    if (!g.cells.some((c) => base.values?.has(c.id))) return cells;
    const parts = new Set(g.partCells.some((c) => base.values?.has(c.id)) ? [] : g.partCells);
    return [...cells.filter((c) => !parts.has(c)), ...g.cells];
  }, all);
  const placed = wanted.filter((c) => base.values?.has(c.id)).length;
  const guessedCells = new Set(tables.guesses.flatMap((g) => g.cells));
  const counts: ImportCounts = { cells: wanted.length, placed, guessed: wanted.filter((c) => guessedCells.has(c.id) && base.values?.has(c.id)).length, unfilled: wanted.length - placed, printed: tables.printed };
  if (placed === 0 && tables.printed === 0 && !recognized.sections.some((id) => id === '二' || id === '三' || id === '四')) {
    return { ...refused(file, [...issues, { severity: 'error', where: '全文', message: '没有找到年度报告的表格，也没有可导入的数字。这个文件可能不是政府信息公开工作年度报告，或者表格是图片' }], recognized), ...pair };
  }
  const complete = counts.unfilled === 0 && counts.guessed === 0 && acknowledgements.length === 0 && !issues.some((i) => i.severity === 'error') && tables.tableComments.size === 0;
  return { file, status: complete ? 'complete' : 'draft', yaml, issues, recognized, draft: base, counts, acknowledgements, diagnostics, ...pair };
}

/** Import one file. Never throws for a bad file: unreadable input comes back refused, with the reason. */
export async function importFile(file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  let blocks: Block[];
  try {
    const bytes = await readFile(file);
    if (bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) throw new ImportError('文件是空的（没有任何文字）。请确认选对了文件，或重新保存原报告后再导入。');
    blocks = await readBlocks(file, bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      e instanceof ImportError
        ? e.message
        : code === 'ENOENT'
          ? '文件不存在'
          : code === 'EISDIR'
            ? '这是一个目录，不是文件'
            : code === 'EACCES' || code === 'EPERM'
              ? '没有读取这个文件的权限'
              : `无法读取文件：${e instanceof Error ? e.message : String(e)}`;
    return refused(file, [{ severity: 'error', where: '文件', message }]);
  }
  try {
    return importBlocks(file, blocks, opts);
  } catch (e) {
    // A defect of the importer, not of the file: still a message, never a stack trace.
    const message = `导入时出现意外问题（${e instanceof Error ? e.message : String(e)}）。请把这个文件交给网站维护人员检查`;
    return refused(file, [{ severity: 'error', where: '全文', message }]);
  }
}

/** What the status means for the clerk, in the summary's last line. */
const OUTCOME: Readonly<Record<ImportStatus, string>> = {
  complete: '导入完成：每一格都按原文的行名填入。请运行 nianbao validate 检查，并核对上面的提示。',
  draft: '已写出草稿，需要核对：留空的格子和标为“推断”的行，请对照原报告填写或核对（留空的格子旁有原文注释），再运行 nianbao validate。',
  refused: '未导入：没有写出任何文件。',
};

/** A path as a clerk can paste it into a command line: quoted when it holds spaces or shell characters. */
const shellArg = (p: string): string => (/^[\w\u3000-\u9fff\uff00-\uffef./\\:-]+$/.test(p) ? p : `"${p.replace(/"/g, '\\"')}"`);

/**
 * The exact command that imports the other year of a two-year comparison: the same file with
 * `--year`, and (when the draft went to a file) an output file named after that year beside it
 * (草稿.yaml → 草稿-2022.yaml), so the draft already written is not overwritten.
 */
export function otherYearCommand(file: string, pair: YearPair, out?: string): string {
  const dest = out === undefined ? '' : ` -o ${shellArg(out.replace(/(\.ya?ml)?$/i, (ext) => `-${pair.other}${ext || '.yaml'}`))}`;
  return `nianbao import ${shellArg(file)} --year ${pair.other}${dest}`;
}

/**
 * The summary printed on stderr: what was placed, guessed and left unfilled, each at its source
 * position. `out` is where the draft was written, for the command that imports a comparison's other year.
 */
export function summaryOf(result: ImportResult, out?: string): string {
  const lines: string[] = [`导入 ${result.file}`];
  const r = result.recognized;
  const errors = result.issues.filter((i) => i.severity === 'error');
  const warnings = result.issues.filter((i) => i.severity === 'warning');
  const c = result.counts;
  if (r && result.status !== 'refused') {
    const cells = valueCellsOf(EDITIONS[r.draft.edition]);
    const byId = new Map(cells.map((x) => [x.id, x]));
    if (r.editionBasis) lines.push(`  格式版本：${r.editionBasis}`);
    lines.push(`  找到的章节：${r.sections.length ? r.sections.join('、') : '无'}`);
    if (c) lines.push(`  单元格：共 ${c.cells} 格，已填入 ${c.placed} 格（其中按位置推断 ${c.guessed} 格），留空待填 ${c.unfilled} 格；原文表格中印有 ${c.printed} 个数字`);
    for (const f of r.facts) lines.push(`  ${f}`);
    if (r.tables.blanks.length && result.draft?.values?.size) {
      const names = r.tables.blanks.map((id) => cellName(byId.get(id)!));
      lines.push(`  空白格（写为 null）${names.length} 格：${names.slice(0, 8).join('、')}${names.length > 8 ? ' 等' : ''}`);
    }
    if (r.tables.guesses.length) {
      lines.push('  推断（请核对）：');
      for (const g of r.tables.guesses) lines.push(`    ${g.where}：原文“${g.printed}” → ${g.placedAs}`);
    }
    if (r.tables.missing.length) lines.push(`  原文中没有找到的行（单元格留空待填）：${r.tables.missing.join('；')}`);
  }
  for (const w of warnings) lines.push(`  警告（${w.where}）：${w.message}`);
  if (result.pair && result.status !== 'refused') lines.push(`  要导入 ${result.pair.other} 年的报告，请运行：${otherYearCommand(result.file, result.pair, out)}`);
  for (const a of result.acknowledgements) {
    const title = CATALOGUE[a.rule as RuleId]?.title ?? a.rule;
    lines.push(`  原报告偏差（已记入“确认偏差”，已核实: false，请核对）：${title}（${a.rule}），${a.cell ?? `${a.place}“${a.text}”`}`);
  }
  const kind = result.draft?.agency?.kind;
  if (result.yaml && kind) lines.push(`  机关类型按名称推断为“${kind}”（决定发布期限），请核对`);
  if (result.yaml && r) {
    const a = result.draft?.agency ?? {};
    const todo = [
      [r.draft.year === undefined, '年度'],
      [!result.draft?.title, '标题'],
      [!a.id, '机关标识（--id）'],
      [!a.name, '机关名称'],
      [!a.region?.length, '地区（--region）'],
      [!a.level, '层级（--level）'],
    ].filter(([missing]) => missing).map(([, name]) => name);
    if (todo.length) lines.push(`  留待填写：${todo.join('、')}（运行 nianbao validate 查看位置）`);
  }
  for (const e of errors) lines.push(`  ${result.status === 'refused' ? '错误' : '未能导入'}（${e.where}）：${e.message}`);
  lines.push(`  ${OUTCOME[result.status]}`);
  return lines.join('\n');
}
