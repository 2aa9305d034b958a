/** `nianbao import <文件或目录…>`: published reports (text, HTML, Word, PDF) → report YAML. */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EDITION_IDS, type EditionId } from '../../schema/editions/index.ts';
import { LEVELS } from '../../schema/report.ts';
import type { ImportOptions } from '../import/index.ts';
import { type Command, parseOptions, UsageError } from './command.ts';

/** Options after checking them; every mistake is a UsageError in Chinese. */
function options(raw: ReturnType<typeof parse>): ImportOptions {
  const out: { -readonly [K in keyof ImportOptions]: ImportOptions[K] } = {};
  if (raw.edition !== undefined) {
    const e = Number(raw.edition);
    if (!EDITION_IDS.includes(e as EditionId)) throw new UsageError(`--edition 只能是 ${EDITION_IDS.join(' 或 ')}，不能是“${raw.edition}”。`);
    out.edition = e as EditionId;
  }
  if (raw.year !== undefined) {
    if (!/^\d{4}$/.test(raw.year)) throw new UsageError(`--year 应为四位年份，如 2020，不能是“${raw.year}”。`);
    out.year = Number(raw.year);
  }
  if (raw.id !== undefined) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(raw.id)) throw new UsageError(`--id 只能用小写英文字母、数字和“-”，如 luanzhou-leizhuang，不能是“${raw.id}”。`);
    out.id = raw.id;
  }
  if (raw.region !== undefined) {
    const parts = raw.region.split(/[/／]/).map((p) => p.trim());
    if (parts.some((p) => p === '')) throw new UsageError(`--region 写作 省/市/县/乡，如 河北省/唐山市/滦州市/雷庄镇，不能是“${raw.region}”。`);
    out.region = parts;
  }
  if (raw.level !== undefined) {
    if (!(LEVELS as readonly string[]).includes(raw.level)) throw new UsageError(`--level 只能是 ${LEVELS.join('、')}，不能是“${raw.level}”。`);
    out.level = raw.level as (typeof LEVELS)[number];
  }
  return out;
}

const SPEC = { out: 'string', id: 'string', region: 'string', level: 'string', year: 'string', edition: 'string' } as const;
const parse = (args: readonly string[]) => parseOptions(args, SPEC);

/** Write a file; a failure is a message for the clerk, not a crash. */
async function save(dest: string, text: string): Promise<boolean> {
  try {
    await writeFile(dest, text);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '所在的目录不存在' : code === 'EACCES' || code === 'EPERM' ? '没有写入权限' : code === 'EISDIR' ? '这是一个目录' : String(code ?? e);
    console.error(`无法写入 ${dest}：${why}。`);
    return false;
  }
}

/** Files to import under a directory, in name order. */
async function filesIn(dir: string, formats: readonly string[]): Promise<string[]> {
  const names = (await readdir(dir)).sort();
  return names.filter((n) => formats.includes(path.extname(n).toLowerCase())).map((n) => path.join(dir, n));
}

/** The `import` subcommand. */
export const importCommand: Command = {
  name: 'import',
  summary: '导入已发布的年度报告（文本、网页、Word、PDF），生成报告 YAML 供核对',
  usage: [
    'nianbao import <文件或目录> [-o 输出] [--id 机关标识] [--region 省/市/县/乡] [--level 乡级] [--year 2020] [--edition 2019|2021]',
    '',
    '  -o, --out    输出的 YAML 文件（默认输出到屏幕）；导入目录时为存放 YAML 的目录（必填）',
    '  --id         机关标识，如 luanzhou-leizhuang（不填则留空，由经办人填写）',
    '  --region     地区，从省级写起，用“/”分隔，如 河北省/唐山市/滦州市/雷庄镇',
    `  --level      层级：${LEVELS.join('、')}`,
    '  --year       报告年度（原文标题没有写明年度时使用）',
    '  --edition    表格格式版本 2019 或 2021（默认根据表二的栏目判断）',
    '',
    '可导入：.txt（UTF-8 或 GB18030）、.html/.htm、.docx、.pdf。摘要、警告和错误写到标准错误输出。',
  ].join('\n'),
  async run(args) {
    const expanded = args.map((a) => (a === '-o' ? '--out' : a));
    const raw = parse(expanded);
    const opts = options(raw);
    if (raw._.length !== 1) throw new UsageError(raw._.length ? '一次只能导入一个文件或一个目录。' : '请给出要导入的文件或目录。');
    const target = raw._[0]!;
    let isDir = false;
    try {
      isDir = (await stat(target)).isDirectory();
    } catch {
      console.error(`${target}：文件不存在。`);
      return 1;
    }
    // The readers (Word, PDF, HTML) are loaded by this command alone.
    const { FORMATS, importFile, summaryOf } = await import('../import/index.ts');
    if (!isDir) {
      const result = await importFile(target, opts);
      console.error(summaryOf(result));
      if (!result.yaml) return 1;
      if (!raw.out) {
        process.stdout.write(result.yaml);
        return 0;
      }
      return (await save(raw.out, result.yaml)) ? 0 : 1;
    }
    if (opts.id) throw new UsageError('导入目录时不能使用 --id：每份报告的机关标识不同，请导入后逐一填写。');
    if (!raw.out) throw new UsageError('导入目录时请用 -o 指定存放 YAML 文件的目录。');
    const files = await filesIn(target, FORMATS);
    if (!files.length) {
      console.error(`${target}：目录中没有可导入的文件（${FORMATS.join(' ')}）。`);
      return 1;
    }
    try {
      await mkdir(raw.out, { recursive: true });
    } catch {
      console.error(`无法创建输出目录 ${raw.out}。`);
      return 1;
    }
    let failed = 0;
    for (const file of files) {
      const result = await importFile(file, opts);
      console.error(summaryOf(result));
      if (!result.yaml) {
        failed++;
        continue;
      }
      const name = `${path.basename(file, path.extname(file))}.yaml`;
      const dest = path.join(raw.out, name);
      if (!(await save(dest, result.yaml))) {
        failed++;
        continue;
      }
      console.error(`  已写入 ${dest}`);
    }
    console.error(`\n共 ${files.length} 个文件：${files.length - failed} 个导入成功，${failed} 个未能导入。`);
    return failed ? 1 : 0;
  },
};
