/**
 * Cross-year diagnostics (R5, R8) for a whole corpus: each report is compared with the
 * same agency's report of the year before, when both are loaded, and the finding is
 * placed at the line of this year's cell.
 */
import { readFile } from 'node:fs/promises';
import { cellsOf } from '../../schema/cells.ts';
import { checkCrossYear } from '../../schema/cross-year.ts';
import type { EditionId } from '../../schema/editions/index.ts';
import { META_KEYS } from '../../schema/report.ts';
import { type Diagnostic, severityOf } from './diagnostic.ts';
import type { LoadedReport } from './report.ts';
import { locate, parseYaml } from './yaml.ts';

const keyOf = (r: LoadedReport) => `${r.report[META_KEYS.agency].标识}/${r.report[META_KEYS.year]}`;

/** Diagnostics per report (only reports with findings appear). Linear in the number of reports. */
export async function crossYearDiagnostics(reports: readonly LoadedReport[]): Promise<Map<LoadedReport, Diagnostic[]>> {
  const byKey = new Map<string, LoadedReport>();
  for (const r of reports) if (!byKey.has(keyOf(r))) byKey.set(keyOf(r), r);
  const out = new Map<LoadedReport, Diagnostic[]>();
  for (const cur of byKey.values()) {
    const year = cur.report[META_KEYS.year];
    const prev = byKey.get(`${cur.report[META_KEYS.agency].标识}/${year - 1}`);
    if (!prev) continue;
    const findings = checkCrossYear(
      { year: year - 1, editionId: prev.edition.id as EditionId, values: prev.values },
      { year, editionId: cur.edition.id as EditionId, values: cur.values },
    );
    if (!findings.length) continue;
    // Positions are needed only here, so the file is parsed again only when there is a finding.
    const parsed = parseYaml(await readFile(cur.file, 'utf8'));
    const cells = new Map(cellsOf(cur.edition).map((c) => [c.id, c]));
    out.set(
      cur,
      findings.map((f) => {
        const pos = locate(parsed, cells.get(f.cell)!.path as string[]);
        return { file: cur.file, line: pos.line, column: pos.column, rule: f.rule, severity: severityOf(f.rule), message: f.message, statement: f.statement, cell: f.cell };
      }),
    );
  }
  return out;
}
