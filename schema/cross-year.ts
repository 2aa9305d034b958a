/**
 * Cross-year rules (R5, R8): one agency's report compared with its report of the year
 * before. Pure functions over cell values; the loader places the findings in files.
 */
import { cellName, cellsOf, type CellDef } from './cells.ts';
import { EDITIONS, type EditionId } from './editions/index.ts';
import type { Finding, Values } from './rules.ts';

/** One year's report of an agency, as the cross-year rules need it. */
export interface YearValues {
  readonly year: number;
  readonly editionId: EditionId;
  readonly values: Values;
}

const SECTION3_ROWS = { carriedIn: '上年结转政府信息公开申请数量', carriedOut: '结转下年度继续办理' } as const;

const rows = new Map<string, Map<string, CellDef>>();

/** Cells of section 三 in one row, by column key path (every edition has these rows); worked out once. */
function rowCells(editionId: EditionId, rowKey: string): Map<string, CellDef> {
  let row = rows.get(`${editionId}/${rowKey}`);
  if (!row) {
    const cells = cellsOf(EDITIONS[editionId]).filter((c) => c.section.id === '三' && c.rowKeys.length === 1 && c.rowKeys[0] === rowKey);
    rows.set(`${editionId}/${rowKey}`, (row = new Map(cells.map((c) => [c.colKeys.join('/'), c]))));
  }
  return row;
}

/** R5: this year's 二、上年结转 equals last year's 四、结转下年度继续办理, column by column. */
function checkCarryOver(prev: YearValues, cur: YearValues): Finding[] {
  const out: Finding[] = [];
  const before = rowCells(prev.editionId, SECTION3_ROWS.carriedOut);
  for (const [col, cell] of rowCells(cur.editionId, SECTION3_ROWS.carriedIn)) {
    const prevCell = before.get(col);
    if (!prevCell) continue;
    const a = cur.values.get(cell.id);
    const b = prev.values.get(prevCell.id);
    if (a === null || a === undefined || b === null || b === undefined || a === b) continue;
    const statement =
      `${cellName(cell)}填写为 ${a}，但 ${prev.year} 年度报告的${cellName(prevCell)}为 ${b}，相差 ${Math.abs(a - b)}。` +
      `上一年度结转下年度继续办理的申请，就是本年度的上年结转申请。`;
    out.push({ rule: 'R5', cell: cell.id, statement, message: `${statement}请核对两份报告中这一格的数字；若上一年度报告有误，请在那份报告中改正。` });
  }
  // A difference in an applicant column also shows in the 总计 column: report it once, at its column.
  const isTotal = (f: Finding) => rowCells(cur.editionId, SECTION3_ROWS.carriedIn).get('总计')?.id === f.cell;
  return out.some((f) => !isTotal(f)) ? out.filter((f) => !isTotal(f)) : out;
}

let inForceRowsOf: { inForce: CellDef; issued: CellDef; repealed: CellDef }[] | undefined;

/** The rows of 表二 (2021 edition) with 现行有效件数, 本年制发件数 and 本年废止件数: worked out once. */
function inForceRows(): { inForce: CellDef; issued: CellDef; repealed: CellDef }[] {
  if (inForceRowsOf) return inForceRowsOf;
  const cells = cellsOf(EDITIONS[2021]).filter((c) => c.section.id === '二');
  const at = (row: string, col: string) => cells.find((c) => c.rowKeys.join('/') === row && c.colKeys.join('/') === col);
  const rows = [...new Set(cells.filter((c) => c.colKeys[0] === '现行有效件数').map((c) => c.rowKeys.join('/')))];
  inForceRowsOf = [];
  for (const row of rows) {
    const inForce = at(row, '现行有效件数');
    const issued = at(row, '本年制发件数');
    const repealed = at(row, '本年废止件数');
    if (inForce && issued && repealed) inForceRowsOf.push({ inForce, issued, repealed });
  }
  return inForceRowsOf;
}

/** R8 (2021 edition, both years): 现行有效件数 ≈ last year's + 本年制发件数 − 本年废止件数. */
function checkInForce(prev: YearValues, cur: YearValues): Finding[] {
  if (prev.editionId !== 2021 || cur.editionId !== 2021) return [];
  const out: Finding[] = [];
  for (const { inForce, issued, repealed } of inForceRows()) {
    const now = cur.values.get(inForce.id);
    const before = prev.values.get(inForce.id);
    const plus = cur.values.get(issued.id);
    const minus = cur.values.get(repealed.id);
    if ([now, before, plus, minus].some((v) => v === null || v === undefined)) continue;
    const expected = before! + plus! - minus!;
    if (now === expected) continue;
    const statement =
      `${cellName(inForce)}填写为 ${now}，而 ${prev.year} 年度的现行有效件数 ${before} + 本年制发件数 ${plus} − 本年废止件数 ${minus} = ${expected}，相差 ${Math.abs(now! - expected)}。` +
      `文件修改等情况可使两者不完全一致。`;
    out.push({ rule: 'R8', cell: inForce.id, statement, message: `${statement.slice(0, -1)}；若并非如此，请核对本年和上一年度报告中的这几格。` });
  }
  return out;
}

/** Every cross-year finding for `cur`, given the same agency's report of the year before. */
export function checkCrossYear(prev: YearValues, cur: YearValues): Finding[] {
  if (prev.year !== cur.year - 1) return [];
  return [...checkCarryOver(prev, cur), ...checkInForce(prev, cur)];
}

/** Ids of the cells of an edition that a cross-year finding can name (R5's 上年结转 row, R8's 现行有效件数), in cell order. */
export function crossYearCells(editionId: EditionId): readonly string[] {
  return cellsOf(EDITIONS[editionId])
    .filter((c) => (c.section.id === '三' && c.rowKeys.length === 1 && c.rowKeys[0] === SECTION3_ROWS.carriedIn) || (editionId === 2021 && c.section.id === '二' && c.colKeys[0] === '现行有效件数'))
    .map((c) => c.id);
}
