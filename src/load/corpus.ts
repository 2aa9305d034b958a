/** All report files under a folder → loaded reports and every diagnostic, collected together. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { META_KEYS } from '../../schema/report.ts';
import { type Diagnostic, sortDiagnostics } from './diagnostic.ts';
import { loadReportText, type LoadedReport } from './report.ts';
import { locate, parseYaml } from './yaml.ts';

export interface Corpus {
  readonly reports: readonly LoadedReport[];
  readonly diagnostics: readonly Diagnostic[];
  readonly files: number;
}

/** Report files (.yaml/.yml) below a folder or given directly, sorted, as paths relative to cwd. */
export async function findReportFiles(targets: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const visit = async (p: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(p, { withFileTypes: true });
    } catch {
      out.push(p);
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const child = path.join(p, e.name);
      if (e.isDirectory()) await visit(child);
      else if (/\.ya?ml$/i.test(e.name)) out.push(child);
    }
  };
  for (const t of targets) await visit(t);
  return [...new Set(out.map(displayPath))].sort();
}

/** A path as clerks see it in messages: relative inside the working folder, absolute outside it. */
function displayPath(file: string): string {
  const abs = path.resolve(file);
  const rel = path.relative(process.cwd(), abs);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel).split(path.sep).join('/');
}

/** Load and validate every report; reports of the same agency and year are an error. */
export async function loadCorpus(targets: readonly string[]): Promise<Corpus> {
  const files = await findReportFiles(targets);
  const diagnostics: Diagnostic[] = [];
  const reports: LoadedReport[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      diagnostics.push({ file, line: 1, column: 1, rule: 'FILE-PATH', severity: 'error', message: `无法读取文件：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : String((e as Error).message)}。请检查路径。` });
      continue;
    }
    const result = loadReportText(text, file);
    diagnostics.push(...result.diagnostics);
    if (result.loaded) reports.push(result.loaded);
  }
  const seen = new Map<string, LoadedReport>();
  for (const r of reports) {
    const key = `${r.report[META_KEYS.year]}/${r.report[META_KEYS.agency].标识}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, r);
      continue;
    }
    const parsed = parseYaml(await readFile(r.file, 'utf8'));
    const pos = locate(parsed, [META_KEYS.agency, '标识']);
    diagnostics.push({ file: r.file, ...pos, rule: 'DUPLICATE-REPORT', severity: 'error', message: `机关标识 ${r.report[META_KEYS.agency].标识} 的 ${r.report[META_KEYS.year]} 年度报告已在 ${first.file} 中。每个机关每年只有一份报告：请删去其中一份，或改正机关标识。` });
  }
  return { reports, diagnostics: sortDiagnostics(diagnostics), files: files.length };
}
