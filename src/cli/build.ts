/** `nianbao build`: validate all reports, then build the site into _site/ (all or nothing). */
import { type Command, keepHeapNearLive, parseOptions } from './command.ts';

export const buildCommand: Command = {
  name: 'build',
  summary: '校验全部报告并生成网站（输出到 _site/；有错误时不改动已有网站）',
  usage: 'nianbao build [--reports 目录] [--out 目录] [--clean]（--clean：不沿用上次生成的文件，全部重新生成）',
  async run(args) {
    const opts = parseOptions(args, { reports: 'string', out: 'string', clean: 'boolean' });
    keepHeapNearLive();
    // Loaded here, not at start: other commands need none of the site's code.
    const [{ build, DiskFullError }, { formatDiagnostic, summarize }, { SITE_POST_BUILD }] = await Promise.all([import('../build.ts'), import('../load/diagnostic.ts'), import('../site/post-build.ts')]);
    let result;
    try {
      result = await build({ reportsDir: opts.reports ?? 'reports', outDir: opts.out ?? '_site', postBuild: SITE_POST_BUILD, clean: opts.clean === true });
    } catch (e) {
      if (!(e instanceof DiskFullError)) throw e;
      console.error(e.message);
      return 1;
    }
    const { diagnostics, files } = result.corpus;
    // One write, not one a line: at 40,000 reports a build may have 20,000 warnings (some 0.3 s line by line).
    if (diagnostics.length) console.error(diagnostics.map(formatDiagnostic).join('\n'));
    if (!result.built) {
      console.error(`\n共 ${files} 份报告：${summarize(diagnostics)}。请先改正上述错误，网站未生成，原有网站保持不变。`);
      return 1;
    }
    for (const notice of result.notices) console.error(`注意：${notice}`);
    const kept = result.kept ? `，${result.kept} 个文件与上次相同而沿用` : '';
    console.log(`共 ${files} 份报告：${summarize(diagnostics)}。网站共 ${result.pages} 个页面，在 ${opts.out ?? '_site'}/；本次生成 ${result.written} 个文件${kept}${result.removed ? `，删除 ${result.removed} 个` : ''}。`);
    return 0;
  },
};
