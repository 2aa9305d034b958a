/**
 * The fast way to load one report, with exactly the result of `loadReportText`.
 * Positions are only needed to point at a problem, and most reports have none: read the
 * text with the quick reader and check it; place what it finds from the file's lines (the
 * template's layout, line-locate.ts). Whenever the quick reader declines, the report has a
 * problem of its YAML or schema, or a position cannot be told from the lines, load it again
 * the full way, which locates every diagnostic.
 */
import { parseReportDirect } from '../../schema/direct.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { EDITION_SCHEMAS, META_KEYS, type Report } from '../../schema/report.ts';
import { dataHasHiddenCharacters, hasHiddenCharacters } from './hidden.ts';
import { checkEvaluation } from '../../schema/evaluation.ts';
import { schemaHas } from './messages.ts';
import { quickYaml } from './quick-yaml.ts';
import { type LineLocator, lineLocator } from './line-locate.ts';
import { checkFilePath, checkProse, completeTotals, getPath, type LoadResult, loadReportText, type Places, ruleDiagnostics } from './report.ts';


/**
 * The report as the edition's schema returns it, or undefined when the schema refuses it: checked
 * directly (schema/direct.ts), and by zod itself when the direct check cannot tell.
 */
function schemaValid(editionId: EditionId, data: unknown): Report | undefined {
  const direct = parseReportDirect(editionId, data);
  if (direct) return direct;
  const result = EDITION_SCHEMAS[editionId].safeParse(data, { reportInput: true });
  return result.success ? (result.data as Report) : undefined;
}

/** `schemaHas` of paths of string keys, per edition, remembered: most reports leave the same totals unfilled. */
const knownPaths = new Map<EditionId, Map<string, boolean>>();

/** Whether the edition's schema has a field at `path` (a key written without a value). */
function editionHas(editionId: EditionId, path: readonly (string | number)[]): boolean {
  if (!path.every((k) => typeof k === 'string')) return schemaHas(editionId, path);
  let known = knownPaths.get(editionId);
  if (!known) knownPaths.set(editionId, (known = new Map()));
  const key = path.join('\u0000');
  let has = known.get(key);
  if (has === undefined) {
    has = schemaHas(editionId, path);
    // Bounded: a corpus of misspelt keys does not make it grow without end.
    if (known.size < 10_000) known.set(key, has);
  }
  return has;
}

/** Thrown by the fast path's places: a diagnostic's position cannot be told from the lines, so the report takes the full path. */
const NEEDS_POSITIONS = Symbol('needs positions');

/**
 * Same result as `loadReportText(text, file)`, without reading the file again with positions
 * (yaml.ts) for reports that have nothing to report, or whose diagnostics can be placed from
 * their lines (line-locate.ts) — the same answers, or the full path. `counts`, when given,
 * counts the reports that needed the full path.
 */
export function loadReportFast(text: string, file: string, counts?: { full: number }): LoadResult {
  const slow = () => {
    if (counts) counts.full++;
    return loadReportText(text, file);
  };
  // Hidden characters are always reported, with their positions.
  if (hasHiddenCharacters(text.replace(/^\ufeff/, ''))) return slow();
  const quick = quickYaml(text);
  if (!quick) return slow();
  const data = quick.data;
  if (text.includes('\\') && dataHasHiddenCharacters(data)) return slow();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return slow();
  const editionValue = (data as Record<string, unknown>)[META_KEYS.edition];
  if (!(typeof editionValue === 'number' && editionValue in EDITIONS)) return slow();
  const editionId = editionValue as EditionId;
  // Keys written without a value (totals left to be computed) must be keys of the edition: a misspelt one is reported by the full path.
  if (quick.unfilled.some((p) => !editionHas(editionId, p))) return slow();
  const report = schemaValid(editionId, data);
  if (!report) return slow();
  const edition = EDITIONS[editionId];
  const { values, computed } = completeTotals(edition, report);
  // The lines are read only when there is a diagnostic to place.
  let lines: LineLocator | undefined | null = null;
  const linesOf = () => (lines === null ? (lines = lineLocator(text)) : lines);
  const places: Places = {
    at(path, forKey) {
      const pos = forKey ? undefined : linesOf()?.locateAsYaml(path, getPath(data, path));
      if (!pos) throw NEEDS_POSITIONS;
      return pos;
    },
    inText(path, offset) {
      const value = getPath(report, path);
      const pos = typeof value === 'string' ? linesOf()?.locateInText(path, offset, value) : undefined;
      if (!pos) throw NEEDS_POSITIONS;
      return pos;
    },
  };
  try {
    const acks = report[META_KEYS.acknowledgements] ?? [];
    const textFindings = checkEvaluation(editionId, report, values);
    const diagnostics = ruleDiagnostics({ file, edition, data: data as Record<string, unknown>, values, computed, acks, textFindings }, places);
    diagnostics.push(...checkFilePath(file, report, places.at));
    diagnostics.push(...checkProse(file, edition, report, places.at));
    return { file, loaded: { file, edition, report, values, computed, diagnostics }, diagnostics };
  } catch (e) {
    if (e === NEEDS_POSITIONS) return slow();
    throw e;
  }
}

/**
 * A report known to be valid (the corpus validated this very content), read again for its
 * page and data files: no rules, no positions. Anything unexpected takes the full path.
 */
export function reloadValidReport(text: string, file: string): LoadResult {
  const quick = quickYaml(text);
  const data = quick?.data as Record<string, unknown> | undefined;
  const editionValue = data?.[META_KEYS.edition];
  if (!quick || !(typeof editionValue === 'number' && editionValue in EDITIONS)) return loadReportText(text, file);
  const editionId = editionValue as EditionId;
  const report = schemaValid(editionId, data);
  if (!report) return loadReportText(text, file);
  const edition = EDITIONS[editionId];
  const { values, computed } = completeTotals(edition, report);
  return { file, loaded: { file, edition, report, values, computed, diagnostics: [] }, diagnostics: [] };
}
