/** `nianbao export --format json|csv [files…]`: reports as open data on standard output. */
import { type Command, parseOptions, UsageError } from './command.ts';

/** The export subcommand. */
export const exportCommand: Command = {
  name: 'export',
  summary: '把报告导出为开放数据（JSON 或 CSV），输出到屏幕，可用 > 保存为文件',
  usage: 'nianbao export --format json|csv [文件或目录…]（JSON 为数组，每份报告一项；CSV 为各报告依次排列，中间空一行；都与网站 /data/ 下各报告的文件相同）',
  async run(args) {
    const opts = parseOptions(args, { format: 'string' });
    const format = opts.format ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new UsageError(`--format 只能是 json 或 csv，不能是“${format}”。`);
    const [{ reportsCsv }, { reportRecord }, { readableJson }, { formatDiagnostic, summarize }, { loadCorpus, reloadReport }] = await Promise.all([
      import('../export/csv.ts'),
      import('../export/record.ts'),
      import('../export/json.ts'),
      import('../load/diagnostic.ts'),
      import('../load/corpus.ts'),
    ]);
    const corpus = await loadCorpus(opts._.length ? opts._ : ['reports'], { cache: true });
    const errors = corpus.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      for (const d of errors) console.error(formatDiagnostic(d));
      console.error(`\n共 ${corpus.files} 份报告：${summarize(corpus.diagnostics)}。有错误的报告不能导出，请先改正。`);
      return 1;
    }
    // Piped into `head` and the like: a closed pipe ends the output quietly.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
    const reports = await Promise.all(corpus.reports.map(reloadReport));
    if (format === 'json') process.stdout.write(readableJson(reports.map(reportRecord)));
    else process.stdout.write(reportsCsv(reports));
    return 0;
  },
};
