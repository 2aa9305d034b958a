/** `nianbao schema`: write the report JSON Schema that editors use for autocompletion. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { JSON_SCHEMA_PATH, reportJsonSchemaText } from '../../schema/json-schema.ts';
import { type Command, parseOptions } from './command.ts';

/** The `schema` subcommand. */
export const schemaCommand: Command = {
  name: 'schema',
  summary: `生成编辑器使用的报告格式文件（JSON Schema，默认写入 ${JSON_SCHEMA_PATH}）`,
  usage: `nianbao schema [-o 文件] [--check]\n  --check  只检查 ${JSON_SCHEMA_PATH} 是否为最新，不写入（过期时退出码为 1）`,
  async run(args) {
    const opts = parseOptions(args, { o: 'string', out: 'string', check: 'boolean' });
    const file = opts.o ?? opts.out ?? JSON_SCHEMA_PATH;
    const text = reportJsonSchemaText();
    if (opts.check) {
      const current = await readFile(file, 'utf8').catch(() => '');
      if (current === text) {
        console.log(`${file} 是最新的。`);
        return 0;
      }
      console.error(`${file} 已过期，与报告格式不一致。请运行 npx nianbao schema 重新生成并提交。`);
      return 1;
    }
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, text);
    console.log(`已写入 ${file}。`);
    return 0;
  },
};
