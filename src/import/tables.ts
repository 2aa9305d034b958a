/**
 * Table rows → cell values, recognised by the template description's own labels.
 * A row's label cells name its row; the cells after the row label are its values, in the
 * template's column order. A row whose number of cells cannot be fitted to the columns
 * without guessing is an error with the row's text — values are never shifted.
 */
import { cellName, cellsOf, leaves, type CellDef, type Leaf } from '../../schema/cells.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import type { Edition, Grid, HeaderNode, TableSection } from '../../schema/template.ts';
import { cleanText } from '../../schema/values.ts';
import type { ImportIssue, RowBlock } from './blocks.ts';
import { looksLikeValue, readCell } from './cell-value.ts';
import { distinctiveLabels, labelKey, sameLabel, sectionLabels } from './labels.ts';

/** What the tables of one source gave. */
export interface TableResult {
  readonly values: Map<string, number | null>;
  /** Cells read as blank (empty, "/", "-", 不适用). */
  readonly blanks: string[];
  /** Rows of the template not found in the source (their cells stay unfilled). */
  readonly missing: string[];
  /** Number of data rows recognised per section. */
  readonly rows: Record<string, number>;
  readonly issues: ImportIssue[];
}

/** A row of the template as the importer looks for it. */
interface RowTarget {
  readonly grid: Grid;
  readonly leaf: Leaf;
  readonly key: string;
  /** Labels of the row groups above it (（三）不予公开 …). */
  readonly groups: readonly string[];
}

/** The row as the clerk will find it in the source. */
const rowText = (row: RowBlock): string => row.cells.map((c) => cleanText(c).replace(/\s+/g, ' ')).join(' | ');

/** Detect the edition from the labels the tables print (those only one edition has); null when they do not tell. */
export function detectEdition(rowsBySection: ReadonlyMap<string, readonly RowBlock[]>): { edition: EditionId | null; scores: Map<EditionId, number> } {
  const editions = Object.values(EDITIONS) as Edition[];
  const distinct = distinctiveLabels(editions);
  const seen = new Set<string>();
  for (const rows of rowsBySection.values()) for (const row of rows) for (const c of row.cells) if (!looksLikeValue(c)) seen.add(labelKey(c));
  const scores = new Map<EditionId, number>();
  for (const e of editions) {
    let score = 0;
    for (const key of distinct.get(e)!) if ([...seen].some((s) => s === key || (s.length >= 3 && key.startsWith(s) && !editions.some((o) => o !== e && [...distinct.get(o)!].some((k) => k.startsWith(s)))))) score++;
    scores.set(e.id, score);
  }
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const best = ranked[0]!;
  const edition = best[1] > 0 && best[1] > (ranked[1]?.[1] ?? 0) ? best[0] : null;
  return { edition, scores };
}

/**
 * Fit a row's value cells to its columns. Exports pad rows with empty cells where merged
 * label cells or the table's width leave room; such padding may be dropped only when there
 * is exactly one way to do it.
 */
function fit(data: readonly string[], n: number): { cells: string[] } | { error: string } {
  if (data.length === n) return { cells: [...data] };
  if (data.length < n) return { error: `这一行只有 ${data.length} 格数字或空白，表格这一行应有 ${n} 格。原报告可能漏掉了空白格，无法确定每个数字属于哪一栏` };
  const blank = (c: string) => cleanText(c) === '';
  let lead = 0;
  while (lead < data.length && blank(data[lead]!)) lead++;
  let trail = 0;
  while (trail < data.length - lead && blank(data[data.length - 1 - trail]!)) trail++;
  const excess = data.length - n;
  const options: string[][] = [];
  for (let l = 0; l <= excess; l++) {
    const t = excess - l;
    if (l <= lead && t <= trail) options.push(data.slice(l, data.length - t));
  }
  if (!options.length) return { error: `这一行有 ${data.length} 格，比表格这一行应有的 ${n} 格多，无法确定每个数字属于哪一栏` };
  const same = options.every((o) => o.every((c, i) => cleanText(c) === cleanText(options[0]![i]!)));
  if (!same) return { error: `这一行有 ${data.length} 格，比应有的 ${n} 格多出空白格，无法确定空白格和数字各属于哪一栏` };
  return { cells: options[0]! };
}

/** Every label of a column header tree, groups included. */
function columnLabels(nodes: readonly HeaderNode[]): string[] {
  return nodes.flatMap((n) => [n.label, ...(n.children ? columnLabels(n.children) : [])]);
}

/** Read the rows of one table section with an edition's template. */
function readSection(section: TableSection, rows: readonly RowBlock[], cells: readonly CellDef[], out: TableResult): void {
  const targets: RowTarget[] = section.grids.flatMap((grid) =>
    leaves(grid.rows).map((leaf) => ({ grid, leaf, key: labelKey(leaf.node.label), groups: leaf.ancestors.map((a) => a.label) })),
  );
  const groupLabels = section.grids.flatMap((g) => targets.filter((t) => t.grid === g).flatMap((t) => t.groups));
  const headerLabels = sectionLabels(section);
  // Labels printed only in the header (自然人, 商业企业, 申请人情况…), not also as a row label
  // (总计, 其他): a row holding one of them is a header row.
  const rowKeys = new Set(targets.map((t) => t.key));
  const headerOnly = section.grids
    .flatMap((g) => [g.corner, ...columnLabels(g.columns)])
    .filter((l) => l && !rowKeys.has(labelKey(l)));
  const unlabeled = targets.find((t) => t.key === '');
  const found = new Map<RowTarget, string>();
  let grid: Grid | undefined;
  let group: string | undefined;
  const unknownHeaders: string[] = [];
  const issue = (row: RowBlock, message: string): void => {
    out.issues.push({ severity: 'error', where: row.where, message: `表${section.id}：${message}。这一行的原文：${rowText(row)}` });
  };

  for (const row of rows) {
    const texts = row.cells.map((c) => cleanText(c));
    // An all-blank row is padding, except the one unlabeled data row of an empty table (表四).
    const emptyDataRow = unlabeled !== undefined && !found.has(unlabeled) && row.cells.length === leaves(unlabeled.grid.columns).length;
    if (texts.every((t) => t === '') && !emptyDataRow) continue;
    if (texts.some((t) => t !== '' && !looksLikeValue(t) && headerOnly.some((l) => sameLabel(t, l)))) {
      if (texts.some((t) => t !== '' && looksLikeValue(t))) issue(row, '表头行中有数字，无法确定它们属于哪一行');
      continue;
    }
    let target: RowTarget | undefined;
    let at = -1;
    let ambiguous = false;
    const unknown: string[] = [];
    for (let i = 0; i < texts.length && !target; i++) {
      const t = texts[i]!;
      if (t === '' || looksLikeValue(t)) continue;
      const title = section.grids.find((g) => g.title && sameLabel(t, g.title));
      if (title) {
        grid = title;
        group = undefined;
        continue;
      }
      let matches = targets.filter((x) => x.key !== '' && sameLabel(t, x.leaf.node.label));
      if (matches.length > 1 && grid) matches = matches.filter((x) => x.grid === grid).length ? matches.filter((x) => x.grid === grid) : matches;
      if (matches.length > 1 && group) matches = matches.filter((x) => x.groups.includes(group!)).length ? matches.filter((x) => x.groups.includes(group!)) : matches;
      if (matches.length === 1) {
        target = matches[0];
        at = i;
        break;
      }
      if (matches.length > 1) {
        issue(row, `“${t}”可能是 ${matches.length} 个不同的行，无法确定`);
        ambiguous = true;
        break;
      }
      const g = groupLabels.find((l) => sameLabel(t, l));
      if (g) {
        group = g;
        continue;
      }
      if (headerLabels.some((l) => sameLabel(t, l))) continue;
      unknown.push(t);
    }
    if (ambiguous) continue;
    const hasValue = texts.some((t) => t !== '' && looksLikeValue(t));
    if (!target) {
      if (unlabeled && unknown.length === 0 && (hasValue || texts.every((t) => t === ''))) {
        target = unlabeled;
        at = -1;
      } else if (hasValue) {
        issue(row, unknown.length ? `无法识别行名“${unknown.join('”“')}”` : '这一行有数字，但找不到它的行名');
        continue;
      } else {
        unknownHeaders.push(...unknown);
        continue;
      }
    }
    if (found.has(target)) {
      issue(row, `“${target.leaf.node.label || '数据行'}”这一行出现了两次（另一次在${found.get(target)}）`);
      continue;
    }
    found.set(target, row.where);
    if (target.grid !== grid && target.key !== '') grid = target.grid;
    const data = row.cells.slice(at + 1);
    const stray = data.map((c) => cleanText(c)).filter((t) => t !== '' && !looksLikeValue(t));
    const rowCells = cells.filter((c) => c.grid === target.grid && c.rowKeys.join('/') === target.leaf.keys.join('/'));
    if (stray.length) {
      const read = readCell(stray[0]!, rowCells[0]!);
      issue(row, read.ok ? `“${stray[0]}”不是数字` : read.message);
      continue;
    }
    const fitted = fit(data, rowCells.length);
    if ('error' in fitted) {
      issue(row, fitted.error);
      continue;
    }
    out.rows[section.id] = (out.rows[section.id] ?? 0) + 1;
    fitted.cells.forEach((text, i) => {
      const cell = rowCells[i]!;
      const read = readCell(text, cell);
      if (!read.ok) {
        out.issues.push({ severity: 'error', where: row.where, message: `${cellName(cell)}：${read.message}。这一行的原文：${rowText(row)}` });
        return;
      }
      if (read.note) out.issues.push({ severity: 'warning', where: row.where, message: `${cellName(cell)}：${read.note}` });
      out.values.set(cell.id, read.value);
      if (read.value === null) out.blanks.push(cell.id);
    });
  }
  if (found.size === 0) out.missing.push(`表${section.id}（整张表）`);
  else for (const t of targets) if (!found.has(t)) out.missing.push(`表${section.id}：${[t.grid.title, ...t.groups, t.leaf.node.label].filter(Boolean).join(' / ') || '数据行'}`);
  for (const h of new Set(unknownHeaders)) out.issues.push({ severity: 'warning', where: `表${section.id}`, message: `未识别的表头文字“${h}”，已忽略` });
}

/** Read every table section's rows with one edition. */
export function readTables(editionId: EditionId, rowsBySection: ReadonlyMap<string, readonly RowBlock[]>): TableResult {
  const edition = EDITIONS[editionId];
  const cells = cellsOf(edition);
  const out: TableResult = { values: new Map(), blanks: [], missing: [], rows: {}, issues: [] };
  for (const section of edition.sections) {
    if (section.kind !== 'table') continue;
    readSection(section, rowsBySection.get(section.id) ?? [], cells, out);
  }
  return out;
}
