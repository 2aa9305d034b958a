/**
 * Placing: the cells a source printed (in reading order, with where they came from) → the
 * cells of the template description. Containers differ in how they cut a table into rows
 * (a row per line, a cell per line, a row cut by a page break, a header repeated on the next
 * page), so rows are not trusted: each table section is read as one stream of label and
 * value tokens, and every statutory row label starts the run of values that belongs to it.
 * Labels are matched by their text first; a label that matches no row (a typo, a shortened
 * label) is placed by its position between the rows already placed, its numbering and the
 * words it shares, with a warning quoting it. Whatever cannot be placed stays unfilled and
 * its source text is kept for the draft's comments; nothing is shifted or invented.
 */
import { cellName, cellsOf, leaves, subtotalGroups, type CellDef, type Leaf } from '../../schema/cells.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import type { Edition, Grid, HeaderNode, TableSection } from '../../schema/template.ts';
import { cleanText } from '../../schema/values.ts';
import type { Block as SourceBlock, ImportIssue } from './blocks.ts';
import { looksLikeValue, readCell } from './cell-value.ts';
import { pipeCells } from './text.ts';
import { containment, distinctiveLabels, labelKey, numbering, sameLabel, sectionLabels } from './labels.ts';

/** A cell placed by position rather than by its printed label: where, and what was printed. */
export interface Guess {
  readonly where: string;
  readonly printed: string;
  readonly placedAs: string;
  readonly cells: readonly string[];
}

/** What the tables of one source gave. */
export interface TableResult {
  readonly values: Map<string, number | null>;
  /** Cells read as blank (empty, "/", "-", 不适用). */
  readonly blanks: string[];
  /** Rows of the template not found in the source (their cells stay unfilled). */
  readonly missing: string[];
  /** Number of data rows placed per section. */
  readonly rows: Record<string, number>;
  readonly issues: ImportIssue[];
  /** Rows placed by position, numbering and shared words, not by their exact label. */
  readonly guesses: Guess[];
  /** Source text kept as a comment beside a row of the draft, by row id (see `rowIdOf`). */
  readonly rowNotes: Map<string, string[]>;
  /** Source text kept as a comment at the end of a table, by section id: rows printed that have no place in it. */
  readonly tableComments: Map<string, string[]>;
  /** Notes printed with a table (注：…, 单位：件, a sentence between the table and the next heading), by section id, one per line. */
  readonly tableNotes: Map<string, string>;
  /** Number of numbers the source printed in its tables (cells with a digit). */
  printed: number;
}

/** The id of a row of cells: section, grid prefix and row keys (a cell id without its column keys). */
export const rowIdOf = (cell: CellDef): string => [cell.section.id, ...cell.grid.prefix, ...cell.rowKeys].join('/');

/** A row of the template as the importer looks for it. */
interface RowTarget {
  readonly grid: Grid;
  readonly leaf: Leaf;
  readonly key: string;
  /** Labels of the row groups above it (（三）不予公开 …). */
  readonly groups: readonly string[];
  /** Position in the section's template order. */
  readonly index: number;
  readonly cells: readonly CellDef[];
  /** Printed label, with the group labels for messages. */
  readonly name: string;
}

/** A row group printed as one row of numbers (2021 （六）其他处理 printed as in 2019). */
interface GroupTarget {
  readonly group: HeaderNode;
  readonly children: readonly RowTarget[];
}

/** One printed cell, or one piece of a printed line, in source order. */
interface Token {
  readonly text: string;
  readonly value: boolean;
  readonly where: string;
  /** First token of its source row or line. */
  readonly rowStart: boolean;
  /** The whole source row or line, as the clerk will find it. */
  readonly source: string;
}

/** A run of values with the labels printed before it. */
interface Run {
  readonly labels: Token[];
  readonly values: Token[];
  target?: RowTarget;
  group?: GroupTarget;
  /** The label printed for an unresolved or extra row. */
  unknown?: string;
  /** Expected number of values, once the target is known. */
  n?: number;
  /** Index in `labels` of the first label naming the row (earlier ones are headers and context). */
  at?: number;
}

/** The row as the clerk will find it in the source. */
const rowText = (cells: readonly string[]): string => cells.map((c) => cleanText(c).replace(/\s+/g, ' ')).join(' | ');

/** A value-looking piece of text (number or blank marker). */
const isValue = (t: string): boolean => looksLikeValue(t);

/** Split a line of text at runs of spaces; then split trailing numbers off a label ("2.没有现成… 3 0 0"). */
export function splitLine(text: string): string[] {
  const parts = cleanText(text)
    .split(/\s{2,}|\t|\u3000+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out: string[] = [];
  for (const p of parts) {
    const words = p.split(/\s+/);
    let k = words.length;
    while (k > 0 && isValue(words[k - 1]!)) k--;
    if (k > 0 && k < words.length) {
      out.push(words.slice(0, k).join(' '), ...words.slice(k));
    } else if (k === 0 && words.length > 1) out.push(...words);
    else out.push(p);
  }
  return out;
}

/** A table note printed with a table: 注：…, 单位：件, 数据统计截至…. */
const NOTE = /^(?:注|备注|说明|单位|数据来源|统计时间|数据统计)\s*[:：]|^(?:注|备注)\s*\d|^\*/;

/** Markdown table syntax: |---|:---:|. */
const MARKDOWN_RULE = /^:?-{3,}:?$/;

/**
 * Tokens of one table section's blocks. Empty cells are blank values in a row that holds a
 * row label or a value; in a header row (only column labels) they are layout, and so is a
 * row of empty cells — except a lone empty cell (pipe text with one cell per line) and a row
 * exactly as wide as the table's unlabeled data row (an empty 表四).
 */
function tokensOf(blocks: readonly SourceBlock[], notes: string[], isHeading: (t: string) => boolean = () => false, dataWidth?: number): Token[] {
  const out: Token[] = [];
  for (const b of blocks) {
    if (b.kind === 'line') {
      const t = cleanText(b.text);
      if (t === '') continue;
      // Notes printed with the table, and running text between tables, are kept as comments.
      if (NOTE.test(t) || (t.length > 20 && /[。；]/.test(t))) {
        notes.push(b.text.trim());
        continue;
      }
      // Pipe text pasted into a web page or a Word file arrives as lines: "规章 |", "|".
      if (/[|｜]/.test(t)) {
        const cells = pipeCells(b.text);
        cells.forEach((c, i) => out.push({ text: cleanText(c), value: isValue(c), where: b.where, rowStart: i === 0, source: rowText(cells) }));
        continue;
      }
      const pieces = splitLine(b.text);
      pieces.forEach((p, i) => out.push({ text: p, value: isValue(p), where: b.where, rowStart: i === 0, source: pieces.join(' | ') }));
      continue;
    }
    const cells = b.cells.flatMap((c) => {
      const t = cleanText(c);
      // A label cell with its numbers run into it (text extraction without cell borders).
      return t !== '' && !isValue(t) && /\s/.test(t) ? splitLine(c) : [c];
    });
    if (cells.every((c) => MARKDOWN_RULE.test(cleanText(c)) || cleanText(c) === '') && cells.some((c) => MARKDOWN_RULE.test(cleanText(c)))) continue;
    const texts = cells.map((c) => cleanText(c));
    if (texts.length === 1 && NOTE.test(texts[0]!)) {
      notes.push(b.cells.map((c) => c.trim()).filter(Boolean).join(' '));
      continue;
    }
    const source = rowText(b.cells);
    const filled = texts.filter((t) => t !== '');
    const keepEmpty = cells.length === 1 || (filled.length === 0 ? cells.length === dataWidth : filled.some((t) => isValue(t)) || !filled.some(isHeading));
    const kept = keepEmpty ? cells : cells.filter((c) => cleanText(c) !== '');
    kept.forEach((c, i) => out.push({ text: cleanText(c), value: isValue(c), where: b.where, rowStart: i === 0, source }));
  }
  return out;
}

/**
 * Fit a run's values to its columns. Exports pad rows with empty cells where merged label
 * cells or the table's width leave room; such padding may be dropped only when there is
 * exactly one way to do it.
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

/** Detect the edition from the labels the tables print (those only one edition has); null when they do not tell. */
export function detectEdition(blocksBySection: ReadonlyMap<string, readonly SourceBlock[]>): { edition: EditionId | null; scores: Map<EditionId, number> } {
  const editions = Object.values(EDITIONS) as Edition[];
  const distinct = distinctiveLabels(editions);
  const seen = new Set<string>();
  for (const blocks of blocksBySection.values()) {
    for (const t of tokensOf(blocks, [])) if (!t.value) seen.add(labelKey(t.text));
  }
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

/** Every label of a column header tree, groups included. */
function columnLabels(nodes: readonly HeaderNode[]): string[] {
  return nodes.flatMap((n) => [n.label, ...(n.children ? columnLabels(n.children) : [])]);
}

/** Row groups (nodes with children) of a row header tree. */
function groupsOf(nodes: readonly HeaderNode[]): HeaderNode[] {
  return nodes.flatMap((n) => (n.children?.length ? [n, ...groupsOf(n.children)] : []));
}

/** Row labels of the same section in the other editions: a 2019 row kept in a 2021 table. */
function otherEditionRows(edition: Edition, sectionId: string): string[] {
  const own = new Set(edition.sections.flatMap((s) => (s.kind === 'table' && s.id === sectionId ? s.grids.flatMap((g) => leaves(g.rows).map((l) => labelKey(l.node.label))) : [])));
  const out: string[] = [];
  for (const e of Object.values(EDITIONS) as Edition[]) {
    if (e === edition) continue;
    for (const s of e.sections) if (s.kind === 'table' && s.id === sectionId) for (const g of s.grids) for (const l of leaves(g.rows)) if (l.node.label && !own.has(labelKey(l.node.label))) out.push(l.node.label);
  }
  return out;
}

const fmtList = (values: readonly Token[]): string => values.map((v) => (cleanText(v.text) === '' ? '（空白）' : cleanText(v.text))).join('、');

/** Read the tokens of one table section with an edition's template. */
function readSection(edition: Edition, section: TableSection, blocks: readonly SourceBlock[], cells: readonly CellDef[], out: TableResult): void {
  const notes: string[] = [];
  const comment = (text: string): void => {
    out.tableComments.set(section.id, [...(out.tableComments.get(section.id) ?? []), text]);
  };
  let index = 0;
  const targets: RowTarget[] = section.grids.flatMap((grid) =>
    leaves(grid.rows).map((leaf) => {
      const rowCells = cells.filter((c) => c.grid === grid && c.rowKeys.join('/') === leaf.keys.join('/'));
      const groups = leaf.ancestors.map((a) => a.label);
      return { grid, leaf, key: labelKey(leaf.node.label), groups, index: index++, cells: rowCells, name: [grid.title, ...groups, leaf.node.label].filter(Boolean).join(' / ') || '数据行' };
    }),
  );
  const groupNodes = section.grids.flatMap((g) => groupsOf(g.rows));
  const groupTargets = new Map<HeaderNode, GroupTarget>(groupNodes.map((g) => [g, { group: g, children: targets.filter((t) => t.leaf.ancestors.includes(g)) }]));
  const rowKeys = new Set(targets.map((t) => t.key));
  // Labels printed only in the header (自然人, 商业企业, 申请人情况…), not also as a row label.
  const headerOnly = section.grids.flatMap((g) => [g.corner, ...columnLabels(g.columns)]).filter((l) => l && !rowKeys.has(labelKey(l)));
  const allLabels = sectionLabels(section);
  const unlabeled = targets.find((t) => t.key === '');
  const others = otherEditionRows(edition, section.id);
  const isHeaderOnly = (t: string): boolean => headerOnly.some((l) => sameLabel(t, l));
  const labelKeys = [...new Set(allLabels.map(labelKey).filter((k) => k !== ''))];
  /** A header text, or header texts run together on one line ("行政复议行政诉讼"). */
  const composed = (key: string): boolean => {
    const ok: boolean[] = [true];
    for (let i = 1; i <= key.length; i++) ok[i] = labelKeys.some((k) => k.length <= i && ok[i - k.length] === true && key.slice(i - k.length, i) === k);
    return ok[key.length] === true;
  };
  // Header words set one character per line (vertical headers in PDFs) come out as pieces of
  // the header's characters: "结果 结果 其他 尚未 总", "维持 纠正 结果 审结 计".
  const headerChars = new Set(section.grids.flatMap((g) => [g.corner, ...columnLabels(g.columns)]).flatMap((l) => [...labelKey(l)]));
  const scrambledHeader = (t: string): boolean => {
    const key = labelKey(t);
    return key.length > 0 && /\s/.test(cleanText(t)) && [...key].every((ch) => headerChars.has(ch));
  };
  const known = (t: string): boolean => allLabels.some((l) => sameLabel(t, l)) || composed(labelKey(t)) || scrambledHeader(t);
  const isHeading = (t: string): boolean => isHeaderOnly(t) || section.grids.some((g) => g.title !== undefined && sameLabel(t, g.title));
  // A short text with a digit that is no label ("约5", "12万") stands where a value is printed:
  // it is read as a value, so the cell it sits in is refused with a reason, never skipped.
  const tokens = tokensOf(blocks, notes, isHeading, unlabeled?.cells.length).map((t) =>
    !t.value && /\d/.test(t.text) && t.text.length <= 12 && numbering(t.text) === undefined && !known(t.text) ? { ...t, value: true } : t,
  );

  let grid: Grid | undefined;
  let group: HeaderNode | undefined;
  /** The row a label names, in the current sub-table and group where the label alone is ambiguous. */
  const rowFor = (text: string, exact: boolean): RowTarget | 'ambiguous' | undefined => {
    const key = labelKey(text);
    if (!key) return undefined;
    let matches = targets.filter((x) => x.key !== '' && (exact ? x.key === key : sameLabel(text, x.leaf.node.label)));
    if (matches.length > 1 && grid) matches = matches.filter((x) => x.grid === grid).length ? matches.filter((x) => x.grid === grid) : matches;
    if (matches.length > 1 && group) matches = matches.filter((x) => x.groups.includes(group!.label)).length ? matches.filter((x) => x.groups.includes(group!.label)) : matches;
    if (matches.length > 1) matches = matches.filter((x) => !found.has(x)).length ? matches.filter((x) => !found.has(x)) : matches;
    return matches.length === 1 ? matches[0] : matches.length > 1 ? 'ambiguous' : undefined;
  };
  const found = new Map<RowTarget, string>();

  /** Resolve the labels printed before a run of values. */
  const resolve = (run: Run): void => {
    const printed = run.labels.filter((l) => l.text !== '');
    const labels = printed.map((l) => l.text);
    const from = (i: number): number => run.labels.indexOf(printed[i]!);
    // Context first: sub-table titles and row groups, in printed order.
    for (const t of labels) {
      const title = section.grids.find((g) => g.title && sameLabel(t, g.title));
      if (title) {
        grid = title;
        group = undefined;
        continue;
      }
      const g = groupNodes.find((n) => sameLabel(t, n.label));
      if (g) group = g;
    }
    // The row: the last label (or last labels joined: a label cut in two) that names one.
    const tries: [string, number][] = [];
    for (let k = Math.min(3, labels.length); k >= 2; k--) tries.push([labels.slice(-k).join(''), labels.length - k]);
    for (let i = labels.length - 1; i >= 0; i--) tries.push([labels[i]!, i]);
    for (const exact of [true, false]) {
      for (const [t, i] of tries) {
        const r = rowFor(t, exact);
        if (r === 'ambiguous') continue;
        if (r) {
          run.target = r;
          run.at = from(i);
          return;
        }
      }
    }
    const last = labels[labels.length - 1];
    const g = last !== undefined ? groupNodes.find((n) => sameLabel(last, n.label)) : undefined;
    if (g) {
      run.group = groupTargets.get(g);
      run.at = from(labels.length - 1);
      return;
    }
    const unknown = [...labels].reverse().filter((t) => !known(t));
    if (unlabeled && unknown.length === 0) {
      run.target = unlabeled;
      run.at = run.labels.length;
      return;
    }
    // Trailing unknown labels, in printed order: one label, perhaps cut in pieces.
    const tail: string[] = [];
    for (let i = labels.length - 1; i >= 0 && !known(labels[i]!); i--) tail.unshift(labels[i]!);
    run.unknown = tail.join('') || undefined;
    run.at = tail.length ? from(labels.length - tail.length) : run.labels.length;
  };

  // Pass 1: cut the stream into runs of values, each with the labels before it.
  const runs: Run[] = [];
  let pending: Token[] = [];
  let current: Run | null = null;
  for (const tok of tokens) {
    if (!tok.value) {
      // A header repeated on the next page inside a row cut by the page break.
      if (current && current.n !== undefined && current.values.length < current.n && isHeaderOnly(tok.text)) continue;
      if (current) {
        runs.push(current);
        current = null;
      }
      pending.push(tok);
      continue;
    }
    if (current && current.n !== undefined && current.values.length >= current.n && tok.rowStart) {
      runs.push(current);
      current = null;
    }
    if (!current) {
      current = { labels: pending, values: [] };
      pending = [];
      resolve(current);
      current.n = current.target ? current.target.cells.length : current.group ? leaves(current.group.children[0]?.grid.columns ?? []).length : undefined;
      if (current.target) found.set(current.target, tok.where);
    }
    current.values.push(tok);
  }
  if (current) runs.push(current);
  // Labels after the last run (a header with no numbers) only set context.
  found.clear();

  // Pass 2: place runs whose label names their row; then align the rest by position.
  const placed = new Map<RowTarget, Run>();
  const error = (where: string, message: string): void => {
    out.issues.push({ severity: 'error', where, message: `表${section.id}：${message}` });
  };
  const note = (target: RowTarget, text: string): void => {
    const id = rowIdOf(target.cells[0]!);
    out.rowNotes.set(id, [...(out.rowNotes.get(id) ?? []), text]);
  };
  /** The source rows or lines the run's own label and values were printed on. */
  const sourceOf = (run: Run): string => {
    const sources = [...new Set([...run.labels.slice(run.at ?? 0), ...run.values].map((t) => t.source))];
    return sources.join(' ／ ');
  };
  const whereOf = (run: Run): string => (run.labels.slice(run.at ?? 0).find((l) => l.text !== '') ?? run.values[0]!).where;
  /** A row's cells as read from the source: each good one written, each bad one reported and left unfilled. Whether any was bad. */
  const writeRow = (cells: readonly CellDef[], reads: readonly ReturnType<typeof readCell>[], where: string, run: Run): boolean => {
    let bad = false;
    reads.forEach((read, i) => {
      const cell = cells[i]!;
      if (!read.ok) {
        bad = true;
        out.issues.push({ severity: 'error', where, message: `${cellName(cell)}：${read.message}，这一格留空待填。原文：${sourceOf(run)}` });
        return;
      }
      if (read.note) out.issues.push({ severity: 'warning', where, message: `${cellName(cell)}：${read.note}` });
      out.values.set(cell.id, read.value);
      if (read.value === null) out.blanks.push(cell.id);
    });
    return bad;
  };
  const duplicate = (run: Run): boolean => {
    const t = run.target!;
    if (!placed.has(t)) return false;
    error(whereOf(run), `“${t.leaf.node.label || '数据行'}”这一行出现了两次（另一次在${whereOf(placed.get(t)!)}），这一次的数字未导入。原文：${sourceOf(run)}`);
    comment(`${whereOf(run)}重复的行：${sourceOf(run)}`);
    return true;
  };
  for (const run of runs) if (run.target && !duplicate(run)) placed.set(run.target, run);

  // Rows named by another edition, or by no edition: kept as comments, with a warning.
  const extra = (run: Run, why: string): void => {
    out.issues.push({ severity: 'warning', where: whereOf(run), message: `表${section.id}：原报告另有一行“${run.unknown}”（${fmtList(run.values)}），${why}，未导入表格；数字已作为注释保留在这张表的末尾，可写入“六、其他需要报告的事项”` });
    comment(`${whereOf(run)}原报告另有一行：${run.unknown}：${fmtList(run.values)}`);
  };
  const orderOf = (run: Run): number => runs.indexOf(run);
  for (const run of runs) {
    if (run.target || run.group || run.values.every((v) => cleanText(v.text) === '')) continue;
    if (run.unknown === undefined) {
      error(whereOf(run), `这一行有数字（${fmtList(run.values)}），但找不到它的行名，未导入。原文：${sourceOf(run)}`);
      comment(`${whereOf(run)}没有行名的数字：${sourceOf(run)}`);
      continue;
    }
    const other = others.find((l) => sameLabel(run.unknown!, l));
    if (other) {
      extra(run, `这是另一版格式的行，${edition.name}表格没有这一行`);
      continue;
    }
    // Between the rows placed before and after it in the source.
    const before = runs.slice(0, orderOf(run)).reverse().find((r) => r.target && placed.get(r.target) === r);
    const afterRun = runs.slice(orderOf(run) + 1).find((r) => r.target && placed.get(r.target) === r);
    const lo = before?.target?.index ?? -1;
    const hi = afterRun?.target?.index ?? targets.length;
    const free = targets.filter((t) => t.index > lo && t.index < hi && !placed.has(t) && t.key !== '' && !('error' in fit(run.values.map((v) => v.text), t.cells.length)));
    const num = numbering(run.unknown);
    const byNumber = num ? free.filter((t) => numbering(t.leaf.node.label) === num) : [];
    const score = (t: RowTarget) => containment(run.unknown!, t.leaf.node.label);
    let pick: RowTarget | undefined;
    if (byNumber.length === 1 && score(byNumber[0]!) >= 0.2) pick = byNumber[0];
    else if (free.length === 1 && (num === undefined || numbering(free[0]!.leaf.node.label) === num) && score(free[0]!) >= 0.4) pick = free[0];
    else {
      const ranked = free.map((t) => [t, score(t)] as const).sort((a, b) => b[1] - a[1]);
      if (ranked.length && ranked[0]![1] >= 0.6 && (ranked.length === 1 || ranked[0]![1] - ranked[1]![1] >= 0.3)) pick = ranked[0]![0];
    }
    if (!pick) {
      if (free.length === 0) extra(run, `${edition.name}表格中这一位置没有对应的行`);
      else {
        error(whereOf(run), `无法识别行名“${run.unknown}”，可能是${free.map((t) => `“${t.leaf.node.label}”`).slice(0, 3).join('或')}，数字未导入（${fmtList(run.values)}）。原文：${sourceOf(run)}`);
        comment(`${whereOf(run)}无法识别的行：${sourceOf(run)}`);
      }
      continue;
    }
    run.target = pick;
    placed.set(pick, run);
    out.guesses.push({ where: whereOf(run), printed: run.unknown, placedAs: pick.name, cells: pick.cells.map((c) => c.id) });
    out.issues.push({ severity: 'warning', where: whereOf(run), message: `表${section.id}：原文行名“${run.unknown}”与格式不符，已按位置${num ? '和编号' : ''}对应为“${pick.name}”，请核对` });
    note(pick, `原文行名“${run.unknown}”，按位置对应到这一行，请核对`);
  }

  // Row groups printed as one row (2021 （六）其他处理 as in 2019): the row is the group's 小计 as
  // published (see GroupSubtotal); its parts are not invented.
  for (const run of runs) {
    if (!run.group) continue;
    const kids = run.group.children;
    const sub = subtotalGroups(edition).find((g) => g.node === run.group!.group);
    const label = run.group.group.label;
    const where = whereOf(run);
    const partsPrinted = kids.some((k) => placed.has(k));
    if (partsPrinted && !sub) {
      // A subtotal printed above its parts, where the template has no 小计 row: kept as a note.
      out.issues.push({ severity: 'warning', where, message: `表${section.id}：“${label}”另印了一行小计（${fmtList(run.values)}），各分项已按原文导入，小计未导入，已作为注释保留` });
      comment(`${where}小计：${sourceOf(run)}`);
      continue;
    }
    const n = kids[0]!.cells.length;
    const fitted = fit(run.values.map((v) => v.text), n);
    if ('error' in fitted) {
      error(where, `${fitted.error}。原文：${sourceOf(run)}`);
      continue;
    }
    const reads = fitted.cells.map((t, i) => readCell(t, kids[0]!.cells[i]!));
    const allZero = reads.every((r) => r.ok && r.value === 0);
    if (allZero && !partsPrinted) {
      // Counts are ≥ 0: a group of 0 has every part 0, certainly.
      for (const k of kids) {
        placed.set(k, run);
        for (const c of k.cells) out.values.set(c.id, 0);
        out.rows[section.id] = (out.rows[section.id] ?? 0) + 1;
      }
      out.issues.push({ severity: 'warning', where, message: `表${section.id}：原报告“${label}”只有一行且各栏均为 0，${kids.length} 个分项都按 0 填写` });
      out.guesses.push({ where, printed: `${run.unknown ?? label}（只有一行，均为 0）`, placedAs: `${label}的 ${kids.length} 个分项，均为 0`, cells: kids.flatMap((k) => k.cells.map((c) => c.id)) });
      for (const k of kids) note(k, `原报告“${label}”只印一行，各栏均为 0`);
      continue;
    }
    if (!sub) {
      for (const k of kids) note(k, `原报告“${label}”只印一行：${fmtList(run.values)}，未分到各分项，请按台账填写`);
      out.issues.push({ severity: 'error', where, message: `表${section.id}：原报告“${label}”只印一行（${fmtList(run.values)}），没有分项；${kids.length} 个分项留空待填，数字已作为注释写在这几行旁。原文：${sourceOf(run)}` });
      for (const k of kids) placed.set(k, run);
      continue;
    }
    // The row as printed, under 小计; every bad cell reported.
    const key = run.group.group.subtotal!.key;
    const bad = writeRow(sub.cells, reads, where, run);
    const subRow = rowIdOf(sub.cells[0]!);
    if (bad) out.rowNotes.set(subRow, [...(out.rowNotes.get(subRow) ?? []), `原文（${where}）：${sourceOf(run)}`]);
    out.rows[section.id] = (out.rows[section.id] ?? 0) + 1;
    if (partsPrinted) {
      out.issues.push({ severity: 'warning', where, message: `表${section.id}：“${label}”另印了一行合计（${fmtList(run.values)}），已写入“${key}”，各分项也按原文导入；校验将核对各分项之和是否等于这一行` });
      continue;
    }
    for (const k of kids) placed.set(k, run);
    out.issues.push({ severity: 'warning', where, message: `表${section.id}：原报告“${label}”只印一行（${fmtList(run.values)}），没有分项：这一行照原样写入“${label}”下的“${key}”，${kids.length} 个分项未分项公布，不填写` });
  }

  // Values of every placed row; every bad cell of a row reported.
  for (const [target, run] of placed) {
    if (run.group) continue;
    const where = whereOf(run);
    const fitted = fit(run.values.map((v) => v.text), target.cells.length);
    if ('error' in fitted) {
      error(where, `“${target.name}”${fitted.error}，这一行未导入。原文：${sourceOf(run)}`);
      note(target, `原文（${where}）：${sourceOf(run)}`);
      continue;
    }
    const bad = writeRow(target.cells, fitted.cells.map((text, i) => readCell(text, target.cells[i]!)), where, run);
    if (bad) note(target, `原文（${where}）：${sourceOf(run)}`);
    out.rows[section.id] = (out.rows[section.id] ?? 0) + 1;
  }
  out.printed += tokens.filter((t) => t.value && /\d/.test(t.text)).length;
  if (placed.size === 0) out.missing.push(`表${section.id}（整张表）`);
  else for (const t of targets) if (!placed.has(t)) out.missing.push(`表${section.id}：${t.name}`);
  if (notes.length) out.tableNotes.set(section.id, notes.join('\n'));
}

/** Read every table section's blocks with one edition. */
export function readTables(editionId: EditionId, blocksBySection: ReadonlyMap<string, readonly SourceBlock[]>): TableResult {
  const edition = EDITIONS[editionId];
  const cells = cellsOf(edition);
  const out: TableResult = { values: new Map(), blanks: [], missing: [], rows: {}, issues: [], guesses: [], rowNotes: new Map(), tableComments: new Map(), tableNotes: new Map(), printed: 0 };
  for (const section of edition.sections) {
    if (section.kind !== 'table') continue;
    readSection(edition, section, blocksBySection.get(section.id) ?? [], cells, out);
  }
  return out;
}
