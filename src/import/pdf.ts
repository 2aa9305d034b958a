/**
 * PDF → blocks. Text comes with positions from pdfjs-dist; tables are rebuilt from the
 * ruling lines the PDF draws (a "lattice"): horizontal lines cut the table into rows,
 * vertical lines into cells, and a cell whose top line is missing continues the cell
 * above (rowspan), whose side line is missing spans the next (colspan). Each text item
 * goes into the cell it sits in, so a table comes out row by row whatever order the
 * PDF stores its text in. Text outside tables is rejoined into paragraphs.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Block } from './blocks.ts';
import { ImportError } from './blocks.ts';
import { looksLikeValue } from './cell-value.ts';

type Matrix = readonly [number, number, number, number, number, number];

/** A text item in page space (y upwards). */
export interface Item {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly str: string;
}

/** A ruling line, normalised so x1 ≤ x2 and y1 ≤ y2. */
export interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

interface Cell {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  bottom: number;
  readonly band: number;
  readonly items: Item[];
}

/** Lines closer than this (points) are the same line. */
const SNAP = 1.5;

/** Point transformed by a PDF matrix. */
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** `inner` then `outer`, as PDF's cm operator concatenates. */
const compose = (inner: Matrix, outer: Matrix): Matrix => [
  inner[0] * outer[0] + inner[1] * outer[2],
  inner[0] * outer[1] + inner[1] * outer[3],
  inner[2] * outer[0] + inner[3] * outer[2],
  inner[2] * outer[1] + inner[3] * outer[3],
  inner[4] * outer[0] + inner[5] * outer[2] + outer[4],
  inner[4] * outer[1] + inner[5] * outer[3] + outer[5],
];

/** Coordinates each path operator consumes. */
const ARITY = new Map<number, number>([
  [OPS.moveTo, 2],
  [OPS.lineTo, 2],
  [OPS.curveTo, 6],
  [OPS.curveTo2, 4],
  [OPS.curveTo3, 4],
  [OPS.closePath, 0],
  [OPS.rectangle, 4],
]);

const STROKES = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const FILLS = new Set<number>([OPS.fill, OPS.eoFill]);

/** The straight horizontal and vertical lines a page draws (table rulings), in page space. */
function rulings(fnArray: readonly number[], argsArray: readonly unknown[]): { hs: Segment[]; vs: Segment[] } {
  const hs: Segment[] = [];
  const vs: Segment[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let path: { segs: [number, number, number, number][]; rects: [number, number, number, number][] } = { segs: [], rects: [] };
  const add = (xa: number, ya: number, xb: number, yb: number): void => {
    const s = { x1: Math.min(xa, xb), y1: Math.min(ya, yb), x2: Math.max(xa, xb), y2: Math.max(ya, yb) };
    if (s.y2 - s.y1 < 0.8 && s.x2 - s.x1 > 2) hs.push(s);
    else if (s.x2 - s.x1 < 0.8 && s.y2 - s.y1 > 2) vs.push(s);
  };
  fnArray.forEach((fn, i) => {
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && Array.isArray(args) && args.length === 6) ctm = compose(args as unknown as Matrix, ctm);
    else if (fn === OPS.constructPath && Array.isArray(args) && Array.isArray(args[0]) && Array.isArray(args[1])) {
      const ops = args[0] as number[];
      const coords = args[1] as number[];
      let k = 0;
      let cur: [number, number] | null = null;
      let start: [number, number] | null = null;
      for (const op of ops) {
        const n = ARITY.get(op) ?? 0;
        const c = coords.slice(k, k + n);
        k += n;
        if (op === OPS.moveTo) cur = start = apply(ctm, c[0]!, c[1]!);
        else if (op === OPS.lineTo) {
          const p = apply(ctm, c[0]!, c[1]!);
          if (cur) path.segs.push([cur[0], cur[1], p[0], p[1]]);
          cur = p;
        } else if (op === OPS.closePath) {
          if (cur && start) path.segs.push([cur[0], cur[1], start[0], start[1]]);
          cur = start;
        } else if (op === OPS.rectangle) {
          const [x, y, w, h] = c as [number, number, number, number];
          const a = apply(ctm, x, y);
          const b = apply(ctm, x + w, y + h);
          path.rects.push([a[0], a[1], b[0], b[1]]);
        } else if (n >= 2) cur = apply(ctm, c[n - 2]!, c[n - 1]!);
      }
    } else if (STROKES.has(fn) || FILLS.has(fn) || fn === OPS.endPath) {
      if (STROKES.has(fn)) {
        for (const s of path.segs) add(...s);
        for (const [xa, ya, xb, yb] of path.rects) {
          add(xa, ya, xb, ya);
          add(xa, yb, xb, yb);
          add(xa, ya, xa, yb);
          add(xb, ya, xb, yb);
        }
      } else if (FILLS.has(fn)) {
        // Some producers draw rulings as thin filled rectangles.
        for (const [xa, ya, xb, yb] of path.rects) {
          if (Math.abs(yb - ya) < 2.5) add(xa, (ya + yb) / 2, xb, (ya + yb) / 2);
          else if (Math.abs(xb - xa) < 2.5) add((xa + xb) / 2, ya, (xa + xb) / 2, yb);
        }
      }
      path = { segs: [], rects: [] };
    }
  });
  return { hs, vs };
}

/** Sorted distinct values, merging those within SNAP. */
function distinct(values: number[], descending = false): number[] {
  const sorted = [...values].sort((a, b) => (descending ? b - a : a - b));
  const out: number[] = [];
  for (const v of sorted) if (!out.length || Math.abs(v - out[out.length - 1]!) > SNAP) out.push(v);
  return out;
}

/** Text of items read top to bottom, left to right; a wide gap within a line is a space. */
function textOf(items: readonly Item[]): string {
  const lines: Item[][] = [];
  for (const it of [...items].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines.find((l) => Math.abs(l[0]!.y - it.y) <= Math.max(2, it.h * 0.3));
    if (line) line.push(it);
    else lines.push([it]);
  }
  return lines
    .map((l) =>
      l
        .sort((a, b) => a.x - b.x)
        .map((it, i) => (i > 0 && it.x - (l[i - 1]!.x + l[i - 1]!.w) > Math.max(it.h, 4) * 0.6 ? ` ${it.str}` : it.str))
        .join(''),
    )
    .join('\n');
}

/** A visual line's items split where the gap is wider than two characters. */
function splitAtGaps(line: readonly Item[]): string[] {
  const out: Item[][] = [];
  for (const it of line) {
    const run = out[out.length - 1];
    const prev = run?.[run.length - 1];
    if (run && prev && it.x - (prev.x + prev.w) <= Math.max(it.h, 4) * 2) run.push(it);
    else out.push([it]);
  }
  return out.map((run) => textOf(run));
}

/** A page laid out: table rows and text lines with their top, for reading order. */
export interface PageBlock {
  readonly top: number;
  readonly block: { kind: 'row'; cells: string[] } | { kind: 'line'; x: number; right: number; text: string; size: number };
}

/** One page → table rows and text lines, top to bottom. */
/** Where a page sits in its document: its number (1-based) and width in points, for telling page numbers from cells. */
export interface PageInfo {
  readonly index: number;
  readonly width: number;
}

export function layoutPage(items: readonly Item[], hs: readonly Segment[], vs: readonly Segment[], info?: PageInfo): PageBlock[] {
  const ys = distinct(hs.map((s) => s.y1), true);
  const cells: Cell[] = [];
  const bandCells: Cell[][] = [];
  for (let b = 0; b + 1 < ys.length; b++) {
    const top = ys[b]!;
    const bottom = ys[b + 1]!;
    const mid = (top + bottom) / 2;
    const xs = distinct(vs.filter((v) => v.y1 - SNAP <= mid && mid <= v.y2 + SNAP).map((v) => v.x1));
    const row: Cell[] = [];
    bandCells.push(row);
    if (xs.length < 2 || top - bottom < 3) continue;
    for (let j = 0; j + 1 < xs.length; j++) {
      const left = xs[j]!;
      const right = xs[j + 1]!;
      if (right - left < 2) continue;
      const cx = (left + right) / 2;
      const ruled = hs.some((h) => Math.abs(h.y1 - top) <= SNAP && h.x1 - SNAP <= cx && cx <= h.x2 + SNAP);
      const above = b > 0 ? cells.find((c) => c.band < b && Math.abs(c.bottom - top) <= SNAP && c.left - SNAP <= cx && cx <= c.right + SNAP) : undefined;
      if (!ruled && above) {
        // No line between this band and the cell above: a merged (rowspan) cell.
        above.bottom = bottom;
        continue;
      }
      const cell: Cell = { left, right, top, bottom, band: b, items: [] };
      cells.push(cell);
      row.push(cell);
    }
  }
  const loose: Item[] = [];
  for (const it of items) {
    const cx = it.x + it.w / 2;
    const cy = it.y + it.h * 0.35;
    const cell = cells.find((c) => c.left <= cx && cx <= c.right && c.bottom <= cy && cy <= c.top);
    if (cell) cell.items.push(it);
    else loose.push(it);
  }
  const out: PageBlock[] = [];
  bandCells.forEach((row) => {
    if (row.length) out.push({ top: row[0]!.top, block: { kind: 'row', cells: row.sort((a, b) => a.left - b.left).map((c) => textOf(c.items)) } });
  });
  const lines: Item[][] = [];
  for (const it of [...loose].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines.find((l) => Math.abs(l[0]!.y - it.y) <= 2.5);
    if (line) line.push(it);
    else lines.push([it]);
  }
  for (const l of lines) {
    l.sort((a, b) => a.x - b.x);
    // Numbers set closer than the gap between cells are still separate cells ("0 0 0 0 0 0").
    const cellsByGap = splitAtGaps(l).flatMap((run) => {
      const words = run.split(/\s+/).filter((w) => w !== '');
      return words.length > 1 && words.every((w) => looksLikeValue(w)) ? words : [run];
    });
    if (cellsByGap.length >= 2 && cellsByGap.some((c) => looksLikeValue(c))) {
      // A table drawn without ruling lines: cells are the runs of text between wide gaps.
      out.push({ top: l[0]!.y + l[0]!.h, block: { kind: 'row', cells: cellsByGap } });
      continue;
    }
    const text = textOf(l).replace(/\n/g, '');
    const last = l[l.length - 1]!;
    out.push({ top: l[0]!.y + l[0]!.h, block: { kind: 'line', x: l[0]!.x, right: last.x + last.w, text, size: Math.max(...l.map((i) => i.h)) } });
  }
  out.sort((a, b) => b.top - a.top);
  // Page numbers are the page's first or last line: "- 3 -", "第 3 页", or the page's own number
  // centred on the page. Any other bare number is a cell of a table printed without rulings.
  const pageNumber = (b: PageBlock | undefined): boolean => {
    if (b?.block.kind !== 'line') return false;
    const t = b.block.text.trim();
    if (/^[-—–]\s*\d{1,4}\s*[-—–]$/.test(t) || /^第\s*\d+\s*页/.test(t)) return true;
    if (!info || !/^\d{1,4}$/.test(t) || Number(t) !== info.index) return false;
    const centre = (b.block.x + b.block.right) / 2;
    return Math.abs(centre - info.width / 2) < info.width * 0.1;
  };
  if (pageNumber(out[out.length - 1])) out.pop();
  if (pageNumber(out[0])) out.shift();
  return out;
}

const NO_TEXT = '这个 PDF 没有可提取的文字（可能是扫描的图片）。请使用含文字的 PDF、Word 或网页版本导入。';

/** One page as read: its text items and ruling lines, in page space. */
export interface PageText {
  readonly index: number;
  readonly width: number;
  readonly items: readonly Item[];
  readonly hs: readonly Segment[];
  readonly vs: readonly Segment[];
}

/**
 * The widest band of the page's middle (30–70 % of its width) that no text item and no
 * horizontal ruling crosses, with text on both sides of it; undefined when there is none.
 * Returns the band's middle x, in points.
 */
function pageGutter(p: PageText): number | undefined {
  const spans = [...p.items.map((i) => [i.x, i.x + i.w] as const), ...p.hs.map((h) => [h.x1, h.x2] as const)].sort((a, b) => a[0] - b[0]);
  const lo = p.width * 0.3;
  const hi = p.width * 0.7;
  let best: { from: number; to: number } | undefined;
  let reach = -Infinity;
  for (const [a, b] of spans) {
    const from = Math.max(reach, lo);
    const to = Math.min(a, hi);
    if (to - from >= 8 && (!best || to - from > best.to - best.from)) best = { from, to };
    reach = Math.max(reach, b);
  }
  if (reach < hi && hi - Math.max(reach, lo) >= 8) {
    const from = Math.max(reach, lo);
    if (!best || hi - from > best.to - best.from) best = { from, to: hi };
  }
  if (!best) return undefined;
  const x = (best.from + best.to) / 2;
  const lines = (side: (i: Item) => boolean) => new Set(p.items.filter(side).map((i) => Math.round(i.y))).size;
  return lines((i) => i.x + i.w <= x) >= 3 && lines((i) => i.x >= x) >= 3 ? x : undefined;
}

/**
 * Where every page splits into two columns (a comparison export printing two reports side by
 * side): the first page has a gutter, and every other page has one within 15 points of it or text
 * on one side of it only. Undefined for a page in one column, the usual report.
 */
export function columnGutter(pages: readonly PageText[]): number | undefined {
  const first = pages.find((p) => p.items.length);
  const x = first && pageGutter(first);
  if (x === undefined) return undefined;
  for (const p of pages) {
    if (!p.items.length || p === first) continue;
    const g = pageGutter(p);
    if (g !== undefined && Math.abs(g - x) <= 15) continue;
    const crosses = p.items.some((i) => i.x < x && x < i.x + i.w) || p.hs.some((h) => h.x1 < x - SNAP && x + SNAP < h.x2);
    if (crosses) return undefined;
  }
  return x;
}

/** The part of a page between two x positions: the items whose middle falls there and the rulings inside. */
function clip(p: PageText, from: number, to: number): PageText {
  const inside = (a: number, b: number) => a >= from - SNAP && b <= to + SNAP;
  return { ...p, items: p.items.filter((i) => i.x + i.w / 2 >= from && i.x + i.w / 2 < to), hs: p.hs.filter((h) => inside(h.x1, h.x2)), vs: p.vs.filter((v) => inside(v.x1, v.x2)) };
}

/**
 * A PDF file's bytes → blocks, located by page. Text lines are rejoined into paragraphs. Pages
 * set in two columns (`columnGutter`) are read column by column: the left through every page, then the right.
 */
export async function pdfToBlocks(bytes: Uint8Array): Promise<Block[]> {
  let doc;
  try {
    doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
  } catch {
    throw new ImportError('无法打开这个 PDF 文件：文件已损坏、加密，或不是 PDF。');
  }
  try {
    const read: PageText[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const raw of content.items) {
        if (!('str' in raw) || raw.str.trim() === '') continue;
        const t = raw.transform as number[];
        items.push({ x: t[4]!, y: t[5]!, w: raw.width, h: raw.height || Math.abs(t[3]!) || 10, str: raw.str });
      }
      const ops = await page.getOperatorList();
      read.push({ index: p, width: page.getViewport({ scale: 1 }).width, items, ...rulings(ops.fnArray, ops.argsArray) });
      page.cleanup();
    }
    const layout = (pages: readonly PageText[]) => pages.map((p) => ({ page: p.index, blocks: layoutPage(p.items, p.hs, p.vs, { index: p.index, width: p.width }) }));
    const gutter = columnGutter(read);
    if (gutter !== undefined) {
      // Two columns on every page (two reports side by side): the left column read through, then the right.
      const left = layout(read.map((p) => clip(p, -Infinity, gutter)));
      const right = layout(read.map((p) => clip(p, gutter, Infinity)));
      if (!left.some((p) => p.blocks.length) && !right.some((p) => p.blocks.length)) throw new ImportError(NO_TEXT);
      return [...paragraphs(left, '左栏'), ...paragraphs(right, '右栏')];
    }
    const pages = layout(read);
    if (!pages.some((p) => p.blocks.length)) throw new ImportError(NO_TEXT);
    return paragraphs(pages);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(`无法读取这个 PDF 文件的内容：${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await doc.destroy();
  }
}

/**
 * Rejoin wrapped lines: a line starts a paragraph when it is indented, when the line
 * before ended short of the right margin, or after a table; otherwise it continues.
 */
function paragraphs(pages: readonly { page: number; blocks: PageBlock[] }[], column = ''): Block[] {
  const lines = pages.flatMap((p) => p.blocks.flatMap((b) => (b.block.kind === 'line' ? [b.block] : [])));
  const left = lines.length ? Math.min(...lines.map((l) => l.x)) : 0;
  const right = lines.length ? Math.max(...lines.map((l) => l.right)) : 0;
  const out: Block[] = [];
  let open: { text: string; where: string; lastRight: number; size: number } | null = null;
  const flush = (): void => {
    if (open) out.push({ kind: 'line', text: open.text, where: open.where });
    open = null;
  };
  for (const { page, blocks } of pages) {
    for (const [k, { block }] of blocks.entries()) {
      // The k-th visual line of the page, counted from its top as a reader counts them.
      const where = `第 ${page} 页${column}第 ${k + 1} 行`;
      if (block.kind === 'row') {
        flush();
        out.push({ kind: 'row', cells: block.cells, where });
        continue;
      }
      const o = open as { text: string; where: string; lastRight: number; size: number } | null;
      const indented = block.x > left + block.size * 0.8;
      const endedShort = o !== null && o.lastRight < right - o.size * 1.5;
      // A numbered heading ("二、…", "（一）…") or a line in another type size starts a paragraph.
      const numbered = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])/.test(block.text);
      const resized = o !== null && Math.abs(o.size - block.size) > 1;
      if (o && !indented && !endedShort && !numbered && !resized) {
        o.text += block.text;
        o.lastRight = block.right;
        continue;
      }
      flush();
      open = { text: block.text, where, lastRight: block.right, size: block.size };
    }
  }
  flush();
  return out;
}
