/** `nianbao validate [paths…]`: check reports and print every diagnostic with its location. */
import { appendFile } from 'node:fs/promises';
import { type Command, parseOptions, UsageError } from './command.ts';
import { type Format, FORMATS } from './formats.ts';

/** The `validate` subcommand. */
export const validateCommand: Command = {
  name: 'validate',
  summary: '校验报告文件（默认 reports/ 下全部），列出每个问题所在的行和列',
  usage: [
    'nianbao validate [文件或目录…] [--format text|github|json]',
    '  --format text    每个问题一行：文件:行:列  规则  级别  说明（默认）',
    '  --format github  GitHub Actions 批注（在拉取请求中标在出错的行上）；设置了 GITHUB_STEP_SUMMARY 时另写完整清单',
    '  --format json    供其他程序读取的 JSON',
    '只校验部分文件时，同一机关相邻年度的报告（reports/<年度±1>/<机关标识>.yaml）也会读取，以核对跨年度规则 R5、R8。',
    '有错误时退出码为 1；只有警告时为 0。',
  ].join('\n'),
  async run(args) {
    const opts = parseOptions(args, { format: 'string' });
    const format = (opts.format ?? 'text') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format 只能是 ${FORMATS.join('、')}，不能是“${opts.format}”。`);
    const [{ summarize }, { loadCorpus }, { formatGithub, formatJson, formatText, stepSummary }] = await Promise.all([import('../load/diagnostic.ts'), import('../load/corpus.ts'), import('./formats.ts')]);
    const corpus = await loadCorpus(opts._.length ? opts._ : ['reports'], { cache: true, neighbours: true, reportsRoot: 'reports' });
    const { diagnostics, files } = corpus;
    const errors = diagnostics.some((d) => d.severity === 'error');
    const total = `共 ${files} 份报告：${summarize(diagnostics)}。${errors ? '请按提示改正错误后再次运行。' : ''}`;
    // The diagnostics go out in one write: thousands of writes to a pipe cost more than the rest.
    if (format === 'json') console.log(formatJson(diagnostics, files));
    else if (format === 'github') {
      const lines = formatGithub(diagnostics);
      if (lines.length) console.log(lines.join('\n'));
      console.log(total);
      const summaryFile = process.env.GITHUB_STEP_SUMMARY;
      if (summaryFile) await appendFile(summaryFile, stepSummary(diagnostics, files));
    } else {
      if (diagnostics.length) console.log(formatText(diagnostics).join('\n'));
      console.log(`${diagnostics.length ? '\n' : ''}${total}`);
      const unfilled = diagnostics.filter((d) => d.rule === 'SCHEMA-UNFILLED').length;
      if (unfilled) console.log(`其中 ${unfilled} 处尚未填写（上面标有 SCHEMA-UNFILLED 的各行）：请逐一填写数字，原报告为空白的填 null。`);
    }
    return errors ? 1 : 0;
  },
};
