/** `nianbao validate [paths…]`: check reports and print every diagnostic with its location. */
import { formatDiagnostic, summarize } from '../load/diagnostic.ts';
import { loadCorpus } from '../load/corpus.ts';
import { type Command, parseOptions } from './command.ts';

export const validateCommand: Command = {
  name: 'validate',
  summary: '校验报告文件（默认 reports/ 下全部），列出每个问题所在的行和列',
  usage: 'nianbao validate [文件或目录…]',
  async run(args) {
    const opts = parseOptions(args, {});
    const corpus = await loadCorpus(opts._.length ? opts._ : ['reports']);
    for (const d of corpus.diagnostics) console.log(formatDiagnostic(d));
    const errors = corpus.diagnostics.some((d) => d.severity === 'error');
    console.log(`${corpus.diagnostics.length ? '\n' : ''}共 ${corpus.files} 份报告：${summarize(corpus.diagnostics)}。${errors ? '请按提示改正错误后再次运行。' : ''}`);
    return errors ? 1 : 0;
  },
};
