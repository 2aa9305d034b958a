/** Word (.docx) → HTML with mammoth, the well-kept converter, then the HTML path. */
import mammoth from 'mammoth';
import { type Block, ImportError } from './blocks.ts';
import { htmlToBlocks } from './html.ts';

/** A .docx file's bytes → blocks. A file that is not a Word document is an ImportError. */
export async function docxToBlocks(bytes: Uint8Array): Promise<Block[]> {
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }));
  } catch {
    throw new ImportError('无法打开这个 Word 文件：它不是有效的 .docx 文件（可能已损坏，或是旧版 .doc 另存的扩展名）。请用 Word 打开后“另存为” .docx 再导入。');
  }
  return htmlToBlocks(html);
}
