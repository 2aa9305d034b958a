/** `nianbao new`: write the blank, commented YAML of a new report for a clerk to fill in. */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cellsOf } from '../../schema/cells.ts';
import { editionForYear, EDITION_IDS, EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { JSON_SCHEMA_PATH } from '../../schema/json-schema.ts';
import type { z } from 'zod';
import { AGENCY_KINDS, EDITION_SCHEMAS, LEVELS, META_KEYS } from '../../schema/report.ts';
import { type AgencyKind, guessAgencyKind } from '../../schema/agency-kind.ts';
import { cleanText, isCalendarDate, normalizeDate } from '../../schema/values.ts';
import { reportToYaml } from '../write/report-yaml.ts';
import { segmentProblem } from '../../schema/segment.ts';
import { type Command, parseOptions, UsageError } from './command.ts';

type Level = (typeof LEVELS)[number];

/** The contact fields the report schema allows, in its order. */
const contactFields = () => Object.keys((EDITION_SCHEMAS[2021].shape[META_KEYS.agency].shape.联系方式.unwrap() as z.ZodObject).shape);

/** The options of `new`, checked, as the draft needs them. */
export interface NewReportOptions {
  readonly year: number;
  readonly edition: EditionId;
  readonly id: string;
  readonly name: string;
  readonly region: readonly string[];
  readonly level: Level;
  /** 机关 › 类型; by default told from the name, else written empty for the clerk to fill. */
  readonly kind?: AgencyKind | null;
  readonly title: string;
  readonly published: string | null;
}

/** The scaffold text for these options; `file` is where it will be written (for the schema path). */
export function scaffoldText(o: NewReportOptions, file: string): string {
  const schemaPath = path.relative(path.dirname(path.resolve(file)), path.resolve(JSON_SCHEMA_PATH)).split(path.sep).join('/');
  return reportToYaml({
    edition: o.edition,
    year: o.year,
    agency: { id: o.id, name: o.name, region: o.region, level: o.level, kind: o.kind ?? guessAgencyKind(o.name) ?? null, contact: Object.fromEntries(contactFields().map((k) => [k, ''])) },
    title: o.title,
    published: o.published,
    // Every field is present. Contact fields and the preamble may stay empty (they are optional);
    // prose is written empty but present, and validation warns until it is written.
    preamble: '',
    prose: { 一: '', 五: '', 六: '' },
    schemaPath,
  });
}

function parseNewOptions(args: readonly string[]): NewReportOptions & { out?: string } {
  const opts = parseOptions(args, {
    year: 'string', edition: 'string', id: 'string', name: 'string', region: 'string', level: 'string', kind: 'string',
    title: 'string', published: 'string', o: 'string', out: 'string',
  });
  if (opts._.length) throw new UsageError(`不认识的参数“${opts._.join(' ')}”。`);
  const missing = (['year', 'id', 'name', 'region'] as const).filter((k) => opts[k] === undefined);
  if (missing.length) throw new UsageError(`缺少选项：${missing.map((k) => `--${k}`).join('、')}。`);

  const year = Number(cleanText(opts.year!));
  if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new UsageError(`--year 应为报告所属年度，如 2021，不能是“${opts.year}”。`);
  const edition = opts.edition === undefined ? editionForYear(year) : (Number(cleanText(opts.edition)) as EditionId);
  if (!EDITION_IDS.includes(edition)) {
    throw new UsageError(`--edition 只能是 ${EDITION_IDS.map((id) => `${id}（${EDITIONS[id].source}）`).join(' 或 ')}，不能是“${opts.edition}”。`);
  }
  const id = opts.id!.trim();
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
    throw new UsageError(`--id 是机关标识，只用小写英文字母、数字和连字符“-”，如 luanzhou-leizhuang；“${opts.id}”不符合。`);
  }
  const name = cleanText(opts.name!);
  if (!name) throw new UsageError('--name 应为机关全称，如 雷庄镇人民政府。');
  const region = opts.region!.split(/[/／]/).map(cleanText).filter(Boolean);
  if (!region.length || region.length > LEVELS.length) {
    throw new UsageError(`--region 从省级写起，用“/”分隔，最多 ${LEVELS.length} 级，如 河北省/唐山市/滦州市/雷庄镇。`);
  }
  for (const part of region) {
    const problem = segmentProblem(part);
    if (problem) throw new UsageError(`--region 中的“${part}”不能用作地区名称：它会成为网站的一级文件夹名，而这个名称${problem}`);
  }
  const level = (opts.level === undefined ? LEVELS[region.length - 1] : cleanText(opts.level)) as Level;
  if (!LEVELS.includes(level)) throw new UsageError(`--level 只能是 ${LEVELS.join('、')}，不能是“${opts.level}”。`);
  const kind = opts.kind === undefined ? (guessAgencyKind(name) ?? null) : (cleanText(opts.kind) as AgencyKind);
  if (kind !== null && !AGENCY_KINDS.includes(kind)) throw new UsageError(`--kind 只能是 ${AGENCY_KINDS.join('、')}，不能是“${opts.kind}”。`);
  let published: string | null = null;
  if (opts.published !== undefined) {
    const p = normalizeDate(opts.published);
    if (typeof p !== 'string' || !isCalendarDate(p)) throw new UsageError(`--published 应为日期，如 2022-01-20 或 2022年1月20日，不能是“${opts.published}”。`);
    published = p;
  }
  const title = opts.title === undefined ? `${name}${year}年度政府信息公开工作年度报告` : cleanText(opts.title);
  const out = opts.o ?? opts.out;
  return { year, edition, id, name, region, level, kind, title, published, ...(out !== undefined ? { out } : {}) };
}

/** The `new` subcommand. */
export const newCommand: Command = {
  name: 'new',
  summary: '生成一份新报告的空白模板（每一栏都已列出并注明名称，只需填写数字）',
  usage: [
    'nianbao new --year 年度 --id 机关标识 --name 机关名称 --region 省/市/县/乡 [--level 层级] [--kind 类型] [--edition 2019|2021] [--title 标题] [--published 发布日期] [-o 文件]',
    '  --year       报告所属年度，如 2021',
    '  --id         机关标识：小写英文字母、数字和“-”，如 luanzhou-leizhuang，各年度保持不变',
    '  --name       机关全称，如 雷庄镇人民政府',
    '  --region     所在地区，从省级写起，用“/”分隔，如 河北省/唐山市/滦州市/雷庄镇',
    `  --level      ${LEVELS.join('、')}；不填时按地区的级数确定`,
    `  --kind       机关类型：${AGENCY_KINDS.join('、')}；不填时按机关名称判断（如“…人民政府”“…局”），判断不出时留空待填`,
    '  --edition    表格格式；不填时按年度确定（2019、2020 年度用 2019 年版，2021 年度起用 2021 年版）',
    '  --title      报告标题；不填时为“机关名称+年度+年度政府信息公开工作年度报告”',
    '  --published  发布日期，如 2022-01-20；不填时写 null（未注明），发布后可补填',
    '  -o           写到指定文件；默认 reports/<年度>/<机关标识>.yaml。已有的文件不会被覆盖。',
  ].join('\n'),
  async run(args) {
    const o = parseNewOptions(args);
    const file = o.out ?? path.join('reports', String(o.year), `${o.id}.yaml`);
    if (existsSync(file)) {
      console.error(`${file} 已经存在，未作改动。若要重新生成，请先把原文件改名或删除；若要修改，请直接编辑该文件。`);
      return 1;
    }
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, scaffoldText(o, file), { flag: 'wx' });
    const edition = EDITIONS[o.edition];
    const cells = cellsOf(edition).filter((c) => !c.total).length;
    console.log(
      [
        `已生成 ${file}（${edition.name}格式，${edition.source}）。`,
        '',
        '下一步：',
        `  1. 打开该文件，按原报告逐格填写 ${cells} 个数字（“总计”可不填，自动计算）；原报告为空白、“/”或“不适用”的格子填写 null。`,
        '  2. 在“一、总体情况”“五、存在的主要问题及改进情况”下填写正文。',
        ...((o.kind ?? guessAgencyKind(o.name)) ? [] : [`     从机关名称判断不出机关类型：请在“机关 › 类型”填写 ${AGENCY_KINDS.join('、')} 之一（条例第四十九条按类型规定公布期限），或重新生成时加 --kind。`]),
        `  3. 运行 npx nianbao validate ${file}，按提示改正，直到没有错误。`,
      ].join('\n'),
    );
    return 0;
  },
};
