/** `nianbao <command>`: the one command-line entry point. */
import { buildCommand } from './cli/build.ts';
import { type Command, UsageError } from './cli/command.ts';
import { SettingError } from './setting-error.ts';
import { exportCommand } from './cli/export.ts';
import { importCommand } from './cli/import.ts';
import { newCommand } from './cli/new.ts';
import { schemaCommand } from './cli/schema.ts';
import { serveCommand } from './cli/serve.ts';
import { validateCommand } from './cli/validate.ts';
import { systemErrorMessage } from './load/system-error.ts';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [validateCommand, newCommand, buildCommand, serveCommand, importCommand, exportCommand, schemaCommand];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'nianbao — 政府信息公开工作年度报告：校验、生成网站',
    '',
    '用法：npx nianbao <命令> [参数]',
    '',
    '命令：',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    '每个命令的用法：npx nianbao <命令> --help',
  ].join('\n');
}

/** Run the CLI; returns the exit code. Clerks never see a stack trace unless NIANBAO_DEBUG is set. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`没有“${name}”这个命令。\n\n${help()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`${command.summary}\n\n用法：${command.usage}`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n用法：${command.usage}`);
      return 2;
    }
    if (e instanceof SettingError) {
      console.error(`设置有误：${e.message}\n请改正这个环境变量后重试（见 README“网站地址”一节）。`);
      return 2;
    }
    const system = systemErrorMessage(e);
    if (system) {
      console.error(system);
      if (process.env.NIANBAO_DEBUG) console.error(e);
      return 1;
    }
    console.error(`内部错误：${e instanceof Error ? e.message : String(e)}`);
    console.error('这不是报告文件的问题，而是程序的问题。请把这段信息报告给网站维护人员。');
    if (process.env.NIANBAO_DEBUG) console.error(e);
    return 70;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
