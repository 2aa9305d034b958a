/**
 * A report file is UTF-8 (with or without a byte-order mark). Anything else — Notepad's
 * "Unicode" (UTF-16 with a BOM), UTF-16 without one, UTF-32, GB18030/GBK as Windows saves
 * Chinese text by default, or bytes that are not text in any of these — gets one located
 * FILE-ENCODING error naming what was found and how to save the file as UTF-8 again.
 */
import { isUtf8 } from 'node:buffer';
import type { Diagnostic } from './diagnostic.ts';

/** The file's text, or the one diagnostic saying why it is not UTF-8. */
export type Decoded = { readonly text: string; readonly diagnostic?: undefined } | { readonly text?: undefined; readonly diagnostic: Diagnostic };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030', { fatal: true });

const VS_CODE_SAVE = '在 VS Code 中：点击窗口右下角状态栏上显示编码的地方，选“通过编码保存”（Save with Encoding），再选“UTF-8”';
const NOTEPAD_SAVE = '在记事本中：选“文件 → 另存为”，在对话框下方的“编码”中选“UTF-8”，再点“保存”';

/** How to save as UTF-8 a file whose editor shows it correctly (it was opened in its own encoding). */
const resave = (shown: string) => `请把文件另存为 UTF-8 编码后再运行：${VS_CODE_SAVE}（状态栏此时显示“${shown}”）；${NOTEPAD_SAVE}。`;

/** Line and column (1-based) of a byte offset, columns counted in characters as editors count them. */
function positionOfByte(buffer: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (buffer[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  const before = new TextDecoder('utf-8').decode(buffer.subarray(start, offset));
  return { line, column: [...before].length + 1 };
}

/**
 * Where UTF-8 decoding fails: the offset of the first byte that is not part of a well-formed
 * sequence (-1 when there is none), and how many well-formed multi-byte sequences and bad bytes
 * the file has — a UTF-8 file with a few damaged bytes has far more of the first.
 */
export function scanUtf8(buffer: Buffer): { first: number; good: number; bad: number } {
  let first = -1;
  let good = 0;
  let bad = 0;
  let i = 0;
  while (i < buffer.length) {
    const b = buffer[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= buffer.length;
    if (ok) {
      try {
        utf8.decode(buffer.subarray(i, i + len));
      } catch {
        ok = false;
      }
    }
    if (ok) {
      good++;
      i += len;
    } else {
      if (first < 0) first = i;
      bad++;
      i++;
    }
  }
  return { first, good, bad };
}

/** UTF-16 without a BOM: many NUL bytes, nearly all on the same side of each pair (ASCII text). */
function utf16WithoutBom(buffer: Buffer): 'LE' | 'BE' | undefined {
  const n = Math.min(buffer.length, 8192) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (buffer[i] === 0) (i % 2 === 0 ? even++ : odd++);
  const zeros = even + odd;
  if (zeros < Math.max(4, n / 20)) return undefined;
  if (odd >= zeros * 0.9) return 'LE';
  if (even >= zeros * 0.9) return 'BE';
  return undefined;
}

/** Decode a report file's bytes; a BOM-marked UTF-8 file keeps its BOM (the YAML readers drop it). */
export function decodeReport(buffer: Buffer, file: string): Decoded {
  const error = (line: number, column: number, message: string): Decoded => ({ diagnostic: { file, line, column, rule: 'FILE-ENCODING', severity: 'error', message } });
  const starts = (...bytes: number[]) => bytes.every((b, i) => buffer[i] === b);
  if (starts(0xff, 0xfe, 0x00, 0x00) || starts(0x00, 0x00, 0xfe, 0xff)) {
    const order = buffer[0] === 0xff ? 'LE' : 'BE';
    return error(1, 1, `文件的编码是 UTF-32 ${order}，不是 UTF-8，无法读取。${resave(`UTF-32 ${order}`)}`);
  }
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) {
    const order = buffer[0] === 0xff ? 'LE' : 'BE';
    const notepad = order === 'LE' ? '记事本中叫“Unicode”或“UTF-16 LE”' : '记事本中叫“Unicode big endian”或“UTF-16 BE”';
    return error(1, 1, `文件的编码是 UTF-16 ${order}（${notepad}），不是 UTF-8，无法读取。${resave(`UTF-16 ${order}`)}`);
  }
  const utf16 = buffer.includes(0) ? utf16WithoutBom(buffer) : undefined;
  if (utf16) {
    return error(
      1,
      1,
      `文件的编码像是不带 BOM 的 UTF-16 ${utf16}（每个字母后都有一个空字节），不是 UTF-8，无法读取。` +
        `请把文件另存为 UTF-8 编码后再运行：在 VS Code 中先点击状态栏上显示编码的地方，选“通过编码重新打开”（Reopen with Encoding）→“UTF-16 ${utf16}”，确认文字显示正常后再选“通过编码保存”→“UTF-8”；${NOTEPAD_SAVE}。`,
    );
  }
  if (isUtf8(buffer)) return { text: buffer.toString('utf8') };
  // Not well-formed UTF-8: find where, and what it is instead.
  const scan = scanUtf8(buffer);
  const { line, column } = positionOfByte(buffer, scan.first);
  let chinese = false;
  if (scan.good < scan.bad) {
    try {
      chinese = /[\u4e00-\u9fff]/.test(gb18030.decode(buffer));
    } catch {
      // Not GB18030 either.
    }
  }
  if (chinese) {
    return error(
      line,
      column,
      `文件的编码是 GB18030/GBK（Windows 中文版保存文字时常用的编码），不是 UTF-8，从第 ${line} 行第 ${column} 列起的中文无法读取。` +
        `请把文件另存为 UTF-8 编码后再运行：在 VS Code 中先点击窗口右下角状态栏上显示编码的地方，选“通过编码重新打开”（Reopen with Encoding）→“GB 18030”或“GBK”，确认中文显示正常后，再点同一处选“通过编码保存”（Save with Encoding）→“UTF-8”；` +
        `${NOTEPAD_SAVE}。`,
    );
  }
  return error(
    line,
    column,
    `文件在第 ${line} 行第 ${column} 列有不是 UTF-8 文字的字节（文件可能已损坏，或在复制、转换编码时出了错），无法读取。` +
      `请在 VS Code 中打开文件，找到这一处显示为“�”或乱码的字，照原报告重新输入，然后保存（状态栏的编码应为“UTF-8”）；若整个文件都是乱码，请从原报告重新生成这份文件。`,
  );
}
