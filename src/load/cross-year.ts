/**
 * Cross-year diagnostics (R5, R8) for a whole corpus: each report is compared with the
 * same agency's report of the year before, when both are loaded, and the finding is
 * placed at the line of this year's cell.
 */
import { readFile } from 'node:fs/promises';
import { cellsOf } from '../../schema/cells.ts';
import { checkCrossYear } from '../../schema/cross-year.ts';
import { copyShares, copyStatement, proseSentences } from '../../schema/copying.ts';
import { META_KEYS } from '../../schema/report.ts';
import { locateInText } from './text-position.ts';
import type { EditionId } from '../../schema/editions/index.ts';
import { type Diagnostic, severityOf } from './diagnostic.ts';
import type { ReportEntry } from './entry.ts';
import { locate, parseYaml } from './yaml.ts';

const keyOf = (r: ReportEntry) => `${r.agency.id}/${r.year}`;

/**
 * Diagnostics per report (only reports with findings appear). Linear in the number of
 * reports. `cache` keeps findings by the two files' content hashes, so files are not parsed
 * again for positions while neither changes.
 */
export async function crossYearDiagnostics(reports: readonly ReportEntry[], cache?: Map<string, readonly Diagnostic[]>): Promise<Map<ReportEntry, Diagnostic[]>> {
  const byKey = new Map<string, ReportEntry>();
  for (const r of reports) if (!byKey.has(keyOf(r))) byKey.set(keyOf(r), r);
  const out = new Map<ReportEntry, Diagnostic[]>();
  const used = new Map<string, readonly Diagnostic[]>();
  for (const cur of byKey.values()) {
    const year = cur.year;
    const prev = byKey.get(`${cur.agency.id}/${year - 1}`);
    if (!prev) continue;
    const key = `${cur.file}:${cur.hash}:${prev.hash}`;
    const known = cache?.get(key);
    if (known) {
      used.set(key, known);
      out.set(cur, [...known]);
      continue;
    }
    const findings = checkCrossYear(
      { year: year - 1, editionId: prev.edition.id as EditionId, values: prev.values },
      { year, editionId: cur.edition.id as EditionId, values: cur.values },
    );
    const prevInput = { year: year - 1, editionId: prev.edition.id as EditionId, values: prev.values, sentences: prev.sentences ?? [] };
    const curInput = { year, editionId: cur.edition.id as EditionId, values: cur.values, sentences: cur.sentences ?? [] };
    const copied = copyStatement(prevInput, curInput, copyShares(prevInput, curInput));
    if (!findings.length && !copied) continue;
    // Positions are needed only here, so the file is parsed again only when there is a finding.
    const text = await readFile(cur.file, 'utf8');
    const parsed = parseYaml(text);
    const cells = new Map(cellsOf(cur.edition).map((c) => [c.id, c]));
    const found = findings.map((f): Diagnostic => {
      const pos = locate(parsed, cells.get(f.cell)!.path as string[]);
      return { file: cur.file, line: pos.line, column: pos.column, rule: f.rule, severity: severityOf(f.rule), message: f.message, statement: f.statement, cell: f.cell };
    });
    if (copied) {
      // Shown at the first sentence repeated from last year, else at the report's year.
      const before = new Set(prevInput.sentences);
      const first = proseSentences(curInput.editionId, parsed.data).find((s) => before.has(s.key));
      const pos = first ? locateInText(parsed, text, first.path, first.offset) : locate(parsed, [META_KEYS.year]);
      const rule = 'COPY-LAST-YEAR';
      const message = `${copied}请按本年度的实际工作和数据撰写报告；若确实与上一年度相同（如两年都没有收到申请），可以保留。`;
      found.push({ file: cur.file, line: pos.line, column: pos.column, rule, severity: severityOf(rule), message, statement: copied });
    }
    used.set(key, found);
    out.set(cur, found);
  }
  if (cache) {
    // Only the pairs of this corpus are kept.
    cache.clear();
    for (const [k, v] of used) cache.set(k, v);
  }
  return out;
}
