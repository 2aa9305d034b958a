/** `nianbao serve`: live preview of the site that rebuilds when a report or template is saved. */
import { type Command, keepHeapNearLive, parseOptions, UsageError } from './command.ts';

/** The `serve` subcommand. */
export const serveCommand: Command = {
  name: 'serve',
  summary: '在本机预览网站；保存报告或模板后自动重新生成并刷新浏览器（按 Ctrl+C 结束）',
  usage: 'nianbao serve [--port 端口] [--reports 目录] [--out 目录]\n  默认端口 8080，打开 http://localhost:8080/ 查看',
  async run(args) {
    const opts = parseOptions(args, { port: 'string', reports: 'string', out: 'string' });
    keepHeapNearLive();
    const port = Number(opts.port ?? 8080);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port 应为 0 到 65535 之间的整数，不能是“${opts.port}”。`);
    const reportsDir = opts.reports ?? 'reports';
    const { startServe } = await import('../serve/session.ts');
    const session = await startServe({
      reportsDir,
      outDir: opts.out ?? '_site',
      port,
      watch: [reportsDir, 'templates', 'docs'],
      log: (line) => console.log(line),
    }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') throw new UsageError(`端口 ${port} 已被占用。请换一个端口，如 --port ${port + 1}。`);
      throw e;
    });
    console.log(`\n预览地址：${session.url}\n保存报告后网站会自动重新生成。按 Ctrl+C 结束预览。`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await session.close();
    console.log('预览已结束。');
    return 0;
  },
};
