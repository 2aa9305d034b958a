/**
 * HTML as government sites publish reports: paragraphs of text and tables with
 * rowspan/colspan. Each <tr> becomes a row of the cells it holds (a merged cell appears in
 * the first row it spans), as Word's text export gives them.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Block } from './blocks.ts';

/** Elements that end a line of text. */
const BLOCK = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'section', 'article', 'blockquote', 'pre', 'header', 'footer', 'main', 'ul', 'ol', 'dl', 'dt', 'dd', 'center', 'body', 'html', 'caption', 'figure', 'figcaption']);
const LAYOUT = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object']);

const isElement = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

/** The text of a cell, line breaks kept where <br> and paragraphs put them. */
function cellText(el: Element): string {
  let out = '';
  const walk = (n: AnyNode): void => {
    if (n.type === 'text') out += (n as unknown as { data: string }).data.replace(/\s+/g, ' ');
    else if (isElement(n)) {
      if (SKIP.has(n.name)) return;
      if (n.name === 'br') out += '\n';
      const block = BLOCK.has(n.name) || n.name === 'tr';
      if (block && out && !out.endsWith('\n')) out += '\n';
      n.children.forEach(walk);
      if (block && out && !out.endsWith('\n')) out += '\n';
    }
  };
  el.children.forEach(walk);
  return out.replace(/&nbsp;|\u00a0/g, ' ').trim();
}

/** HTML → blocks. Rows are located as 第 N 个表格第 M 行, text as 第 N 段. */
export function htmlToBlocks(html: string): Block[] {
  const $ = cheerio.load(html);
  const out: Block[] = [];
  let line = '';
  let paragraphs = 0;
  let tables = 0;
  const flush = (): void => {
    const t = line.replace(/\u00a0/g, ' ').trim();
    if (t) out.push({ kind: 'line', text: t, where: `第 ${++paragraphs} 段` });
    line = '';
  };
  const table = (el: Element): void => {
    const n = ++tables;
    let r = 0;
    // Rows of this table only, not of tables nested in its cells.
    $(el)
      .find('tr')
      .filter((_, tr) => $(tr).closest('table')[0] === el)
      .each((_, tr) => {
        r++;
        const cells = $(tr)
          .children('td, th')
          .toArray()
          .map((c) => cellText(c));
        if (cells.length) out.push({ kind: 'row', cells, where: `第 ${n} 个表格第 ${r} 行` });
      });
  };
  const walk = (n: AnyNode): void => {
    if (n.type === 'text') {
      line += (n as unknown as { data: string }).data.replace(/\s+/g, ' ');
      return;
    }
    if (!isElement(n) || SKIP.has(n.name)) return;
    if (n.name === 'table' && $(n).find('table').length === 0) {
      flush();
      table(n);
      return;
    }
    if (n.name === 'br') {
      flush();
      return;
    }
    // Tables that hold tables lay out the page (common in government CMS pages): their
    // cells are read as running text, the tables inside them as tables.
    const block = BLOCK.has(n.name) || LAYOUT.has(n.name);
    if (block) flush();
    n.children.forEach(walk);
    if (block) flush();
  };
  $.root().children().toArray().forEach(walk);
  flush();
  return out;
}
