/**
 * The catalogue of diagnostics: every problem the tool reports has a stable id, a severity,
 * a short Chinese title and the text it rests on. The consistency rules (勾稽关系) are small
 * pure functions over a report's cell values.
 */
import { cellName, cellsOf, subtotalGroups, valueCellsOf, type CellDef } from './cells.ts';
import { editionForYear, EDITIONS, type EditionId } from './editions/index.ts';
import type { Edition, Grid } from './template.ts';

export type Severity = 'error' | 'warning';

export interface RuleMeta {
  readonly severity: Severity;
  /** Short Chinese title, for lists and the data-quality page. */
  readonly title: string;
  /** What the rule rests on: the template's own words, the statute, or the format's. */
  readonly basis: string;
}

const SCHEMA_BASIS = '报告文件格式（schema/report.schema.json），由《政府信息公开工作年度报告格式》各表的栏目生成';

/** Every diagnostic id, with its severity, title and basis. */
export const CATALOGUE = {
  'YAML-SYNTAX': { severity: 'error', title: 'YAML 语法错误', basis: 'YAML 1.2 语法' },
  'YAML-DUPLICATE-KEY': { severity: 'error', title: '同一栏目填写了两次', basis: 'YAML 1.2：同一层级的键必须唯一' },
  'YAML-ALIAS': { severity: 'error', title: '引用（别名）过多或无效', basis: '报告文件不使用 YAML 锚点和别名；大量别名可使读取程序耗尽内存' },
  'SCHEMA-UNKNOWN-KEY': { severity: 'error', title: '栏目名称不存在', basis: SCHEMA_BASIS },
  'SCHEMA-EDITION-SHAPE': { severity: 'error', title: '栏目属于另一版本的格式', basis: '国办公开办函〔2019〕60号与〔2021〕30号两版格式的表格栏目不同' },
  'SCHEMA-MISSING': { severity: 'error', title: '缺少栏目', basis: SCHEMA_BASIS },
  'SCHEMA-UNFILLED': { severity: 'error', title: '尚未填写', basis: SCHEMA_BASIS },
  'SCHEMA-TYPE': { severity: 'error', title: '填写的内容类型不对', basis: SCHEMA_BASIS },
  'SCHEMA-NUMBER-FORMAT': { severity: 'error', title: '数字的写法无法识别', basis: SCHEMA_BASIS },
  'SCHEMA-NEGATIVE': { severity: 'error', title: '数量不能为负数', basis: '表中数量为件数、项数，不能小于 0（仅“本年增/减”可为负）' },
  'SCHEMA-INTEGER': { severity: 'error', title: '数量必须是整数', basis: '表中数量为件数、项数，只能是整数（金额除外）' },
  'SCHEMA-DECIMALS': { severity: 'error', title: '金额小数位过多', basis: '金额按栏目单位照原报告填写，精确到分：“元”最多两位小数，“万元”最多六位小数' },
  'SCHEMA-DATE': { severity: 'error', title: '日期无效', basis: '发布日期写作 2021-01-26 或 2021年1月26日，须为真实存在的日期' },
  'SCHEMA-VALUE': { severity: 'error', title: '取值不在允许范围内', basis: SCHEMA_BASIS },
  'FILE-PATH': { severity: 'error', title: '文件位置与内容不符', basis: '报告文件存放为 reports/<年度>/<机关标识>.yaml' },
  'FILE-ENCODING': { severity: 'error', title: '文件不是 UTF-8 编码', basis: '报告文件为 UTF-8 编码的文本（可带 BOM）' },
  'TEXT-CONTROL': { severity: 'error', title: '含有看不见的控制字符', basis: 'YAML 1.2：文件只能含可打印字符；方向控制字符会使网页上的文字显示顺序颠倒' },
  'TEXT-INVISIBLE': { severity: 'warning', title: '含有零宽字符或不换行空格', basis: '复制粘贴带入的看不见的字符会使同一名称成为两个不同的名称' },
  'DUPLICATE-REPORT': { severity: 'error', title: '同一机关同一年度有两份报告', basis: '每个机关每年发布一份年度报告' },
  'EDITION-YEAR': { severity: 'warning', title: '格式版本与年度不符', basis: '国办公开办函〔2021〕30号：自2021年度报告起使用修订后的格式；2019、2020年度报告使用国办公开办函〔2019〕60号格式' },
  R1: { severity: 'error', title: '申请数量不平衡', basis: '表三表头：“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”' },
  R2: { severity: 'error', title: '申请人总计与各类之和不符', basis: '表三“总计”列为自然人与各类法人或其他组织之和' },
  R3: { severity: 'error', title: '办理结果总计与各项之和不符', basis: '表三“（七）总计”为（一）至（六）各项之和；（二）注明“区分处理的，只计这一情形，不计其他情形”，每件申请只计一种结果。（六）只印一行（小计）时以这一行计入，同时印有分项时分项之和应等于这一行' },
  R4: { severity: 'error', title: '复议、诉讼总计与各项之和不符', basis: '表四“总计”为结果维持、结果纠正、其他结果、尚未审结之和' },
  R5: { severity: 'warning', title: '上年结转与上一年度的结转下年度不符', basis: '本年度“二、上年结转政府信息公开申请数量”即上一年度报告的“四、结转下年度继续办理”' },
  R6: { severity: 'warning', title: '项目数量变化后为负数', basis: '表二（2019年版）：上一年项目数量加本年增/减，为本年项目数量，不应小于 0' },
  R7: { severity: 'warning', title: '本年新公开数量大于对外公开总数量', basis: '表二（2019年版）第二十条第（一）项：本年新公开的文件包含在对外公开总数量之中' },
  R8: { severity: 'warning', title: '现行有效件数与上一年度不衔接', basis: '表二（2021年版）第二十条第（一）项：本年现行有效件数约等于上年现行有效件数加本年制发件数减本年废止件数（修改可使其不精确）' },
  TIMELINESS: { severity: 'warning', title: '晚于法定期限发布', basis: '《中华人民共和国政府信息公开条例》第四十九条：“县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告。”（乡镇人民政府和其他机关，条例未规定日期，不作检查）' },
  'AGENCY-KIND': { severity: 'warning', title: '未填写机关类型，无法核对公布期限', basis: '《中华人民共和国政府信息公开条例》第四十九条按机关类型规定公布期限：县级以上人民政府部门每年1月31日前，县级以上地方人民政府每年3月31日前' },
  R9: { severity: 'warning', title: '正文数字与统计表不符', basis: '《中华人民共和国政府信息公开条例》第五十条：年度报告应当包括“（二）行政机关收到和处理政府信息公开申请的情况；（三）因政府信息公开工作被申请行政复议、提起行政诉讼的情况”——正文与表三、表四记述的是同一些数量' },
  LEFTOVER: { severity: 'error', title: '模板占位符未填写', basis: '《中华人民共和国政府信息公开条例》第四十九条：年度报告“向社会公布”——公布的是填写完成的报告；“XX”“××”“某某”等是模板中待填写处的记号' },
  'PROSE-YEAR': { severity: 'warning', title: '正文所写年份与报告年度不符', basis: '《中华人民共和国政府信息公开条例》第四十九条：年度报告报告的是“上一年度政府信息公开工作”' },
  'SECTION5-THIN': { severity: 'warning', title: '“存在的主要问题及改进情况”未写实', basis: '《中华人民共和国政府信息公开条例》第五十条：年度报告应当包括“（四）政府信息公开工作存在的主要问题及改进情况”' },
  'FEE-CONTRADICTION': { severity: 'warning', title: '正文称未收费而表二有收费金额', basis: '《政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）表二第二十条第（八）项“行政事业性收费 · 本年收费金额（单位：万元）”；条例第二十条第（八）项：主动公开“行政事业性收费项目及其依据、标准”' },
  'PENDING-CONTRADICTION': { severity: 'warning', title: '正文称全部办结而表三有结转下年度', basis: '表三“四、结转下年度继续办理”：本年度未办结、转入下一年度的申请' },
  'COPY-LAST-YEAR': { severity: 'warning', title: '与上一年度报告大量相同', basis: '国办公开办函〔2021〕30号：“出现不按时发布、发布内容不准确不全面或者内容雷同、敷衍塞责等问题”的，依据条例第四十七条追究（据本项目参考资料 template-spec 所录该通知原文；本次检索未能再次核对全文）' },
  'PROSE-EMPTY': { severity: 'warning', title: '正文尚未填写', basis: '《政府信息公开工作年度报告格式》：“一、总体情况”“五、存在的主要问题及改进情况”为报告必备内容' },
  'ACK-UNUSED': { severity: 'warning', title: '确认偏差已不成立', basis: '“确认偏差”只用于记录原报告中确实存在的不一致' },
  'ACK-UNKNOWN-CELL': { severity: 'error', title: '确认偏差指向的单元格不存在', basis: SCHEMA_BASIS },
} as const satisfies Record<string, RuleMeta>;

export type RuleId = keyof typeof CATALOGUE;

/** A rule broken by a report's values, before it is placed in a file. */
export interface Finding {
  readonly rule: RuleId;
  /** The cell the finding is shown at. */
  readonly cell: string;
  /** What is wrong and why, stated for anyone reading the report (public pages). */
  readonly statement: string;
  /** The statement followed by what the clerk should check or do. */
  readonly message: string;
}

/** A finding whose clerk message is its public statement followed by advice. */
const finding = (rule: RuleId, cell: string, statement: string, advice: string): Finding => ({ rule, cell, statement, message: statement + advice });

/** Cell values by cell id: a number, or null for a blank cell. */
export type Values = ReadonlyMap<string, number | null>;

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : String(Math.round(n * 10000) / 10000));

/** Each cell of a group's part → the cell of the group's row as published in its column (see `GroupSubtotal`). */
let subtotalOfPart: Map<string, CellDef> | undefined;
function subtotalFor(id: string): CellDef | undefined {
  subtotalOfPart ??= new Map(Object.values(EDITIONS).flatMap((e) => subtotalGroups(e).flatMap((g) => g.cells.flatMap((c) => c.subtotal!.of.map((part) => [part, c] as const)))));
  return subtotalOfPart.get(id);
}

/**
 * Sum of cells; null when any of them is blank (a blank is not a zero). A group published as
 * one row (its 小计 given, its parts blank) counts as that row: where `ids` hold every part of
 * the group in a column, the 小计 of that column stands for them.
 */
export function sumOf(values: Values, ids: readonly string[]): number | null {
  let sum = 0;
  let published: Set<CellDef> | undefined;
  for (const id of ids) {
    const v = values.get(id);
    if (v === null || v === undefined) {
      const sub = subtotalFor(id);
      if (!sub) return null;
      (published ??= new Set()).add(sub);
      continue;
    }
    sum += v;
  }
  if (published) {
    for (const sub of published) {
      const v = values.get(sub.id);
      if (typeof v !== 'number') return null;
      if (!sub.subtotal!.of.every((part) => ids.includes(part) && (values.get(part) ?? null) === null)) return null;
      sum += v;
    }
  }
  return sum;
}

/** Sum of cells, each as it is: null when any is blank. */
function plainSum(values: Values, ids: readonly string[]): number | null {
  let sum = 0;
  for (const id of ids) {
    const v = values.get(id);
    if (v === null || v === undefined) return null;
    sum += v;
  }
  return sum;
}

/** "（一）予以公开 2 + 1.属于国家秘密 1 = 3（其余各项为 0）" — the parts of a sum, zeros folded. */
function partsText(cells: readonly CellDef[], values: Values, pick: (c: CellDef) => string): string {
  const nonzero = cells.filter((c) => values.get(c.id) !== 0);
  const shown = nonzero.map((c) => `${pick(c)} ${fmt(values.get(c.id) ?? 0)}`);
  const sum = plainSum(values, cells.map((c) => c.id)) ?? 0;
  if (shown.length === 0) return `各项均为 0，合计 0`;
  const folded = nonzero.length < cells.length ? '（其余各项为 0）' : '';
  return `${shown.join(' + ')} = ${fmt(sum)}${folded}`;
}

const rowPart = (c: CellDef) => c.rowLabels.at(-1) ?? '';
const colPart = (c: CellDef) => c.colLabels.at(-1) ?? '';

/**
 * Totals: each given total must equal the sum of its parts (R2, R3, R4). A cell totalled both
 * ways (表三 （七）总计 · 总计) is checked down its column too (R3 of the 总计 column) — unless one
 * of the totals it adds up is itself wrong across its row (R2): then the column cannot add up, the
 * R2 finding names the cell to correct, and a second finding would point at the wrong one.
 */
function checkTotals(cells: readonly CellDef[], byId: ReadonlyMap<string, CellDef>, values: Values, given: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  for (const cell of cells) {
    if (!cell.total || !given.has(cell.id)) continue;
    const f = checkTotal(cell, cell.total, byId, values);
    if (f) out.push(f);
  }
  const rowWrong = new Set(out.map((f) => f.cell));
  for (const cell of cells) {
    if (!cell.crossTotal || !given.has(cell.id)) continue;
    // A part's row wrong, or the row of the group it belongs to (小计) that stands for it.
    if (cell.crossTotal.of.some((id) => rowWrong.has(id) || rowWrong.has(subtotalFor(id)?.id ?? ''))) continue;
    const f = checkTotal(cell, cell.crossTotal, byId, values);
    if (f) out.push(f);
  }
  return out;
}

/** One total of a cell against the sum of its parts. */
function checkTotal(cell: CellDef, total: NonNullable<CellDef['total']>, byId: ReadonlyMap<string, CellDef>, values: Values): Finding | null {
  const stated = values.get(cell.id);
  const sum = sumOf(values, total.of);
  if (stated === null || stated === undefined || sum === null || stated === sum) return null;
  const parts = total.of.map((id) => byId.get(id)!);
  const byRow = parts.every((p) => p.rowKeys.join('/') === cell.rowKeys.join('/'));
  // A group published as one row is named by its row as published (小计) in place of its blank parts.
  const shown = parts.flatMap((p) => {
    const sub = (values.get(p.id) ?? null) === null ? subtotalFor(p.id) : undefined;
    if (!sub || (values.get(sub.id) ?? null) === null) return [p];
    return sub.subtotal!.of[0] === p.id ? [sub] : [];
  });
  const partsDesc = partsText(shown, values, byRow ? colPart : (c) => (c.subtotal ? `${c.rowLabels.at(-2) ?? ''}${c.rowLabels.at(-1) ?? ''}` : rowPart(c)));
  const what = total.rule === 'R3' ? '（一）至（六）各项' : total.rule === 'R2' ? '同一行各类申请人' : '同一组结果维持、结果纠正、其他结果、尚未审结';
  // Left out, a total is computed from its own row's parts (R2): that advice is right only for the cell's first total.
  const advice =
    total === cell.total
      ? `请逐格核对原始台账；若各项无误，把总计改为 ${fmt(sum)}，或删去总计由系统计算。`
      : `请逐格核对原始台账；若各项无误，把总计改为 ${fmt(sum)}，并核对同一行各类申请人之和。`;
  return finding(total.rule, cell.id, `${cellName(cell)}填写为 ${fmt(stated)}，但${what}之和为 ${fmt(sum)}：${partsDesc}。总计应等于${what}之和。`, advice);
}

const gridIndex = new WeakMap<Grid, { byKeys: Map<string, CellDef>; columns: (readonly string[])[] }>();

/** A grid's cells by row and column keys, and its columns' keys, worked out once per grid. */
function gridCells(edition: Edition, grid: Grid): { byKeys: Map<string, CellDef>; columns: (readonly string[])[] } {
  let index = gridIndex.get(grid);
  if (!index) {
    const cells = cellsOf(edition).filter((c) => c.grid === grid);
    const byKeys = new Map<string, CellDef>();
    // The first cell of each keys, as a search in reading order finds it.
    for (const c of cells) if (!byKeys.has(`${c.rowKeys.join('/')}\u0000${c.colKeys.join('/')}`)) byKeys.set(`${c.rowKeys.join('/')}\u0000${c.colKeys.join('/')}`, c);
    index = { byKeys, columns: [...new Map(cells.map((c) => [c.colKeys.join('/'), c.colKeys])).values()] };
    gridIndex.set(grid, index);
  }
  return index;
}

/**
 * A group published both as one row (小计) and in parts: the parts must add up to the row, per
 * column (R3: （七）总计 is （一）至（六）之和, and （六） is its parts' sum).
 */
function checkSubtotals(edition: Edition, values: Values): Finding[] {
  const out: Finding[] = [];
  for (const group of subtotalGroups(edition)) {
    const found = out.length;
    // The 总计 column last: when another column is off, the 总计 is off by as much, and one finding says it.
    for (const cell of [...group.cells].sort((a, b) => Number(Boolean(a.total)) - Number(Boolean(b.total)))) {
      if (cell.total && out.length > found) continue;
      const stated = values.get(cell.id);
      const sum = plainSum(values, cell.subtotal!.of);
      if (stated === null || stated === undefined || sum === null || stated === sum) continue;
      const parts = cell.subtotal!.of.map((id) => valueCellsOf(edition).find((c) => c.id === id)!);
      const label = group.node.label;
      out.push(
        finding(
          'R3',
          cell.id,
          `${cellName(cell)}填写为 ${fmt(stated)}，但“${label}”各分项之和为 ${fmt(sum)}：${partsText(parts, values, rowPart)}。原报告同时公布了“${label}”一行和各分项时，各分项之和应等于这一行。`,
          `请对照原报告核对：若原报告只印了“${label}”一行，删去各分项，只保留${group.node.subtotal.key}；若各分项无误，把${group.node.subtotal.key}改为 ${fmt(sum)}。`,
        ),
      );
    }
  }
  return out;
}

/** Per edition, a grid check's cells by column (balance) or row (the others), looked up once per check. */
const checkCells = new WeakMap<Edition, WeakMap<object, readonly (readonly CellDef[])[]>>();

/** Per-grid checks declared in the template (R1, R6, R7). */
function checkGrid(edition: Edition, grid: Grid, values: Values, sectionId: string, given: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const { byKeys, columns } = gridCells(edition, grid);
  const at = (rowKeys: readonly string[], colKeys: readonly string[]) => byKeys.get(`${rowKeys.join('/')}\u0000${colKeys.join('/')}`)!;
  /** `make(i)` for each of `n` columns or rows of a check, worked out on its first use. */
  const cellsOfCheck = (check: object, n: number, make: (i: number) => CellDef[]): readonly (readonly CellDef[])[] => {
    let ofEdition = checkCells.get(edition);
    if (!ofEdition) checkCells.set(edition, (ofEdition = new WeakMap()));
    let hit = ofEdition.get(check);
    if (!hit) ofEdition.set(check, (hit = Array.from({ length: n }, (_, i) => make(i))));
    return hit;
  };
  for (const check of grid.checks ?? []) {
    if (check.type === 'balance') {
      const byColumn = cellsOfCheck(check, columns.length, (i) => [...check.left, ...check.right].map((r) => at(r, columns[i]!)));
      for (const both of byColumn) {
        const left = both.slice(0, check.left.length);
        const right = both.slice(check.left.length);
        // A column made only of totals the loader computed balances exactly when the columns it
        // adds up do; those are checked one by one, so repeating the finding here adds nothing.
        if ([...left, ...right].every((c) => c.total && !given.has(c.id))) continue;
        const l = sumOf(values, left.map((c) => c.id));
        const r = sumOf(values, right.map((c) => c.id));
        if (l === null || r === null || l === r) continue;
        const side = (cs: CellDef[]) =>
          cs
            .map((c) => `${c.rowLabels.join(' / ')} ${fmt(values.get(c.id)!)}${c.total && !given.has(c.id) ? '（未填，自动计算）' : ''}`)
            .join(' + ');
        out.push(
          finding(
            check.rule,
            left[0]!.id,
            `表${sectionId}「${colPart(left[0]!)}」这一列不平衡：${side(left)} = ${fmt(l)}，而 ${side(right)} = ${fmt(r)}，两边相差 ${fmt(Math.abs(l - r))}。` +
              `按表头的勾稽关系，第一项加第二项之和应等于第三项加第四项之和：本年新收和上年结转的申请，要么本年已办理（计入（七）总计），要么结转下年度。`,
            `请对照原始台账核对这一列的这几个数字。`,
          ),
        );
      }
    } else if (check.type === 'non-negative-sum') {
      for (const parts of cellsOfCheck(check, check.rows.length, (i) => check.columns.map((c) => at(check.rows[i]!, [c])))) {
        const s = sumOf(values, parts.map((c) => c.id));
        if (s === null || s >= 0) continue;
        const delta = parts.find((p) => p.kind === 'delta') ?? parts.at(-1)!;
        out.push(
          finding(
            check.rule,
            delta.id,
            `${cellName(delta)}：${parts.map((p) => `${colPart(p)} ${fmt(values.get(p.id)!)}`).join(' + ')} = ${fmt(s)}，本年项目数量不能小于 0。`,
            `请核对“上一年项目数量”和“本年增/减”（减少时填负数，如 -3，且减少的数目不超过上一年的数量）。`,
          ),
        );
      }
    } else {
      for (const pair of cellsOfCheck(check, check.rows.length, (i) => [at(check.rows[i]!, [check.lesser]), at(check.rows[i]!, [check.greater])])) {
        const lesser = pair[0]!;
        const greater = pair[1]!;
        const a = values.get(lesser.id);
        const b = values.get(greater.id);
        if (a === null || a === undefined || b === null || b === undefined || a <= b) continue;
        out.push(
          finding(
            check.rule,
            lesser.id,
            `${cellName(lesser)}为 ${fmt(a)}，大于同一行的“${colPart(greater)}” ${fmt(b)}。本年新公开的文件应包含在对外公开总数量之中，`,
            `请核对这两格（对外公开总数量是截至年底累计对外公开的总数）。`,
          ),
        );
      }
    }
  }
  return out;
}

const cellsById = new WeakMap<Edition, ReadonlyMap<string, CellDef>>();

/** All consistency rules of one report's tables. `given` lists the totals the report stated itself. */
export function checkValues(editionId: EditionId, values: Values, given: ReadonlySet<string>): Finding[] {
  const edition = EDITIONS[editionId];
  const cells = valueCellsOf(edition);
  let byId = cellsById.get(edition);
  if (!byId) cellsById.set(edition, (byId = new Map(cells.map((c) => [c.id, c]))));
  const out = checkTotals(cells, byId, values, given);
  out.push(...checkSubtotals(edition, values));
  for (const section of edition.sections) {
    if (section.kind !== 'table') continue;
    for (const grid of section.grids) out.push(...checkGrid(edition, grid, values, section.id, given));
  }
  return out;
}

/** The edition a year calls for, when the report names another (seed 004: 2020 in the 2021 layout). */
export function checkEditionYear(editionId: EditionId, year: number): { statement: string; message: string } | null {
  const expected = editionForYear(year);
  if (expected === editionId) return null;
  const e = EDITIONS[editionId];
  const x = EDITIONS[expected];
  const statement = `本报告为 ${year} 年度，按规定应使用${x.name}格式（${x.source}），而报告使用的是${e.name}格式（${e.source}）。`;
  return {
    statement: `${statement}本页按原报告的格式展示。`,
    message:
      `本报告为 ${year} 年度，按规定应使用${x.name}格式（${x.source}），而文件声明使用${e.name}格式（${e.source}）。` +
      `若原报告确实按${e.name}格式发布，保留即可（页面将照原样展示）；否则请把“版本”改为 ${expected}，并按该版本的表格重新填写。`,
  };
}
