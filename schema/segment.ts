/**
 * Names that become a folder of the site: each level of 机关 › 地区 is one path segment of the
 * region pages (/regions/2020/河北省/唐山市/). A name that is not a safe folder name on every
 * system the site is built or served on is refused where it is read, with the reason.
 */

/** Longest region name accepted, in characters (the longest official names are about 15). */
export const MAX_SEGMENT_CHARS = 40;
/** Longest in UTF-8 bytes: file systems stop at 255 bytes per folder name. */
export const MAX_SEGMENT_BYTES = 160;

/** Characters Windows does not allow in a folder name. */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
/** Control, format (zero-width, direction) and separator characters, and the non-breaking spaces. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\u2000-\u200a\u202f\u205f\u180e\ufffd]/u;
/** Names Windows reserves for devices, with or without an extension; index.html is each folder's page. */
const RESERVED = /^(?:(?:con|prn|aux|nul|com\d|lpt\d)(?:\..*)?|index\.html?)$/i;

/**
 * Why `name` cannot be a folder name of the site, in Chinese (a clause ending in 。),
 * or undefined when it can. `name` is the trimmed text as validated.
 */
export function segmentProblem(name: string): string | undefined {
  if (/^\.+$/.test(name)) return `只由“.”组成，不是地名；用作网址中的一级时会指向上一级文件夹。请删去这一项，或填写这一级地区的正式名称。`;
  if (/[/\\]/.test(name)) return '含有斜杠。请把地区的每一级单独写一项，用英文逗号分隔，如 [河北省, 唐山市]，不要用斜杠连接。';
  if (INVISIBLE.test(name)) return '含有看不见的控制字符或特殊空格（多来自复制粘贴）。请删去这一项，照原报告重新输入地名。';
  if (WINDOWS_FORBIDDEN.test(name)) return '含有 < > : " | ? * 中的符号，这些符号不能用作文件夹名。请删去这些符号，或改用中文全角符号。';
  if (name.startsWith('.') || name.endsWith('.')) return '以“.”开头或结尾，这样的文件夹在一些系统中被隐藏或改名。请删去开头或结尾的“.”。';
  if (RESERVED.test(name)) return '是系统保留的文件名，不能用作文件夹名。请填写这一级地区的正式名称。';
  const chars = [...name].length;
  if (chars > MAX_SEGMENT_CHARS || Buffer.byteLength(name, 'utf8') > MAX_SEGMENT_BYTES) {
    return `太长（${chars} 个字），地区名称最多 ${MAX_SEGMENT_CHARS} 个字。请每一项只写一级地区的正式名称，如“唐山市”。`;
  }
  return undefined;
}
