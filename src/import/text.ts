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

/** Text → blocks. Line numbers are 1-based, as an editor shows them. */
export function textToBlocks(text: string): Block[] {
  const lines = text.replace(/^\ufeff/, '').replace(BOOKMARK, '').split(/\r\n?|\n/);
  const out: Block[] = [];
  let cells: string[] | null = null;
  let start = 0;
  const flush = (): void => {
    if (cells) out.push({ kind: 'row', cells, where: `第 ${start} 行` });
    cells = null;
  };
  lines.forEach((raw, i) => {
    const n = i + 1;
    const tabs = (raw.match(/\t/g) ?? []).length;
    if (tabs > 1 || (tabs === 1 && !raw.startsWith('\t'))) {
      // A whole row on one line, cells separated by tabs (seed 002).
      flush();
      out.push({ kind: 'row', cells: raw.split('\t'), where: `第 ${n} 行` });
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
      if (cells.length) out.push({ kind: 'row', cells, where: `第 ${n} 行` });
      return;
    }
    out.push({ kind: 'line', text: raw.replace(MARKDOWN_HEADING, ''), where: `第 ${n} 行` });
  });
  flush();
  return out;
}
