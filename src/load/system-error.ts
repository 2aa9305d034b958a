/**
 * Errors of the operating system (ENOENT, EACCES, EISDIR …) in Chinese: what could not be done
 * to which path, why, and what to do — never Node's English text.
 */

/** Why, by error code, and what to do. */
const REASONS: Record<string, string> = {
  ENOENT: '文件或文件夹不存在。请检查路径是否写对',
  EISDIR: '这是一个文件夹，不是文件。请写出文件夹中某个 .yaml 文件的路径，或写文件夹本身以处理其中全部报告',
  ENOTDIR: '路径中间的某一级是文件，不是文件夹。请检查路径是否写对',
  EACCES: '没有读写权限。请检查这个文件或文件夹的权限，或换一个有权限的位置',
  EPERM: '操作系统不允许这一操作（文件可能被设为只读，或正被其他程序占用）。请关闭占用它的程序后重试',
  EROFS: '所在的磁盘是只读的。请换一个可以写入的位置',
  ENOSPC: '磁盘空间已满。请清理磁盘后重试',
  EDQUOT: '磁盘配额已用完。请清理后重试',
  EMFILE: '同时打开的文件太多。请稍后重试',
  ENFILE: '同时打开的文件太多。请稍后重试',
  ENAMETOOLONG: '文件名或路径太长。请缩短文件名或换一个层级较浅的位置',
  EEXIST: '已经有同名的文件或文件夹。请先把它改名或移走',
  ENOTEMPTY: '文件夹不是空的。请先把它改名或移走',
  ELOOP: '符号链接指向了自己（循环）。请检查这个链接',
  EBUSY: '文件正被其他程序占用。请关闭占用它的程序后重试',
  EIO: '读写磁盘时出错，磁盘可能有故障。请检查磁盘后重试',
  EINVAL: '路径中含有不允许的字符。请检查路径',
};

/** What was being done, by system call. */
const ACTIONS: Record<string, string> = {
  open: '打开', read: '读取', write: '写入', scandir: '读取文件夹', opendir: '读取文件夹', stat: '访问', lstat: '访问',
  mkdir: '创建文件夹', rename: '移动', unlink: '删除', rmdir: '删除文件夹', rm: '删除', copyfile: '复制', symlink: '创建链接', utime: '修改',
};

/** The Chinese sentence for an operating-system error, or undefined when `e` is not one; `file` when the error names none. */
export function systemErrorMessage(e: unknown, file?: string): string | undefined {
  const err = e as NodeJS.ErrnoException | null;
  const code = err && typeof err === 'object' ? err.code : undefined;
  if (typeof code !== 'string' || !(code in REASONS)) return undefined;
  const action = (err!.syscall && ACTIONS[err!.syscall]) || '处理';
  const where = err!.path ?? file;
  const target = where ? `「${where}」` : '文件';
  const dest = (err as { dest?: string }).dest ? `到「${(err as { dest?: string }).dest}」` : '';
  return `无法${action}${target}${dest}：${REASONS[code]}。（错误代码 ${code}）`;
}
