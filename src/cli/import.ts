/** `nianbao import <文件或目录…>`: published reports (text, HTML, Word, PDF) → report YAML. */
import { existsSync } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EDITION_IDS, type EditionId } from '../../schema/editions/index.ts';
import { LEVELS } from '../../schema/report.ts';
import type { ImportOptions, ImportResult } from '../import/index.ts';
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

const SPEC = { out: 'string', id: 'string', region: 'string', level: 'string', year: 'string', edition: 'string', force: 'boolean' } as const;
const parse = (args: readonly string[]) => parseOptions(args, SPEC);

/** Write a file; a failure is a message for the clerk, not a crash. */
async function save(dest: string, text: string): Promise<boolean> {
  try {
    await mkdir(path.dirname(dest), { recursive: true });
    await writeFile(dest, text);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '所在的目录不存在' : code === 'EACCES' || code === 'EPERM' ? '没有写入权限' : code === 'EISDIR' ? '这是一个目录' : String(code ?? e);
    console.error(`无法写入 ${dest}：${why}。`);
    return false;
  }
}

/**
 * Files under a directory and its subfolders (an operator's back years sit in folders per year or
 * county), in name order folder by folder: those in a format import reads, and the others, which
 * are skipped. Hidden files and folders (.git, .DS_Store) and the output folder are passed over.
 */
async function filesIn(dir: string, formats: readonly string[], exclude: string): Promise<{ files: string[]; skipped: string[] }> {
  const files: string[] = [];
  const skipped: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = (await readdir(d, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (path.resolve(p) !== exclude) await walk(p);
      } else if (formats.includes(path.extname(e.name).toLowerCase())) files.push(p);
      else if (e.isFile()) skipped.push(p);
    }
  };
  await walk(dir);
  return { files, skipped };
}

/** What each status is called in the batch table. */
const STATUS_NAME = { complete: '完成', draft: '草稿待核对', refused: '未导入' } as const;

/**
 * The batch table: one line per file (placed / unfilled / guessed / refused), one per file skipped
 * (not in a format import reads), and a total line. Files are named by their path under `base`.
 */
export function batchTable(results: readonly ImportResult[], skipped: readonly string[] = [], base?: string): string {
  const name = (f: string) => (base ? path.relative(base, f) : path.basename(f));
  // A file not imported shows why, in a few words, where the others show their count.
  const why = (r: ImportResult) => {
    const m = r.issues.find((i) => i.severity === 'error')?.message ?? '';
    return m.length > 28 ? `${m.slice(0, 28)}…` : m;
  };
  const rows = results.map((r) => [name(r.file), STATUS_NAME[r.status], r.counts ? `${r.counts.placed}/${r.counts.cells}` : '—', r.counts ? String(r.counts.unfilled) : '—', r.counts ? String(r.counts.guessed) : '—', r.status === 'refused' ? why(r) : String(r.issues.filter((i) => i.severity === 'error').length)]);
  for (const f of skipped) rows.push([name(f), '跳过', '—', '—', '—', `不是可导入的格式（${path.extname(f) || '无扩展名'}）`]);
  const head = ['文件', '结果', '已填入', '留空', '推断', '未能导入的行或格'];
  const sum = (f: (r: ImportResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const total = ['合计', `完成 ${results.filter((r) => r.status === 'complete').length}，草稿 ${results.filter((r) => r.status === 'draft').length}，未导入 ${results.filter((r) => r.status === 'refused').length}${skipped.length ? `，跳过 ${skipped.length}` : ''}`, `${sum((r) => r.counts?.placed ?? 0)}/${sum((r) => r.counts?.cells ?? 0)}`, String(sum((r) => r.counts?.unfilled ?? 0)), String(sum((r) => r.counts?.guessed ?? 0)), String(sum((r) => r.issues.filter((i) => i.severity === 'error').length))];
  const all = [head, ...rows, total];
  // Width as a terminal shows it: CJK characters take two columns.
  const width = (t: string) => [...t].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = head.map((_, i) => Math.max(...all.map((row) => width(row[i]!))));
  const line = (row: readonly string[]) => row.map((cell, i) => cell + ' '.repeat(widths[i]! - width(cell))).join('  ').trimEnd();
  return [line(head), ...rows.map(line), line(total)].join('\n');
}

/** The `import` subcommand. */
export const importCommand: Command = {
  name: 'import',
  summary: '导入已发布的年度报告（文本、网页、Word、PDF），生成报告 YAML 供核对',
  usage: [
    'nianbao import <文件或目录> [-o 输出] [--id 机关标识] [--region 省/市/县/乡] [--level 乡级] [--year 2020] [--edition 2019|2021]',
    '',
    '  -o, --out    输出的 YAML 文件（默认输出到屏幕）；导入目录时为存放 YAML 的目录（必填，子目录结构照原样）',
    '  --id         机关标识，如 luanzhou-leizhuang（不填则留空，由经办人填写）',
    '  --region     地区，从省级写起，用“/”分隔，如 河北省/唐山市/滦州市/雷庄镇',
    `  --level      层级：${LEVELS.join('、')}`,
    '  --year       报告年度（原文标题没有写明年度时使用）；原文是两年报告并排的对照版时，导入这一年（默认导入较晚的一年）',
    '  --edition    表格格式版本 2019 或 2021（默认根据表二的栏目判断）',
    '  --force      输出文件已存在时覆盖它（默认不覆盖，以免冲掉已核对的草稿）',
    '',
    '可导入：.txt/.md（UTF-8 或 GB18030）、.html/.htm、.docx、.pdf。摘要、警告和错误写到标准错误输出。',
    '只要原文是一份年度报告，就写出草稿：能对应的格子都已填入，对应不上的留空，原文写在旁边的注释里。',
    '',
    '退出码：0 = 导入完成（每一格都按原文行名填入）；1 = 已写出草稿，需要核对（有留空、推断或未能导入的行）；',
    '        2 = 命令用法有误（含输出文件已存在）；3 = 不是年度报告或无法读取，没有写出文件。',
    '导入目录时：子目录也一并导入，草稿按原来的子目录结构写到 -o 目录下；不是可导入格式的文件列为“跳过”。',
    '        一个文件也没有写出为 3；否则有草稿需核对或有文件未导入为 1，全部完成为 0。',
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
    const { EXIT_CODES, FORMATS, importFile, summaryOf } = await import('../import/index.ts');
    // A draft the clerk may already have edited is never overwritten unless asked.
    const taken = (dest: string) => !raw.force && existsSync(dest);
    const takenMessage = (dest: string) => `${dest} 已存在：为免覆盖已经核对、修改过的草稿，没有写入。要覆盖它，请加 --force；或用 -o 指定另一个文件。`;
    if (!isDir) {
      if (raw.out && taken(raw.out)) throw new UsageError(takenMessage(raw.out));
      const result = await importFile(target, opts);
      console.error(summaryOf(result, raw.out));
      if (!result.yaml) return EXIT_CODES.refused;
      if (!raw.out) {
        process.stdout.write(result.yaml);
        return EXIT_CODES[result.status];
      }
      if (!(await save(raw.out, result.yaml))) return 1;
      console.error(`  已写入 ${raw.out}`);
      return EXIT_CODES[result.status];
    }
    if (opts.id) throw new UsageError('导入目录时不能使用 --id：每份报告的机关标识不同，请导入后逐一填写。');
    if (!raw.out) throw new UsageError('导入目录时请用 -o 指定存放 YAML 文件的目录。');
    const { files, skipped } = await filesIn(target, FORMATS, path.resolve(raw.out));
    if (!files.length) {
      console.error(`${target}：目录及其子目录中没有可导入的文件（${FORMATS.join(' ')}）。`);
      return EXIT_CODES.refused;
    }
    try {
      await mkdir(raw.out, { recursive: true });
    } catch {
      console.error(`无法创建输出目录 ${raw.out}。`);
      return 1;
    }
    const results: ImportResult[] = [];
    // Drafts are named after their files, in the same subfolders under the output folder; files of
    // the same name in other formats keep theirs apart (年报.pdf.yaml).
    const stem = (f: string) => path.join(path.dirname(f), path.basename(f, path.extname(f)));
    const shared = new Set(files.map(stem).filter((s, i, all) => all.indexOf(s) !== i));
    let written = 0;
    let code = 0;
    for (const file of files) {
      const result = await importFile(file, opts);
      results.push(result);
      const dest = path.join(raw.out, path.relative(target, `${shared.has(stem(file)) ? file : stem(file)}.yaml`));
      console.error(summaryOf(result, dest));
      code = Math.max(code, result.status === 'refused' ? EXIT_CODES.draft : EXIT_CODES[result.status]);
      if (!result.yaml) continue;
      if (taken(dest)) {
        console.error(`  ${takenMessage(dest)}\n`);
        code = Math.max(code, EXIT_CODES.draft);
        continue;
      }
      if (!(await save(dest, result.yaml))) {
        code = Math.max(code, EXIT_CODES.draft);
        continue;
      }
      written++;
      console.error(`  已写入 ${dest}\n`);
    }
    console.error(`\n${batchTable(results, skipped, target)}`);
    // Nothing written: no file there was a report (or none could be written).
    return written ? code : EXIT_CODES.refused;
  },
};
