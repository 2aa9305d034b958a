/**
 * `import`: a published report (text, HTML, Word or PDF) → the report YAML a clerk reviews.
 * Numbers are kept as published; each consistency rule the published numbers break is
 * written as an acknowledgement under 确认偏差 for the clerk to confirm.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cellName, cellsOf } from '../../schema/cells.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { ACKNOWLEDGEABLE, type LEVELS } from '../../schema/report.ts';
import type { Diagnostic } from '../load/diagnostic.ts';
import { loadReportText } from '../load/report.ts';
import { reportToYaml, type ReportDraft } from '../write/report-yaml.ts';
import { type Block, ImportError, type ImportIssue } from './blocks.ts';
import { htmlToBlocks } from './html.ts';
import { recognize, type Recognized } from './recognize.ts';
import { textToBlocks } from './text.ts';
import { guessAgencyKind } from './agency-kind.ts';
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

/** What importing one file gave: the YAML (absent when an error stopped it) and a summary. */
export interface ImportResult {
  readonly file: string;
  readonly yaml?: string;
  readonly issues: readonly ImportIssue[];
  readonly recognized?: Recognized;
  /** The draft written as YAML, options applied. */
  readonly draft?: ReportDraft;
  readonly acknowledgements: readonly { readonly rule: string; readonly cell?: string; readonly place?: string; readonly text?: string; readonly note: string }[];
  /** Diagnostics of the produced YAML (fields left for the clerk, acknowledged deviations). */
  readonly diagnostics: readonly Diagnostic[];
}

/** File kinds the importer reads, by extension. */
export const FORMATS = ['.txt', '.text', '.htm', '.html', '.docx', '.pdf'] as const;

/** What 说明 says for a deviation the import found in the published numbers. */
export const ACK_NOTE = '原报告发布时的数字即如此，导入时按原样保留。待核对：请对照原报告确认抄录无误后保留本项。';

/** Decode a text file: UTF-8, or GB18030 as Chinese Windows saves it. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Read a file into blocks according to its extension. */
export async function readBlocks(file: string, bytes: Uint8Array): Promise<Block[]> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.htm' || ext === '.html') return htmlToBlocks(decodeText(bytes));
  if (ext === '.docx') {
    const { docxToBlocks } = await import('./docx.ts');
    return docxToBlocks(bytes);
  }
  if (ext === '.pdf') {
    const { pdfToBlocks } = await import('./pdf.ts');
    return pdfToBlocks(bytes);
  }
  if (ext === '.txt' || ext === '.text' || ext === '') return textToBlocks(decodeText(bytes));
  throw new ImportError(`不支持“${ext}”格式的文件。可以导入：${FORMATS.join(' ')}`);
}

/** Import blocks already read from a source. */
export function importBlocks(file: string, blocks: readonly Block[], opts: ImportOptions = {}): ImportResult {
  const recognized = recognize(blocks, opts);
  const issues = [...recognized.issues];
  const values = recognized.tables.values;
  const skeleton = values.size === cellsOf(EDITIONS[recognized.draft.edition]).length && [...values.values()].every((v) => v === null);
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
  };
  if (issues.some((i) => i.severity === 'error')) return { file, issues, recognized, draft: base, acknowledgements: [], diagnostics: [] };

  // Run the template's rules on the numbers as published (they run even while the fields only the
  // clerk can fill are still empty); each broken rule becomes an acknowledgement.
  const probe = loadReportText(reportToYaml(base), file);
  const acknowledgements = probe.diagnostics
    .filter((d) => (ACKNOWLEDGEABLE as readonly string[]).includes(d.rule) && d.cell)
    .map((d): ImportResult['acknowledgements'][number] => ({ rule: d.rule, cell: d.cell!, note: ACK_NOTE }))
    .concat(leftoverAcknowledgements(base.edition, parseYaml(reportToYaml(base)).data, ACK_NOTE).map((a) => ({ rule: a.规则, place: a.位置, text: a.原文, note: a.说明 })));
  for (const d of probe.diagnostics) {
    if (d.severity === 'warning' && !(ACKNOWLEDGEABLE as readonly string[]).includes(d.rule)) issues.push({ severity: 'warning', where: `校验 ${d.rule}`, message: d.message });
    if ((d.rule.startsWith('SCHEMA-') && d.rule !== 'SCHEMA-UNFILLED') || d.rule.startsWith('YAML-')) {
      issues.push({ severity: 'error', where: '导入结果', message: d.message });
    }
  }
  if (issues.some((i) => i.severity === 'error')) return { file, issues, recognized, draft: base, acknowledgements, diagnostics: probe.diagnostics };
  const yaml = reportToYaml({ ...base, acknowledgements });
  const diagnostics = loadReportText(yaml, file).diagnostics;
  return { file, yaml, issues, recognized, draft: base, acknowledgements, diagnostics };
}

/** Import one file. Never throws for a bad file: unreadable input comes back as an error issue. */
export async function importFile(file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  let blocks: Block[];
  try {
    blocks = await readBlocks(file, await readFile(file));
  } catch (e) {
    const message =
      e instanceof ImportError
        ? e.message
        : (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? '文件不存在'
          : `无法读取文件：${e instanceof Error ? e.message : String(e)}`;
    return { file, issues: [{ severity: 'error', where: '文件', message }], acknowledgements: [], diagnostics: [] };
  }
  try {
    return importBlocks(file, blocks, opts);
  } catch (e) {
    // A defect of the importer, not of the file: still a message, never a stack trace.
    const message = `导入时出现意外问题（${e instanceof Error ? e.message : String(e)}）。请把这个文件交给网站维护人员检查`;
    return { file, issues: [{ severity: 'error', where: '全文', message }], acknowledgements: [], diagnostics: [] };
  }
}

/** The summary printed on stderr: what was recognised, blank cells, warnings, deviations. */
export function summaryOf(result: ImportResult): string {
  const lines: string[] = [`导入 ${result.file}`];
  const r = result.recognized;
  const errors = result.issues.filter((i) => i.severity === 'error');
  const warnings = result.issues.filter((i) => i.severity === 'warning');
  if (r) {
    const cells = cellsOf(EDITIONS[r.draft.edition]);
    const byId = new Map(cells.map((c) => [c.id, c]));
    if (r.editionBasis) lines.push(`  格式版本：${r.editionBasis}`);
    lines.push(`  找到的章节：${r.sections.length ? r.sections.join('、') : '无'}`);
    const rows = Object.entries(r.tables.rows).map(([s, n]) => `表${s} ${n} 行`);
    lines.push(`  识别的表格行：${rows.length ? rows.join('，') : '无'}；共 ${r.tables.values.size} / ${cells.length} 格`);
    for (const f of r.facts) lines.push(`  ${f}`);
    if (r.tables.blanks.length && result.draft?.values?.size) {
      const names = r.tables.blanks.map((id) => cellName(byId.get(id)!));
      lines.push(`  空白格（写为 null）${names.length} 格：${names.slice(0, 8).join('、')}${names.length > 8 ? ' 等' : ''}`);
    }
    if (r.tables.missing.length) lines.push(`  原文中没有找到的行（单元格留空待填）：${r.tables.missing.join('；')}`);
  }
  for (const w of warnings) lines.push(`  警告（${w.where}）：${w.message}`);
  for (const a of result.acknowledgements) lines.push(`  原报告偏差（已记入“确认偏差”，请核对）：${a.rule} ${a.cell ?? `${a.place}“${a.text}”`}`);
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
  for (const e of errors) lines.push(`  错误（${e.where}）：${e.message}`);
  lines.push(errors.length ? '  导入未完成：请按上面的错误核对原文件（或手工填写这些行）后重试。' : '  导入完成。');
  return lines.join('\n');
}
