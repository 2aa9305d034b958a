/**
 * XLSX (SpreadsheetML) written directly: sheets of text and numbers with a bold header row,
 * column widths and frozen panes — all the all-agency download needs. Rows are turned into
 * XML and compressed one batch at a time, so a sheet of any length is never held whole, as
 * objects or as text. exceljs's streaming writer made an object and a style lookup per cell
 * and dated its zip entries with the clock, so its output had to be unzipped and zipped
 * again: a year of 20,000 agencies took 24 s of CPU, this takes 3 s.
 */
import { SEGMENT, ZipWriter } from './zip.ts';

/**
 * A cell: text, a number, a calendar date (a Date at UTC midnight, written as a date cell
 * shown as yyyy-mm-dd), or null for an empty cell.
 */
export type Cell = string | number | Date | null;

/** One worksheet: a bold header row, then `rowCount` rows produced one at a time by `rows`. */
export interface Sheet {
  /** At most 31 characters, none of : \ / ? * [ ] (Excel's rule). */
  readonly name: string;
  readonly header: readonly string[];
  /** Width of each header column, in characters. */
  readonly widths: readonly number[];
  /** Leading columns and rows kept in view when scrolling. */
  readonly frozen?: { readonly columns: number; readonly rows: number };
  readonly rowCount: number;
  readonly rows: Iterable<readonly Cell[]>;
}

/** A workbook: its author, the date written into it and its entries, its sheets. */
export interface Workbook {
  readonly creator: string;
  readonly date: Date;
  readonly sheets: readonly Sheet[];
}

/** The most characters Excel keeps in a cell; longer text is cut there and ends with "…". */
export const MAX_CELL_TEXT = 32767;

/** Excel's last column is XFD. */
const MAX_COLUMNS = 16384;

/** The letters of a column from its 0-based index: 0 → A, 25 → Z, 26 → AA, 702 → AAA. */
export function columnName(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_COLUMNS) throw new RangeError(`no spreadsheet column ${index + 1}`);
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// Characters XML 1.0 forbids (C0 controls other than tab and line breaks, lone surrogates,
// U+FFFE/U+FFFF) are dropped, as they would make the file unreadable. A carriage return is
// written as a reference so that parsers do not turn it into a line feed. "_x" followed by
// four hex digits and "_" is how OOXML escapes characters, so a literal one has its "_" escaped.
const SPECIAL = /[&<>"\r\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]|_(?=x[0-9A-Fa-f]{4}_)/gu;
const REPLACEMENT: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;', _: '_x005F_' };

/** Text as it may stand in SpreadsheetML element content or a double-quoted attribute. */
export function xmlText(text: string): string {
  return text.replace(SPECIAL, (c) => REPLACEMENT[c] ?? '');
}

/** Text cut to what a cell holds, never inside a surrogate pair. */
function clip(text: string): string {
  if (text.length <= MAX_CELL_TEXT) return text;
  let end = MAX_CELL_TEXT - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
  return `${text.slice(0, end)}…`;
}

/** Excel's day 0 (its serial numbers count days from 1899-12-30 in the 1900 date system). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** The serial number of a date's UTC calendar day: 2020-01-01 → 43831. */
export function excelDate(date: Date): number {
  return Math.round((Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - EXCEL_EPOCH) / 86_400_000);
}

/**
 * Text a spreadsheet would read as a formula when typed (=, +, -, @ first): such a cell
 * carries the quotePrefix style, so that editing it in Excel or LibreOffice keeps it text.
 */
export const FORMULA_START = /^[=+\-@]/;

/** Style indexes in STYLES' cellXfs. */
const STYLE = { bold: ' s="1"', date: ' s="2"', quoted: ' s="3"' } as const;

/** One cell's XML; empty for null. `style` applies to text and numbers (the header's bold). */
function cellXml(ref: string, value: Cell, style: string): string {
  if (value === null) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${style}><v>${value}</v></c>`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : `<c r="${ref}"${STYLE.date}><v>${excelDate(value)}</v></c>`;
  const text = String(value);
  return `<c r="${ref}"${style || (FORMULA_START.test(text) ? STYLE.quoted : '')} t="inlineStr"><is><t xml:space="preserve">${xmlText(clip(text))}</t></is></c>`;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
/**
 * Bytes of sheet XML handed to the zip writer at a time: a little over its segment, so that
 * each piece, the largest cell aside, is a segment of its own, deflated without a copy.
 */
const CHUNK_BYTES = SEGMENT + 128 * 1024;

const ascii = (text: string): Uint8Array => Buffer.from(text, 'latin1');
const NUMBER_OPEN = ascii('"><v>');
const NUMBER_CLOSE = ascii('</v></c>');
const ROW_CLOSE = ascii('</row>');

/**
 * The rows of a sheet as UTF-8, written straight into buffers of CHUNK_BYTES: a year's sheet
 * holds some 8 million cells, and a string per cell, joined and then encoded, cost about 2 s
 * at 40,000 reports. Every byte is as `cellXml` writes it: a number cell (the most) is copied
 * from pieces encoded once — its column's `<c r="AB`, the row's number, the value's digits.
 */
class RowWriter {
  #buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  #at = 0;
  readonly #refs: readonly string[];
  readonly #cellOpen: readonly Uint8Array[];

  /** `refs`: the letters of each column. */
  constructor(refs: readonly string[]) {
    this.#refs = refs;
    this.#cellOpen = refs.map((ref) => ascii(`<c r="${ref}`));
  }

  /** Buffers filled and not yet taken. */
  readonly #full: Buffer[] = [];

  /** Room for `bytes` more: when the buffer has too little, what it holds is put aside and another begun. */
  #room(bytes: number): void {
    if (this.#at + bytes <= this.#buffer.length) return;
    if (this.#at > 0) this.#full.push(this.#buffer.subarray(0, this.#at));
    this.#buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes));
    this.#at = 0;
  }

  #put(bytes: Uint8Array): void {
    const b = this.#buffer;
    let at = this.#at;
    for (let i = 0; i < bytes.length; i++) b[at++] = bytes[i]!;
    this.#at = at;
  }

  /** Decimal digits of a safe integer, as `${n}` writes them (-0 as 0). */
  #integer(n: number): void {
    const b = this.#buffer;
    let at = this.#at;
    if (n < 0) {
      b[at++] = 45; // -
      n = -n;
    }
    const start = at;
    do {
      b[at++] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    for (let i = start, j = at - 1; i < j; i++, j--) {
      const d = b[i]!;
      b[i] = b[j]!;
      b[j] = d;
    }
    this.#at = at;
  }

  /** Write row `n` (1-based) of `row`'s cells. */
  row(n: number, row: readonly Cell[]): void {
    const rowNumber = ascii(String(n));
    const open = `<row r="${n}">`;
    this.#room(open.length);
    this.#at += this.#buffer.write(open, this.#at, 'latin1');
    for (let i = 0; i < row.length; i++) {
      const value = row[i]!;
      if (value === null) continue;
      if (typeof value === 'number' && Number.isSafeInteger(value)) {
        // <c r="AB12"><v>-9007199254740991</v></c>
        this.#room(this.#cellOpen[i]!.length + rowNumber.length + 32);
        this.#put(this.#cellOpen[i]!);
        this.#put(rowNumber);
        this.#put(NUMBER_OPEN);
        this.#integer(value);
        this.#put(NUMBER_CLOSE);
        continue;
      }
      const xml = cellXml(this.#refs[i]! + n, value, '');
      this.#room(xml.length * 3);
      this.#at += this.#buffer.write(xml, this.#at, 'utf8');
    }
    this.#room(ROW_CLOSE.length);
    this.#put(ROW_CLOSE);
  }

  /** The buffers filled since last taken; with `all`, also what the current one holds. */
  take(all = false): Buffer[] {
    if (all && this.#at > 0) {
      this.#full.push(this.#buffer.subarray(0, this.#at));
      this.#buffer = Buffer.allocUnsafe(0);
      this.#at = 0;
    }
    return this.#full.splice(0);
  }
}

/** The worksheet XML of a sheet, in pieces. */
function* sheetXml(sheet: Sheet, first: boolean): Generator<string | Buffer> {
  const width = sheet.header.length;
  const refs = sheet.header.map((_, i) => columnName(i));
  const last = `${refs.at(-1) ?? 'A'}${sheet.rowCount + 1}`;
  let head = `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:${last}"/><sheetViews><sheetView workbookViewId="0"${first ? ' tabSelected="1"' : ''}>`;
  const { columns = 0, rows = 0 } = sheet.frozen ?? {};
  if (columns > 0 || rows > 0) {
    const corner = `${columnName(columns)}${rows + 1}`;
    const pane = rows > 0 ? (columns > 0 ? 'bottomRight' : 'bottomLeft') : 'topRight';
    head += `<pane${columns > 0 ? ` xSplit="${columns}"` : ''}${rows > 0 ? ` ySplit="${rows}"` : ''} topLeftCell="${corner}" activePane="${pane}" state="frozen"/>`;
    head += `<selection pane="${pane}" activeCell="${corner}" sqref="${corner}"/>`;
  }
  head += '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>';
  if (width > 0) {
    head += '<cols>';
    for (let i = 0; i < width; ) {
      let j = i;
      while (j + 1 < width && sheet.widths[j + 1] === sheet.widths[i]) j++;
      head += `<col min="${i + 1}" max="${j + 1}" width="${sheet.widths[i] ?? 10}" customWidth="1"/>`;
      i = j + 1;
    }
    head += '</cols>';
  }
  head += '<sheetData><row r="1" s="1" customFormat="1">';
  sheet.header.forEach((h, i) => (head += cellXml(`${refs[i]}1`, h, STYLE.bold)));
  yield `${head}</row>`;

  let n = 1;
  const writer = new RowWriter(refs);
  for (const row of sheet.rows) {
    if (row.length > width) throw new RangeError(`row ${n + 1} of sheet ${sheet.name} has ${row.length} cells for ${width} columns`);
    n++;
    writer.row(n, row);
    yield* writer.take();
  }
  if (n - 1 !== sheet.rowCount) throw new RangeError(`sheet ${sheet.name} was said to have ${sheet.rowCount} rows but has ${n - 1}`);
  yield* writer.take(true);
  yield `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  // 0 plain, 1 bold (header), 2 date, 3 text kept as text (quotePrefix).
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** The XLSX file of a workbook; equal workbooks give equal bytes. */
export async function writeWorkbook(book: Workbook): Promise<Buffer> {
  for (const s of book.sheets) {
    if (!/^[^:\\/?*[\]]{1,31}$/.test(s.name) || s.name.startsWith("'") || s.name.endsWith("'")) throw new RangeError(`not a sheet name Excel accepts: ${s.name}`);
  }
  const sheets = book.sheets.map((s, i) => ({ sheet: s, part: `xl/worksheets/sheet${i + 1}.xml`, rel: `rId${i + 1}` }));
  const stylesRel = `rId${sheets.length + 1}`;
  const date = book.date.toISOString().replace(/\.\d+Z$/, 'Z');
  const creator = xmlText(book.creator);
  const zip = new ZipWriter(book.date);
  await zip.add('[Content_Types].xml', [
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheets.map((s) => `<Override PartName="/${s.part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
  ]);
  await zip.add('_rels/.rels', [
    `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="${PACKAGE_REL}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
  ]);
  await zip.add('docProps/core.xml', [
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>${creator}</dc:creator><cp:lastModifiedBy>${creator}</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified></cp:coreProperties>`,
  ]);
  await zip.add('xl/workbook.xml', [
    `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
      sheets.map((s, i) => `<sheet name="${xmlText(s.sheet.name)}" sheetId="${i + 1}" r:id="${s.rel}"/>`).join('') +
      '</sheets></workbook>',
  ]);
  await zip.add('xl/_rels/workbook.xml.rels', [
    `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL}">` +
      sheets.map((s) => `<Relationship Id="${s.rel}" Type="${REL}/worksheet" Target="${s.part.slice('xl/'.length)}"/>`).join('') +
      `<Relationship Id="${stylesRel}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  ]);
  await zip.add('xl/styles.xml', [STYLES]);
  for (const [i, s] of sheets.entries()) await zip.add(s.part, sheetXml(s.sheet, i === 0));
  return zip.finish();
}
