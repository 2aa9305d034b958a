/**
 * One report file → a validated, completed report and its diagnostics.
 * Order: YAML (syntax, duplicate keys, aliases) → edition → zod (shape, types) →
 * totals completed → consistency rules → acknowledgements.
 */
import path from 'node:path';
import { z } from 'zod';
import { cellName, cellsOf, subtotalGroups, valueCellsOf, type CellDef } from '../../schema/cells.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { acknowledgement, cellSchema, EDITION_SCHEMAS, META_KEYS, type Report, yearSchema } from '../../schema/report.ts';
import { checkEditionYear, checkValues, sumOf, type Values } from '../../schema/rules.ts';
import { checkEvaluation, checkLeftovers, pathName, type TextFinding } from '../../schema/evaluation.ts';
import { locateInText } from './text-position.ts';
import type { Edition } from '../../schema/template.ts';
import { type Diagnostic, severityOf } from './diagnostic.ts';
import { recoverYaml, yamlAdvice } from './advice.ts';
import { hiddenCharacters } from './hidden.ts';
import { issueToDiagnostics, unknownEmptyKeys, yamlProblemMessage } from './messages.ts';
import { locate, parseYaml, positionOf, rangeAt, type ParsedYaml, type YamlProblem } from './yaml.ts';

/** Where a YAML path is in the file (for a key itself when `forKey`). */
export type Locator = (path: readonly (string | number)[], forKey?: boolean) => { line: number; column: number };

/** A report that passed the schema: its data with every total filled in, and its cell values. */
export interface LoadedReport {
  readonly file: string;
  readonly edition: Edition;
  /** The report with totals that were left out computed and filled in. */
  readonly report: Report;
  /** Every cell by id: a number, or null for blank. */
  readonly values: Values;
  /** Totals the report left out and the loader computed. */
  readonly computed: ReadonlySet<string>;
  /** Every diagnostic of the file, acknowledged deviations included. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface LoadResult {
  readonly file: string;
  /** Present when the file passed the schema (it may still break rules). */
  readonly loaded?: LoadedReport;
  readonly diagnostics: readonly Diagnostic[];
}

/** Validate one report's text. Never throws for bad input. */
export function loadReportText(raw: string, file: string): LoadResult {
  // Lone CRs (old Mac line ends) as LF, so that messages count lines as the reader does.
  const text = raw.replace(/\r(?!\n)/g, '\n');
  const result = validateText(text, file);
  // Fix offsets count the byte-order mark the reader skipped, so they apply to the file as it is.
  if (!text.startsWith('\ufeff') || !result.diagnostics.some((d) => d.fix)) return result;
  const shift = (d: Diagnostic): Diagnostic => (d.fix ? { ...d, fix: { ...d.fix, start: d.fix.start + 1, end: d.fix.end + 1 } } : d);
  const diagnostics = result.diagnostics.map(shift);
  return { ...result, diagnostics, ...(result.loaded ? { loaded: { ...result.loaded, diagnostics } } : {}) };
}

/** Lines of one file whose YAML problems get a fix worked out (each costs a reading of the file); the rest get the plain message. */
const MAX_ADVISED = 5;
/** A file with more YAML problems than this is not a report with a few slips: plain messages only. */
const MAX_PROBLEMS = 2000;

function validateText(text: string, file: string): LoadResult {
  const read = parseYaml(text);
  let parsed = read;
  let damaged: readonly (readonly (string | number)[])[] = [];
  const diagnostics: Diagnostic[] = [...hiddenCharacters(file, text, read)];
  if (read.problems.length) {
    // Every YAML problem is reported; when each has a certain fix (or is a key written twice),
    // the rest of the file is read too, so one run shows every mistake.
    // Each fix is checked by reading the file again, so only the problems of its first few lines are
    // worked out: the parser reports many more after one real mistake, and those are its consequences.
    const lines = [...new Set(read.problems.map((p) => positionOf(read.lines, p.offset).line))].slice(0, MAX_ADVISED);
    const advised = (p: YamlProblem) => read.problems.length <= MAX_PROBLEMS && lines.includes(positionOf(read.lines, p.offset).line);
    const advice = read.problems.map((p) => (advised(p) ? yamlAdvice(p, read.source) : { message: yamlProblemMessage(p, read.source), offset: p.offset, fix: undefined }));
    const recovered = recoverYaml(read, advice.map((a) => a.fix));
    const seen = new Set<string>();
    read.problems.forEach((p, i) => {
      const a = advice[i]!;
      const pos = positionOf(read.lines, a.offset);
      // A problem the other fixes clear was their consequence (a Tab shifts the lines below it).
      if (recovered && p.code === 'YAML-SYNTAX' && !a.fix && !recovered.stillWrong.has(positionOf(read.lines, p.offset).line)) return;
      // One mistake the parser trips on twice is reported once.
      const key = a.fix ? JSON.stringify(a.fix) : `${pos.line}:${pos.column}:${a.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      diagnostics.push({ file, ...pos, rule: p.code, severity: severityOf(p.code), message: a.message, ...(a.fix ? { fix: a.fix } : {}) });
    });
    if (!recovered) return { file, diagnostics };
    parsed = recovered.parsed;
    damaged = recovered.damaged;
  }
  const readable = (p: readonly PropertyKey[]) => !damaged.some((d) => d.length <= p.length && d.every((k, i) => String(k) === String(p[i])));

  const data = parsed.data;
  // A required prose section written with nothing after its colon is empty prose, noted below.
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const record = data as Record<string, unknown>;
    for (const e of Object.values(EDITIONS)) {
      for (const s of e.sections) {
        if (s.kind === 'prose' && s.required && record[s.key] === undefined && parsed.unfilled.some((u) => u.length === 1 && u[0] === s.key)) record[s.key] = '';
      }
    }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const rule = 'SCHEMA-TYPE';
    return { file, diagnostics: [...diagnostics, { file, line: 1, column: 1, rule, severity: severityOf(rule), message: '文件内容不是一份报告：第一层应为“版本”“年度”“机关”等栏目。请用 nianbao new 生成模板后填写。' }] };
  }
  const editionValue = (data as Record<string, unknown>)[META_KEYS.edition];
  if (!readable([META_KEYS.edition])) return { file, diagnostics };
  if (!(typeof editionValue === 'number' && editionValue in EDITIONS)) {
    const rule = editionValue === undefined ? 'SCHEMA-MISSING' : 'SCHEMA-VALUE';
    const pos = locate(parsed, [META_KEYS.edition], editionValue === undefined);
    const msg =
      editionValue === undefined
        ? '缺少「版本」。请在文件开头写明 版本: 2019 或 版本: 2021（以原报告使用的表格格式为准），其余栏目将按该版本校验。'
        : `「版本」不能填写“${String(editionValue)}”，只能填写 2019（国办公开办函〔2019〕60号格式）或 2021（国办公开办函〔2021〕30号格式）。`;
    return { file, diagnostics: [...diagnostics, { file, line: pos.line, column: pos.column, rule, severity: severityOf(rule), message: msg }] };
  }
  const editionId = editionValue as EditionId;
  const edition = EDITIONS[editionId];
  const result = EDITION_SCHEMAS[editionId].safeParse(data, { reportInput: true });
  // Keys written without a value are left out of the data, so a misspelt one would vanish.
  const emptyUnknown = unknownEmptyKeys({ file, parsed, editionId });
  diagnostics.push(...emptyUnknown);
  let cellState: { values: Map<string, number | null>; computed: Set<string> };
  let acks: readonly Acknowledgement[];
  if (result.success) {
    // A key without a value that is no column (001 of 自然人: 3,001) is left out of the data, but
    // its row was mistyped: its figures go into no rule, as on the path below.
    cellState = emptyUnknown.length ? validCells(edition, data, parsed.unfilled) : completeTotals(edition, result.data as Report);
    acks = (result.data as Report)[META_KEYS.acknowledgements] ?? [];
  } else {
    const found = result.error.issues.filter((issue) => readable(issue.path)).flatMap((issue) => issueToDiagnostics(issue, { file, parsed, editionId }));
    const mismatch = editionMismatch(data, editionId, parsed, file);
    if (mismatch) return { file, diagnostics: [...diagnostics, ...mismatch] };
    diagnostics.push(...withoutRenamedKeys(found, emptyUnknown));
    // Rules still run on every cell that is valid, so a clerk sees all mistakes at once.
    cellState = validCells(edition, data);
    const rawAcks = z.array(acknowledgement).safeParse((data as Record<string, unknown>)[META_KEYS.acknowledgements] ?? []);
    acks = rawAcks.success ? rawAcks.data : [];
  }
  const { values, computed } = cellState;
  // The evaluator checks (schema/evaluation.ts) run on a valid report; template leftovers on
  // any text, so a clerk sees them with the schema's errors.
  const textFindings: TextFinding[] = result.success
    ? checkEvaluation(editionId, result.data as Report, values)
    : checkLeftovers(editionId, data);
  const places: Places = {
    at: (p, forKey) => locate(parsed, p, forKey),
    inText: (p, offset) => locateInText(parsed, text, p, offset),
  };
  diagnostics.push(...ruleDiagnostics({ file, edition, data: data as Record<string, unknown>, values, computed, acks, textFindings }, places));

  const year = (data as Record<string, unknown>)[META_KEYS.year];
  const validYear = yearSchema.safeParse(year);
  const at = places.at;
  if (!result.success || emptyUnknown.length || read.problems.length) {
    // The file and prose checks need only their own fields: a clerk sees these findings too.
    const raw = data as Record<string, unknown>;
    const id = (raw[META_KEYS.agency] as Record<string, unknown> | undefined)?.标识;
    if (validYear.success && typeof id === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) && readable([META_KEYS.year]) && readable([META_KEYS.agency, '标识'])) {
      diagnostics.push(...checkFilePath(file, { [META_KEYS.year]: validYear.data, [META_KEYS.agency]: { 标识: id } } as unknown as Report, at));
    }
    diagnostics.push(...checkProse(file, edition, raw as Report, at));
    return { file, diagnostics };
  }
  const report = result.data as Report;
  diagnostics.push(...checkFilePath(file, report, at));
  diagnostics.push(...checkProse(file, edition, report, at));

  const loaded: LoadedReport = { file, edition, report, values, computed, diagnostics };
  return { file, loaded, diagnostics };
}

/**
 * Where diagnostics go in a file: yaml.ts's `locate(parsed, path, forKey)` and
 * `locateInText(parsed, source, path, offset)` on the file read with positions — or, in the
 * fast path (fast.ts), the same answers worked out from its lines. `at` answers with what
 * `locate` answers (its `exact` and `source` too, which diagnostics placed with it carry).
 */
export interface Places {
  readonly at: Locator;
  readonly inText: (path: readonly (string | number)[], offset: number) => { line: number; column: number };
}

const byEdition = new WeakMap<Edition, { cells: ReadonlyMap<string, CellDef>; totals: readonly string[] }>();

/** An edition's value cells by id, and the ids of its totals: worked out once per edition. */
function cellsById(edition: Edition): { cells: ReadonlyMap<string, CellDef>; totals: readonly string[] } {
  let hit = byEdition.get(edition);
  if (!hit) {
    const all = valueCellsOf(edition);
    byEdition.set(edition, (hit = { cells: new Map(all.map((c) => [c.id, c])), totals: all.filter((c) => c.total).map((c) => c.id) }));
  }
  return hit;
}

/** A 确认偏差 entry as the rules read it. */
type Acknowledgement = { 规则: string; 单元格?: string | undefined; 位置?: string | undefined; 原文?: string | undefined; 说明: string; 已核实?: boolean | undefined };

/**
 * The diagnostics of a report of a known edition after its YAML and schema problems, in this
 * order: the consistency rules over `values` (checkValues), the evaluator's `textFindings`,
 * 确认偏差 entries that record none of them, and EDITION-YEAR; each placed by `places`.
 */
export function ruleDiagnostics(
  report: {
    readonly file: string;
    readonly edition: Edition;
    /** The report's data as read (its 年度 is checked against the edition). */
    readonly data: Readonly<Record<string, unknown>>;
    readonly values: Values;
    readonly computed: ReadonlySet<string>;
    readonly acks: readonly Acknowledgement[];
    readonly textFindings: readonly TextFinding[];
  },
  places: Places,
): Diagnostic[] {
  const { file, edition, data, values, computed, acks, textFindings } = report;
  const editionId = edition.id as EditionId;
  const diagnostics: Diagnostic[] = [];

  const { cells, totals } = cellsById(edition);
  const given = new Set(computed.size ? totals.filter((id) => !computed.has(id)) : totals);
  const findings = checkValues(editionId, values, given);
  const used = new Set<number>();
  /**
   * A finding a 确认偏差 entry records: verified; or, with 已核实: false (recorded by import, not yet
   * checked against the original), a warning published as 待核对 — neither an error nor verified.
   */
  const recorded = (ackIndex: number, message: string, statement: string | undefined): Pick<Diagnostic, 'severity' | 'message' | 'note' | 'pending'> => {
    used.add(ackIndex);
    const ack = acks[ackIndex]!;
    if (ack.已核实 !== false) return { severity: 'acknowledged', message, note: ack.说明 };
    // The finding as stated, without its advice to change a figure: the published report printed it so.
    const advice = `请对照原报告核对：若原报告确实如此，把这一项的「已核实」改为 true；若是抄录有误，改正抄录的数字或文字并删去这一项。`;
    return { severity: 'warning', message: `「确认偏差」第 ${ackIndex + 1} 项由导入记入，尚未核对：${statement ?? message}${advice}`, note: ack.说明, pending: true };
  };
  for (const f of findings) {
    const cell = cells.get(f.cell)!;
    const pos = places.at(cell.path as string[]);
    const ackIndex = acks.findIndex((a) => a.规则 === f.rule && a.单元格 === f.cell);
    if (ackIndex >= 0) {
      diagnostics.push({ file, line: pos.line, column: pos.column, rule: f.rule, statement: f.statement, cell: f.cell, ...recorded(ackIndex, f.message, f.statement) });
    } else {
      diagnostics.push({ file, line: pos.line, column: pos.column, rule: f.rule, severity: severityOf(f.rule), message: f.message, statement: f.statement, cell: f.cell });
    }
  }
  for (const f of textFindings) {
    const pos = f.offset === undefined ? places.at(f.path) : places.inText(f.path, f.offset);
    const ackIndex = f.text === undefined ? -1 : acks.findIndex((a) => a.规则 === f.rule && a.位置 === pathName(f.path) && a.原文 === f.text);
    const common = { file, line: pos.line, column: pos.column, rule: f.rule, message: f.message, statement: f.statement, ...(f.cell ? { cell: f.cell } : {}) };
    if (ackIndex >= 0) diagnostics.push({ ...common, ...recorded(ackIndex, f.message, f.statement) });
    else diagnostics.push({ ...common, severity: severityOf(f.rule) });
  }
  acks.forEach((ack, i) => {
    if (used.has(i)) return;
    const pos = places.at([META_KEYS.acknowledgements, i]);
    if (ack.规则 === 'LEFTOVER') {
      const rule = 'ACK-UNUSED';
      diagnostics.push({ file, ...pos, rule, severity: severityOf(rule), message: `「确认偏差」第 ${i + 1} 项记录「${ack.位置 ?? '（未写位置）'}」中有占位符“${ack.原文 ?? '（未写原文）'}”，但那里现在没有这段文字。若已改正，请删去这一项；否则请照 validate 的提示写明位置和原文。` });
    } else if (ack.单元格 === undefined || !cells.has(ack.单元格)) {
      const rule = 'ACK-UNKNOWN-CELL';
      // At the cell id itself, the one thing to change.
      diagnostics.push({ file, ...places.at([META_KEYS.acknowledgements, i, '单元格']), rule, severity: severityOf(rule), message: `「确认偏差」第 ${i + 1} 项的单元格“${ack.单元格 ?? ''}”不存在。单元格编号写作 三/本年度办理结果/总计/自然人 这样的形式，可从 npx nianbao validate --format json 输出中该问题的 cell 一项复制。` });
    } else {
      const rule = 'ACK-UNUSED';
      diagnostics.push({ file, ...pos, rule, severity: severityOf(rule), message: `「确认偏差」第 ${i + 1} 项记录 ${ack.规则} 在${cellName(cells.get(ack.单元格)!)}不成立，但现在的数字已符合该规则。若数字已更正，请删去这一项。` });
    }
  });

  const year = data[META_KEYS.year];
  const validYear = yearSchema.safeParse(year);
  const editionNote = validYear.success ? checkEditionYear(editionId, validYear.data) : null;
  if (editionNote) {
    const pos = places.at([META_KEYS.edition]);
    diagnostics.push({ file, ...pos, rule: 'EDITION-YEAR', severity: 'warning', message: editionNote.message, statement: editionNote.statement });
  }
  return diagnostics;
}

/**
 * A report whose tables are wholly of another edition than its 版本 says gets one message
 * at 版本 instead of one per cell.
 */
function editionMismatch(data: object, editionId: EditionId, parsed: ParsedYaml, file: string): Diagnostic[] | null {
  for (const other of Object.values(EDITIONS)) {
    if (other.id === editionId) continue;
    const attempt = EDITION_SCHEMAS[other.id].safeParse({ ...data, [META_KEYS.edition]: other.id });
    if (!attempt.success) continue;
    const stated = EDITIONS[editionId];
    const pos = locate(parsed, [META_KEYS.edition]);
    const rule = 'SCHEMA-EDITION-SHAPE';
    // Every table is of the other edition, so naming it keeps every figure: a certain fix.
    const r = rangeAt(parsed, [META_KEYS.edition]);
    return [
      {
        file,
        ...pos,
        rule,
        severity: severityOf(rule),
        message:
          `「版本」填写为 ${editionId}（${stated.source}），但文件中的表格是${other.name}格式（${other.source}）的栏目。` +
          `若原报告按${other.name}格式发布，请把“版本”改为 ${other.id}；若原报告确为${stated.name}格式，请用 nianbao new --edition ${editionId} 生成模板，按其栏目重新填写表格。`,
        ...(r ? { fix: { start: r[0], end: r[1], text: String(other.id) } } : {}),
      },
    ];
  }
  return null;
}

/** A mistyped key is reported once, as unknown with its likely intended name — not also as missing. */
function withoutRenamedKeys(list: Diagnostic[], alsoUnknown: readonly Diagnostic[] = []): Diagnostic[] {
  const renamedTo = new Set([...list, ...alsoUnknown].filter((d) => d.rule === 'SCHEMA-UNKNOWN-KEY' && d.suggestion).map((d) => d.suggestion));
  return list.filter((d) => !(d.rule === 'SCHEMA-MISSING' && d.missing !== undefined && renamedTo.has(d.missing)));
}

/**
 * A report in a year folder (reports/2020/…) must sit in the folder of its 年度 and be named
 * after its 机关标识, so that URLs and histories stay stable.
 */
export function checkFilePath(file: string, report: Report, at: Locator): Diagnostic[] {
  const dir = path.basename(path.dirname(file));
  if (!/^\d{4}$/.test(dir)) return [];
  const out: Diagnostic[] = [];
  const rule = 'FILE-PATH';
  const id = report[META_KEYS.agency].标识;
  const year = report[META_KEYS.year];
  const base = path.basename(file).replace(/\.ya?ml$/i, '');
  if (String(year) !== dir) {
    const pos = at([META_KEYS.year]);
    out.push({ file, ...pos, rule, severity: 'error', message: `「年度」为 ${year}，但文件放在 ${dir} 文件夹中。请把文件移到 reports/${year}/，或改正年度。` });
  }
  if (base !== id) {
    const pos = at([META_KEYS.agency, '标识']);
    out.push({ file, ...pos, rule, severity: 'error', message: `「机关 › 标识」为 ${id}，但文件名是 ${path.basename(file)}。文件名须与机关标识一致：请把文件改名为 ${id}.yaml，或改正标识。` });
  }
  return out;
}

/** Required prose sections written empty (as `nianbao new` leaves them) are pointed out. */
export function checkProse(file: string, edition: Edition, report: Report, at: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const section of edition.sections) {
    if (section.kind !== 'prose' || !section.required) continue;
    const text = (report as Record<string, unknown>)[section.key];
    if (typeof text !== 'string' || text.trim() !== '') continue;
    const pos = at([section.key], true);
    const rule = 'PROSE-EMPTY';
    out.push({
      file, ...pos, rule, severity: severityOf(rule),
      message:
        `「${section.heading}」还没有填写。报告格式要求本节写明：${section.guidance}` +
        `写法：这一行写作“${section.key}: |-”，正文从下一行起逐段填写，每行开头空两个空格。`,
    });
  }
  return out;
}

/** The value at a path of keys (and list indexes) in parsed data; undefined where the path leads nowhere. */
export function getPath(obj: unknown, p: readonly (string | number)[]): unknown {
  let node = obj;
  for (const k of p) node = node === null || typeof node !== 'object' ? undefined : (node as Record<string | number, unknown>)[k];
  return node;
}

function setPath(obj: unknown, p: readonly string[], value: unknown): void {
  let node = obj as Record<string, unknown>;
  for (const k of p.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[p.at(-1)!] = value;
}

/** Values of the cells that pass their own schema, in a report that failed as a whole. */
function validCells(edition: Edition, data: unknown, unfilled: readonly (readonly (string | number)[])[] = []): { values: Map<string, number | null>; computed: Set<string> } {
  const valid = structuredClone(data);
  // A row holding a key that is none of its columns — with a value, or written without one
  // (`unfilled`) — was mistyped somewhere (自然人: 3,001 reads as 自然人: 3 and a key 001): none of
  // its figures can be trusted, so none goes into a rule.
  const rows = new Map<string, CellDef[]>();
  for (const cell of valueCellsOf(edition)) {
    const at = JSON.stringify(cell.path.slice(0, -1));
    rows.set(at, [...(rows.get(at) ?? []), cell]);
  }
  const broken = new Set<CellDef>();
  for (const cells of rows.values()) {
    const parent = cells[0]!.path.slice(0, -1);
    const row = getPath(valid, parent);
    const columns = new Set(cells.map((c) => c.path.at(-1)));
    const keys = row !== null && typeof row === 'object' && !Array.isArray(row) ? Object.keys(row) : [];
    const empty = unfilled.filter((p) => p.length === parent.length + 1 && parent.every((k, i) => String(k) === String(p[i]))).map((p) => String(p.at(-1)));
    if ([...keys, ...empty].some((k) => !columns.has(k))) for (const c of cells) broken.add(c);
  }
  for (const cell of valueCellsOf(edition)) {
    const raw = getPath(valid, cell.path);
    if (raw === undefined) continue;
    const parsed = broken.has(cell) ? undefined : cellSchema(cell).safeParse(raw);
    if (parsed?.success && parsed.data !== undefined) setPath(valid, cell.path, parsed.data);
    else setPath(valid, cell.path, INVALID);
  }
  const { values, computed } = completeTotals(edition, valid as Report);
  for (const [id, v] of values) if ((v as unknown) === INVALID || Number.isNaN(v)) values.delete(id);
  return { values, computed };
}

/** Marks a cell whose own value is invalid: its rules are not checked. */
const INVALID = Symbol('invalid');

/**
 * Per edition: each total's parts as positions in `valueCellsOf` order, and each cell's
 * position by id; the paths of the objects holding cells (rows), each cell's row (a position
 * in `rows`) and its key in it.
 */
interface CellLayout {
  readonly parts: (readonly number[] | undefined)[];
  readonly index: Map<string, number>;
  readonly rows: readonly (readonly string[])[];
  readonly rowOf: readonly number[];
  readonly keyOf: readonly string[];
}

const totalParts = new WeakMap<Edition, CellLayout>();

function partsOf(edition: Edition, cells: readonly CellDef[]): CellLayout {
  let hit = totalParts.get(edition);
  if (!hit) {
    const index = new Map(cells.map((c, i) => [c.id, i]));
    const rows: string[][] = [];
    const rowAt = new Map<string, number>();
    const rowOf = cells.map((c) => {
      const parent = c.path.slice(0, -1) as string[];
      const key = JSON.stringify(parent);
      let r = rowAt.get(key);
      if (r === undefined) {
        rowAt.set(key, (r = rows.length));
        rows.push(parent);
      }
      return r;
    });
    hit = { parts: cells.map((c) => c.total?.of.map((id) => index.get(id)!)), index, rows, rowOf, keyOf: cells.map((c) => String(c.path.at(-1))) };
    totalParts.set(edition, hit);
  }
  return hit;
}

/** Not worked out yet (completeTotals). */
const PENDING = Symbol('pending');

/**
 * Fill in totals the report left out (null when a part is blank), returning all cell values.
 * A group published as one row (its 小计 given, see `GroupSubtotal`) adds the cells of that row;
 * its parts left out are blank (not published separately), not unfilled, and a total over the
 * whole group counts the 小计 in their place (`sumOf`).
 */
export function completeTotals(edition: Edition, report: Report): { values: Map<string, number | null>; computed: Set<string> } {
  const cells = valueCellsOf(edition);
  const { parts, index, rows, rowOf, keyOf } = partsOf(edition, cells);
  const found: unknown[] = new Array(cells.length).fill(PENDING);
  // Each row's object, looked up once: `getPath(report, cell.path)` is the row's value at the cell's key.
  const rowObjects: unknown[] = new Array(rows.length).fill(PENDING);
  const stated = (i: number): unknown => {
    const r = rowOf[i]!;
    let node = rowObjects[r];
    if (node === PENDING) rowObjects[r] = node = getPath(report, rows[r]!);
    return node === null || typeof node !== 'object' ? undefined : (node as Record<string, unknown>)[keyOf[i]!];
  };
  const computed = new Set<string>();
  const unpublished = new Set<number>();
  for (const group of subtotalGroups(edition)) {
    const node = getPath(report, group.path);
    const row = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[group.node.subtotal.key] : undefined;
    if (row === undefined) {
      for (const c of group.cells) unpublished.add(index.get(c.id)!);
      continue;
    }
    // Published as one row: a part the report leaves out was not published separately.
    for (const c of group.partCells) if (getPath(report, c.path.slice(0, group.path.length + 1)) === undefined) found[index.get(c.id)!] = null;
  }
  // The values as `sumOf` reads them, each worked out when first asked for.
  const view = {
    get(id: string): number | null | undefined {
      const i = index.get(id);
      if (i === undefined || unpublished.has(i)) return undefined;
      return value(i) as number | null;
    },
  } as unknown as Values;
  const value = (i: number): unknown => {
    if (found[i] !== PENDING) return found[i];
    const cell = cells[i]!;
    const given = stated(i);
    let v: unknown;
    if (given !== undefined) v = given;
    else if (!cell.total) v = INVALID;
    else {
      const of = parts[i]!;
      // A blank part makes the total blank (a blank is not a zero), unless a 小计 stands for it (sumOf).
      let sum: number | null = 0;
      let invalid = false;
      for (const j of of) {
        const p = value(j);
        if (p === INVALID) invalid = true;
        else if (sum !== null) sum = p === null || p === undefined ? null : sum + (p as number);
      }
      if (!invalid && sum === null) sum = sumOf(view, cell.total.of);
      v = invalid ? INVALID : sum;
      computed.add(cell.id);
      if (!invalid) setPath(report, cell.path, v);
    }
    found[i] = v;
    return v;
  };
  const values = new Map<string, number | null>();
  for (let i = 0; i < cells.length; i++) if (!unpublished.has(i)) values.set(cells[i]!.id, value(i) as number | null);
  return { values, computed };
}
