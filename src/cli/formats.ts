/**
 * How `validate` prints diagnostics: plain lines for terminals and editors, GitHub Actions
 * workflow commands for pull-request annotations, a Markdown step summary, and JSON for tools.
 */
import { CATALOGUE } from '../../schema/rules.ts';
import { type Diagnostic, formatDiagnostic, summarize } from '../load/diagnostic.ts';

/** Output formats of `validate --format`. */
export const FORMATS = ['text', 'github', 'json'] as const;
/** One of FORMATS. */
export type Format = (typeof FORMATS)[number];

// https://docs.github.com/actions/reference/workflow-commands-for-github-actions — message data
// escapes %, CR, LF; property values also escape ':' and ','.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One diagnostic as a workflow command; acknowledged deviations are not annotated. */
export function githubCommand(d: Diagnostic): string | null {
  if (d.severity === 'acknowledged') return null;
  const props = [`file=${d.file}`, `line=${d.line}`, `col=${d.column}`, `title=${d.rule} ${CATALOGUE[d.rule].title}`]
    .map((p) => {
      const eq = p.indexOf('=');
      return `${p.slice(0, eq)}=${escapeProperty(p.slice(eq + 1))}`;
    })
    .join(',');
  return `::${d.severity} ${props}::${escapeData(d.message)}`;
}

/** Every diagnostic as workflow commands, errors first (GitHub shows only the first few of each kind). */
export function formatGithub(list: readonly Diagnostic[]): string[] {
  const ordered = [...list.filter((d) => d.severity === 'error'), ...list.filter((d) => d.severity === 'warning')];
  return ordered.map(githubCommand).filter((l): l is string => l !== null);
}

// Messages quote what clerks typed: keep table cells intact and markup inert.
const cellText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const SEVERITY: Record<Diagnostic['severity'], string> = { error: '错误', warning: '警告', acknowledged: '已确认' };

/** The full list as Markdown, for `$GITHUB_STEP_SUMMARY` (annotations show only a few). */
export function stepSummary(list: readonly Diagnostic[], files: number): string {
  const head = `## 报告校验：共 ${files} 份报告，${summarize(list)}\n`;
  if (!list.length) return `${head}\n全部通过。\n`;
  const rows = list.map(
    (d) => `| ${cellText(d.file)}:${d.line}:${d.column} | ${d.rule} | ${SEVERITY[d.severity]} | ${cellText(d.message)}${d.note ? `（说明：${cellText(d.note)}）` : ''} |`,
  );
  return [head, '| 位置 | 规则 | 级别 | 说明 |', '|---|---|---|---|', ...rows, ''].join('\n');
}

/** Machine-readable result: counts and every diagnostic with its fields. */
export function formatJson(list: readonly Diagnostic[], files: number): string {
  const count = (s: Diagnostic['severity']) => list.filter((d) => d.severity === s).length;
  return JSON.stringify(
    { files, errors: count('error'), warnings: count('warning'), acknowledged: count('acknowledged'), diagnostics: list },
    null,
    2,
  );
}

/** Plain lines `file:line:col  rule  级别  message`. */
export function formatText(list: readonly Diagnostic[]): string[] {
  return list.map(formatDiagnostic);
}
