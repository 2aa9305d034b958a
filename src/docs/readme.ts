/**
 * The README's rule table, generated from the rule catalogue (schema/rules.ts) so it lists
 * every diagnostic the tool reports. Run `npx tsx src/docs/readme.ts` after changing the
 * catalogue; tests/docs/readme.test.ts checks README.md matches.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATALOGUE } from '../../schema/rules.ts';

export const README_FILE = fileURLToPath(new URL('../../README.md', import.meta.url));
const BEGIN = '<!-- 规则表：由 npx tsx src/docs/readme.ts 按 schema/rules.ts 生成，请勿手改 -->';
const END = '<!-- 规则表结束 -->';

const SEVERITY = { error: '错误', warning: '警告' } as const;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The table: 编号 | 严重程度 | 名称 | 依据, one row per catalogue entry, in catalogue order. */
export function rulesTable(): string {
  const rows = Object.entries(CATALOGUE).map(([id, r]) => `| ${id} | ${SEVERITY[r.severity]} | ${cell(r.title)} | ${cell(r.basis)} |`);
  return ['| 编号 | 严重程度 | 名称 | 依据 |', '|---|---|---|---|', ...rows].join('\n');
}

/** README text with the generated table between its markers; throws when the markers are missing. */
export function withRulesTable(readme: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md 中缺少规则表的标记：${BEGIN} … ${END}`);
  return `${readme.slice(0, start)}${BEGIN}\n${rulesTable()}\n${readme.slice(end)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const before = readFileSync(README_FILE, 'utf8');
  const after = withRulesTable(before);
  if (after !== before) writeFileSync(README_FILE, after);
  console.log(after === before ? 'README.md 的规则表已是最新。' : 'README.md 的规则表已按 schema/rules.ts 更新。');
}
