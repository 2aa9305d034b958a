/**
 * Plain text as reports are copied out of Word and web pages (template-spec §3.4):
 * one cell per tab-indented line with a blank line between rows; tab-separated rows;
 * pipe-separated rows. Everything else is a prose line.
 */
import type { Block } from './blocks.ts';

/** Word leaves bookmarks like "[bookmark: _GoBack]" in text exports. */
const BOOKMARK = /\[bookmark:[^\]]*\]/g;

/** A line that starts a numbered section heading ("三、…"); never a cell continuation. */
const HEADING = /^[\s\u3000]*[一二三四五六七八九十]+、/;

/** Markdown heading markers: "# 标题", "##三、…". */
const MARKDOWN_HEADING = /^[\s\u3000]*#{1,6}[\s\u3000]*/;

/**
 * Split a pipe-separated row, dropping the empty cells outside the outer pipes. A lone "|"
 * is one blank cell (pipe text with one cell per line); a line of pipes only is a row
 * separator and holds no cell.
 */
export function pipeCells(line: string): string[] {
  const t = line.trim();
  if (t === '|' || t === '｜') return [''];
  if (/^[|｜]+$/.test(t)) return [];
  const cells = line.split(/[|｜]/);
  if (cells[0]!.trim() === '') cells.shift();
  if (cells.length && cells[cells.length - 1]!.trim() === '') cells.pop();
  return cells;
}

/** Width of text as a terminal or a PDF-to-text tool lays it out: CJK and full-width characters take two columns. */
const displayWidth = (t: string): number => [...t].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
const charCount = (t: string): number => [...t].length;

/**
 * Where a text copy of a page laid out in two columns (two reports side by side, copied with
 * `pdftotext -layout` or from a comparison page) splits: the widest band of columns no line
 * prints in — text is cut only at runs of two or more spaces — with text on both sides of it in
 * at least five lines and a fifth of all lines. Tried in display columns, then in characters (tools differ in
 * how wide they set CJK). Returns the two columns' lines, or undefined for a one-column text.
 */
export function splitTextColumns(lines: readonly string[]): { left: string[]; right: string[] } | undefined {
  const filled = lines.filter((l) => l.trim() !== '' && !l.includes('\t'));
  if (filled.length < 10 || lines.some((l) => l.includes('\t'))) return undefined;
  for (const width of [displayWidth, charCount]) {
    // Each line's runs of text, as [start, end) columns.
    const runs = filled.map((l) => {
      const out: [number, number][] = [];
      const re = /\S+(?:[ \u3000]\S+)*/g;
      for (let m = re.exec(l); m; m = re.exec(l)) {
        const start = width(l.slice(0, m.index));
        out.push([start, start + width(m[0])]);
      }
      return out;
    });
    const max = Math.max(...runs.map((r) => r.at(-1)?.[1] ?? 0));
    // The gutter: the widest band of columns no line prints in, with text on both sides of it
    // in enough lines (gaps between a table's cells inside one column are narrower).
    let best: { at: number; width: number } | undefined;
    let from: number | undefined;
    const last = Math.ceil(max * 0.75);
    for (let c = Math.floor(max * 0.25); c <= last + 1; c++) {
      const empty = c <= last && !runs.some((r) => r.some(([a, b]) => a <= c && c < b));
      if (empty) {
        from ??= c;
        continue;
      }
      if (from === undefined) continue;
      const mid = Math.floor((from + c) / 2);
      const both = runs.filter((r) => r.some(([, b]) => b <= mid) && r.some(([a]) => a >= mid)).length;
      if (both >= 5 && both >= filled.length / 5 && (!best || c - from > best.width)) best = { at: mid, width: c - from };
      from = undefined;
    }
    if (!best) continue;
    const cut = best.at;
    const left: string[] = [];
    const right: string[] = [];
    for (const l of lines) {
      let k = 0;
      let w = 0;
      const chars = [...l];
      while (k < chars.length && w + width(chars[k]!) <= cut) w += width(chars[k++]!);
      left.push(chars.slice(0, k).join('').trimEnd());
      right.push(chars.slice(k).join('').trim());
    }
    return { left, right };
  }
  return undefined;
}

/**
 * Text → blocks. Line numbers are 1-based, as an editor shows them. A text in two columns
 * (`splitTextColumns`) is read as its left column, then its right one.
 */
export function textToBlocks(text: string): Block[] {
  const lines = text.replace(/^\ufeff/, '').replace(BOOKMARK, '').split(/\r\n?|\n/);
  const columns = splitTextColumns(lines);
  if (columns) return [...linesToBlocks(columns.left, '（左栏）'), ...linesToBlocks(columns.right, '（右栏）')];
  return linesToBlocks(lines, '');
}

/** Lines of one column → blocks, located as 第 N 行 and the column's name. */
function linesToBlocks(lines: readonly string[], column: string): Block[] {
  const out: Block[] = [];
  let cells: string[] | null = null;
  let start = 0;
  const flush = (): void => {
    if (cells) out.push({ kind: 'row', cells, where: `第 ${start} 行${column}` });
    cells = null;
  };
  lines.forEach((raw, i) => {
    const n = i + 1;
    const tabs = (raw.match(/\t/g) ?? []).length;
    if (tabs > 1 || (tabs === 1 && !raw.startsWith('\t'))) {
      // A whole row on one line, cells separated by tabs (seed 002).
      flush();
      out.push({ kind: 'row', cells: raw.split('\t'), where: `第 ${n} 行${column}` });
      return;
    }
    if (tabs === 1) {
      // One cell per line (Word's export of a table): rows end at a blank line.
      if (!cells) {
        cells = [];
        start = n;
      }
      cells.push(raw.slice(1));
      return;
    }
    if (raw.trim() === '') {
      flush();
      return;
    }
    if (cells && cells.length && raw.trim().length <= 12 && !HEADING.test(raw)) {
      // The second line of a header cell that Word wraps ("本年新" / "制作数量").
      cells[cells.length - 1] += `\n${raw}`;
      return;
    }
    flush();
    if (/[|｜]/.test(raw)) {
      const cells = pipeCells(raw);
      if (cells.length) out.push({ kind: 'row', cells, where: `第 ${n} 行${column}` });
      return;
    }
    out.push({ kind: 'line', text: raw.replace(MARKDOWN_HEADING, ''), where: `第 ${n} 行${column}` });
  });
  flush();
  return out;
}
