/** A located problem in a report file, and how it is printed for clerks. */
import { CATALOGUE, type RuleId } from '../../schema/rules.ts';

/** `acknowledged`: a rule broken in the published report and recorded under 确认偏差. */
export type DiagnosticSeverity = 'error' | 'warning' | 'acknowledged';

export interface Diagnostic {
  readonly file: string;
  /** 1-based line and column of the offending YAML node. */
  readonly line: number;
  readonly column: number;
  readonly rule: RuleId;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  /** For warnings and deviations shown publicly: the problem stated without advice to the clerk. */
  readonly statement?: string;
  /** Cell id, when the problem is about one table cell. */
  readonly cell?: string;
  /** The clerk's explanation, for acknowledged deviations. */
  readonly note?: string;
  /** A deviation recorded under 确认偏差 by import and not yet checked by a clerk (已核实: false): a warning, published as 待核对. */
  readonly pending?: boolean;
  /** For an unknown key: the full path (joined by '/') of the key it most likely meant. */
  readonly suggestion?: string;
  /** For a missing key: its full path (joined by '/'). */
  readonly missing?: string;
  /** The advice as an edit, when the message proposes one certain text: see `Fix`. */
  readonly fix?: Fix;
}

/**
 * An edit that carries out a message's advice: put `text` in place of the file's characters
 * from `start` up to `end` (offsets in UTF-16 code units, as JavaScript and editors count them,
 * into the file's text as read, a leading byte-order mark included). Applying it keeps what the
 * clerk meant: the file then reads the same figures in the form the template asks for.
 */
export interface Fix {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export const severityOf = (rule: RuleId) => CATALOGUE[rule].severity;

/** How a note is headed where the public reads it: a checked deviation, one not yet checked, or a warning. */
export function publicLabel(d: Pick<Diagnostic, 'severity' | 'pending'>): string {
  if (d.severity === 'acknowledged') return '原报告如此（已核实）';
  if (d.pending) return '原报告如此（待核对）';
  return '提示';
}

const LABEL: Record<DiagnosticSeverity, string> = { error: '错误', warning: '警告', acknowledged: '已确认' };

/** `file:line:col  R1  错误  message` — one line, as editors and terminals link it. */
export function formatDiagnostic(d: Diagnostic): string {
  const note = d.note ? `（说明：${d.note}）` : '';
  return `${d.file}:${d.line}:${d.column}  ${d.rule}  ${LABEL[d.severity]}  ${d.message}${note}`;
}

const RANK: Record<DiagnosticSeverity, number> = { error: 0, warning: 1, acknowledged: 2 };

/** Errors first, then by file and position. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

/** "3 个错误，1 个警告" */
export function summarize(list: readonly Diagnostic[]): string {
  const n = (s: DiagnosticSeverity) => list.filter((d) => d.severity === s).length;
  const parts = [`${n('error')} 个错误`, `${n('warning')} 个警告`];
  if (n('acknowledged')) parts.push(`${n('acknowledged')} 处已确认的原报告偏差`);
  return parts.join('，');
}
