/**
 * Scores imports against their truth: the shared real-report cases (../shared/cases/import) and
 * this repository's fixtures of each kind (tests/fixtures/import/kinds), both in the shared cases'
 * `expected.json` format (cells keyed by statutory labels; see that folder's README).
 *
 * A cell is placed exactly when the draft holds the expected number (or null where the source is
 * blank); wrong when it holds another value — a number the source did not print there, counted as
 * invented; missing when left unfilled. Used by `npm run bench` (figures) and tests/import (asserts).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { cellsOf, valueCellsOf, type CellDef } from '../schema/cells.ts';
import { EDITIONS, type EditionId } from '../schema/editions/index.ts';
import { importFile, type ImportOptions, type ImportResult } from '../src/import/index.ts';

/** One input with its truth. */
export interface ImportCase {
  readonly name: string;
  readonly input: string;
  readonly expected: Expected;
}

type Cell = number | null;
interface Expected {
  readonly edition?: string;
  readonly section2?: Record<string, Record<string, Cell>>;
  readonly section3?: Record<string, Cell[]>;
  readonly section4?: Cell[];
  readonly expected_fields?: Record<string, unknown>;
  readonly unfilled_rows?: string[];
  readonly messages_contain?: string[];
  readonly no_number_lost?: (number | { label: string; numbers: number[] })[];
  readonly consistency?: { violations?: string[] };
  readonly inputs?: string[];
  readonly input?: string;
}

/** The score of one input. */
export interface CaseScore {
  readonly name: string;
  readonly input: string;
  readonly status: ImportResult['status'];
  readonly written: boolean;
  readonly cells: number;
  readonly exact: number;
  readonly wrong: readonly string[];
  readonly missing: readonly string[];
  /** Cells filled where the source printed no number for them (unfilled rows filled). */
  readonly invented: readonly string[];
  readonly guessed: number;
  /** Expected fields, messages, kept numbers and recorded deviations that do not hold. */
  readonly failures: readonly string[];
}

/** Bracket width and whitespace only (as the shared scorer compares labels). */
const norm = (s: string): string => s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/\s+/g, '');

/** The template cell an expected key names: 表二 (row, column), 表三 (row path, column index), 表四 (index). */
function cellFor(cells: readonly CellDef[], section: '二' | '三' | '四', row: string, col: string | number): CellDef | undefined {
  const inSection = cells.filter((c) => c.section.id === section);
  if (section === '四') return inSection[col as number];
  if (section === '三') {
    const columns = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
    return inSection.find((c) => norm(c.rowLabels.join('/')) === norm(row) && c.colLabels.at(-1) === columns[col as number]);
  }
  const unitless = (s: string) => norm(s).replace(/（单位：[^）]*）$/, '');
  return inSection.find((c) => norm(c.rowLabels.at(-1) ?? '') === norm(row) && unitless(c.colLabels.at(-1) ?? '') === unitless(String(col)));
}

/** Expected cells as [cell id, value, label]. */
function expectedCells(edition: EditionId, e: Expected): { id?: string; value: Cell; label: string }[] {
  // A group printed as one row is expected under its 小计 row (see GroupSubtotal).
  const cells = valueCellsOf(EDITIONS[edition]);
  const out: { id?: string; value: Cell; label: string }[] = [];
  for (const [row, cols] of Object.entries(e.section2 ?? {})) for (const [col, v] of Object.entries(cols)) out.push({ id: cellFor(cells, '二', row, col)?.id, value: v, label: `二 ${row} / ${col}` });
  for (const [row, vs] of Object.entries(e.section3 ?? {})) vs.forEach((v, i) => out.push({ id: cellFor(cells, '三', row, i)?.id, value: v, label: `三 ${row} #${i + 1}` }));
  (e.section4 ?? []).forEach((v, i) => out.push({ id: cellFor(cells, '四', '', i)?.id, value: v, label: `四 #${i + 1}` }));
  return out;
}

/** Import one input (with the command line's options, if any) and score it against its truth. */
export async function scoreCase(c: ImportCase, opts: ImportOptions = {}): Promise<CaseScore> {
  const r = await importFile(c.input, opts);
  const e = c.expected;
  const edition = (e.edition ? Number(e.edition) : r.draft?.edition ?? 2021) as EditionId;
  const values = r.draft?.values ?? new Map<string, number | null>();
  const expected = expectedCells(edition, e);
  const wrong: string[] = [];
  const missing: string[] = [];
  let exact = 0;
  for (const x of expected) {
    if (!x.id || !values.has(x.id)) {
      missing.push(x.label);
      continue;
    }
    if (values.get(x.id) === x.value) exact++;
    else wrong.push(`${x.label}: ${String(values.get(x.id))} ≠ ${String(x.value)}`);
  }
  const cells = cellsOf(EDITIONS[edition]);
  const invented = (e.unfilled_rows ?? []).flatMap((row) => cells.filter((cell) => cell.section.id === '三' && norm(cell.rowLabels.join('/')) === norm(row) && values.has(cell.id)).map((cell) => cell.id));
  const failures: string[] = [];
  const messages = r.issues.map((i) => i.message).join('\n');
  for (const m of e.messages_contain ?? []) if (!messages.includes(m)) failures.push(`import does not say “${m}”`);
  const yaml = r.yaml ?? '';
  for (const item of e.no_number_lost ?? []) {
    if (typeof item === 'number') continue;
    const ok = yaml.split('\n').some((l) => norm(l).includes(norm(item.label)) && item.numbers.every((n) => new RegExp(`(?<![\\d.])${n}(?![\\d])`).test(l)));
    if (!ok) failures.push(`no line of the draft keeps “${item.label}” with ${item.numbers.join(', ')}`);
  }
  for (const v of e.consistency?.violations ?? []) {
    const m = /^(R\d+)\s+col\s+(\S+?):/.exec(v);
    if (m && !r.acknowledgements.some((a) => a.rule === m[1] && (a.cell ?? '').split('/').at(-1) === m[2])) failures.push(`${m[1]} in column ${m[2]} not recorded under 确认偏差`);
  }
  const draft = r.draft;
  for (const [field, want] of Object.entries(e.expected_fields ?? {})) {
    const got =
      field === 'year' ? draft?.year : field === 'edition' ? draft?.edition : field === 'title' ? draft?.title : field === 'published' ? draft?.published : field === 'agency.name' ? draft?.agency?.name : undefined;
    if (String(got) !== String(want)) failures.push(`${field}: ${String(got)} ≠ ${String(want)}`);
  }
  return { name: c.name, input: c.input, status: r.status, written: r.yaml !== undefined, cells: expected.length, exact, wrong, missing, invented, guessed: r.counts?.guessed ?? 0, failures };
}

/** Every case of a folder: each `*.expected.json` with its input(s). */
export async function casesIn(dir: string): Promise<ImportCase[]> {
  const out: ImportCase[] = [];
  const names = (await readdir(dir)).sort();
  for (const n of names) {
    if (!n.endsWith('.expected.json')) continue;
    const expected = JSON.parse(await readFile(path.join(dir, n), 'utf8')) as Expected;
    const stem = n.slice(0, -'.expected.json'.length);
    const inputs = expected.inputs ?? (expected.input ? [expected.input] : names.filter((x) => x.startsWith(`${stem}.`) && !x.includes('.expected.')));
    for (const i of inputs) out.push({ name: i, input: path.join(dir, i), expected });
  }
  return out;
}

/** A case passes when its draft is written and every cell, field and flag holds. */
export const passes = (s: CaseScore): boolean => s.written && !s.wrong.length && !s.missing.length && !s.invented.length && !s.failures.length;
