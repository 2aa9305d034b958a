/**
 * `npm run bench:checks`: every evaluator check (schema/evaluation.ts) over every real or
 * real-shaped report in the repository, printing per check how many findings and which, so
 * each can be judged true or false by reading the sentence.
 *
 * The corpus: the five hand-made reports (reports/), and every published file the importer is
 * tested with — the five seeds (../shared/seeds/), the real files of ../shared/corpus/ (淮安市
 * 2024, the 2021 template), the import fixtures (tests/fixtures/import/) and the import cases
 * (../shared/cases/import/) — imported as a clerk would
 * (`node bin/nianbao.js import 文件 -o 临时.yaml`) into a temporary folder. An import that
 * stops with an error gives no file and is counted apart. A file that imports only partly (cells
 * left for the clerk) is still checked: a cell not filled counts as blank, which no check
 * compares with.
 *
 * Usage: npm run bench:checks [-- --shared ../shared]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cellsOf } from '../schema/cells.ts';
import { EDITIONS, type EditionId } from '../schema/editions/index.ts';
import { copyShares, copyStatement, proseSentences } from '../schema/copying.ts';
import { checkEvaluation, type TextFinding } from '../schema/evaluation.ts';
import type { Report } from '../schema/report.ts';
import { CATALOGUE } from '../schema/rules.ts';
import { loadReportText } from '../src/load/report.ts';
import { parseYaml } from '../src/load/yaml.ts';

const EVALUATOR_RULES = ['TIMELINESS', 'R9', 'LEFTOVER', 'PROSE-YEAR', 'SECTION5-THIN', 'FEE-CONTRADICTION', 'PENDING-CONTRADICTION'] as const;
const IMPORTABLE = /\.(txt|html?|docx|pdf)$/i;

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const shared = path.resolve(arg('--shared') ?? process.env.NIANBAO_SHARED ?? '../shared');

/** Published files to import: one per report (a case's .html beside its .pdf is the same report, both are kept: they import differently). */
function publishedFiles(): string[] {
  const dirs = [path.join(shared, 'seeds'), path.join(shared, 'corpus'), 'tests/fixtures/import', path.join(shared, 'cases', 'import')];
  const out: string[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) {
      console.error(`（跳过：找不到 ${dir}）`);
      continue;
    }
    for (const name of readdirSync(dir).sort()) if (IMPORTABLE.test(name) && !/\.expected\./.test(name)) out.push(path.join(dir, name));
  }
  return out;
}

/** Cell values of a report's YAML data as written: numbers, else blank (null). */
function writtenValues(editionId: EditionId, data: unknown): Map<string, number | null> {
  const values = new Map<string, number | null>();
  for (const cell of cellsOf(EDITIONS[editionId])) {
    let node: unknown = data;
    for (const k of cell.path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined;
    values.set(cell.id, typeof node === 'number' ? node : null);
  }
  return values;
}

interface Checked {
  readonly source: string;
  /** For COPY-LAST-YEAR: who and which year, and what is compared. */
  readonly agency?: string;
  readonly year?: number;
  readonly editionId?: EditionId;
  readonly values?: ReadonlyMap<string, number | null>;
  readonly sentences?: readonly string[];
  readonly findings: readonly TextFinding[];
  /** 'full' when the report passed the schema; 'partial' when only what was written could be read. */
  readonly how: 'full' | 'partial';
}

/** The evaluator findings of one YAML text (a report's or an import's). */
function check(source: string, text: string, file: string): Checked | null {
  const loaded = loadReportText(text, file).loaded;
  if (loaded) {
    const editionId = loaded.edition.id as EditionId;
    const findings = checkEvaluation(editionId, loaded.report, loaded.values);
    const sentences = proseSentences(editionId, loaded.report).map((s) => s.key);
    return { source, how: 'full', findings, agency: loaded.report.机关.名称, year: loaded.report.年度, editionId, values: loaded.values, sentences };
  }
  const data = parseYaml(text).data as Record<string, unknown> | undefined;
  const editionId = data?.['版本'];
  if (!data || (editionId !== 2019 && editionId !== 2021)) return null;
  try {
    const values = writtenValues(editionId, data);
    const sentences = proseSentences(editionId, data).map((s) => s.key);
    const agency = (data['机关'] as Record<string, unknown> | undefined)?.['名称'];
    const year = data['年度'];
    return {
      source, how: 'partial', findings: checkEvaluation(editionId, data as unknown as Report, values), values, sentences, editionId,
      ...(typeof agency === 'string' ? { agency } : {}), ...(typeof year === 'number' ? { year } : {}),
    };
  } catch {
    return null;
  }
}

const checked: Checked[] = [];
const notImported: string[] = [];

for (const name of readdirSync('reports', { recursive: true }).map(String).filter((n) => /\.ya?ml$/.test(n)).sort()) {
  const file = path.join('reports', name);
  const c = check(file, readFileSync(file, 'utf8'), file);
  if (c) checked.push(c);
}

const tmp = mkdtempSync(path.join(tmpdir(), 'nianbao-checks-'));
try {
  publishedFiles().forEach((source, i) => {
    const out = path.join(tmp, `${i}.yaml`);
    try {
      execFileSync(process.execPath, ['bin/nianbao.js', 'import', source, '-o', out], { stdio: 'pipe' });
    } catch {
      // An import that stopped with an error still says so on stderr; only the missing file matters here.
    }
    if (!existsSync(out)) {
      notImported.push(path.relative('.', source));
      return;
    }
    const c = check(path.relative('.', source), readFileSync(out, 'utf8'), out);
    if (c) checked.push(c);
    else notImported.push(path.relative('.', source));
  });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const full = checked.filter((c) => c.how === 'full').length;
console.log(`共检查 ${checked.length} 份报告（${full} 份完整通过格式校验，${checked.length - full} 份导入不完整、只检查已写出的内容）；${notImported.length} 个文件未能导入${notImported.length ? `：${notImported.join('、')}` : ''}。\n`);
for (const rule of EVALUATOR_RULES) {
  const hits = checked.flatMap((c) => c.findings.filter((f) => f.rule === rule).map((f) => ({ c, f })));
  console.log(`${rule}  ${CATALOGUE[rule].title}：${hits.length} 处`);
  for (const { c, f } of hits) console.log(`  ${c.source}${c.how === 'partial' ? '（不完整）' : ''}  「${f.path.join(' › ')}」  ${f.statement}`);
  console.log('');
}

// COPY-LAST-YEAR: every pair of reports of one agency (by name) for consecutive years.
const pairs = checked.flatMap((cur) =>
  checked.filter((prev) => cur.agency && prev.agency === cur.agency && cur.year !== undefined && prev.year === cur.year - 1).map((prev) => ({ prev, cur })),
);
const input = (c: Checked) => ({ year: c.year!, editionId: c.editionId!, values: c.values!, sentences: c.sentences! });
const copies = pairs.flatMap(({ prev, cur }) => {
  const s = copyStatement(input(prev), input(cur), copyShares(input(prev), input(cur)));
  return s ? [`  ${cur.source}（与 ${prev.source}）  ${s}`] : [];
});
console.log(`COPY-LAST-YEAR  ${CATALOGUE['COPY-LAST-YEAR'].title}：${copies.length} 处（同一机关相邻两个年度的报告共 ${pairs.length} 对）`);
for (const line of copies) console.log(line);
