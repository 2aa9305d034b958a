/**
 * The bare floor (issue 17): what any static generator of these reports must at least do. Read
 * each report, parse it with js-yaml, render one page per report with ONE Nunjucks template —
 * its prose through markdown-it, every table of the edition as an HTML table — and write it.
 * No schema, no validation, no totals, no summaries, no data files, no search, no cache.
 *
 * The tables come from the parsed YAML as it is: a section whose entries include rows (maps of
 * numbers and nulls) is one table, its nested groups heading rows (三、收到和处理…, 四、…); a
 * section of such tables (二、主动公开…) is several, each captioned; the columns are the keys of
 * the rows. So every table of either edition is printed without the floor knowing the template.
 *
 * Usage: node --import tsx bench/bare-floor.ts <reports dir> <out dir> [workers]
 * Prints one JSON line: { files, pages, bytes, ms }.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import yaml from 'js-yaml';
import MarkdownIt from 'markdown-it';
import nunjucks from 'nunjucks';
import { runWorkers } from '../src/parallel/pool.ts';

type Cell = number | string | null;
interface Row {
  readonly label: string;
  /** 0 for a top row, 1 for a row inside a group, … */
  readonly depth: number;
  /** Undefined for a group's heading row. */
  readonly cells?: readonly Cell[];
}
interface Table {
  readonly caption?: string;
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}
type Section = { readonly title: string; readonly html: string } | { readonly title: string; readonly tables: readonly Table[] };

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · 政府信息公开工作年度报告</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:auto;padding:1rem}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.2rem .4rem}td{text-align:right}th[scope=row]{text-align:left}</style>
</head>
<body>
<header><a href="/">政府信息公开工作年度报告</a></header>
<main>
<h1>{{ title }}</h1>
<dl>
<dt>机关</dt><dd>{{ agency.名称 }}</dd>
<dt>地区</dt><dd>{{ agency.地区 | join(" · ") }}</dd>
<dt>年度</dt><dd>{{ year }}</dd>
<dt>表格格式</dt><dd>{{ edition }}</dd>
{% if published %}<dt>发布日期</dt><dd>{{ published }}</dd>{% endif %}
{% if agency.联系方式 %}{% for k, v in agency.联系方式 %}<dt>{{ k }}</dt><dd>{{ v }}</dd>{% endfor %}{% endif %}
</dl>
{% for s in sections %}
<section>
<h2>{{ s.title }}</h2>
{% if s.html %}{{ s.html | safe }}{% else %}{% for t in s.tables %}
<table>
{% if t.caption %}<caption>{{ t.caption }}</caption>{% endif %}
<thead><tr><th scope="col">项目</th>{% for c in t.columns %}<th scope="col">{{ c }}</th>{% endfor %}</tr></thead>
<tbody>
{% for r in t.rows %}{% if r.cells %}<tr><th scope="row" class="d{{ r.depth }}">{{ r.label }}</th>{% for v in r.cells %}<td>{% if v === null %}—{% else %}{{ v }}{% endif %}</td>{% endfor %}</tr>
{% else %}<tr><th scope="rowgroup" colspan="{{ t.columns.length + 1 }}" class="d{{ r.depth }}">{{ r.label }}</th></tr>
{% endif %}{% endfor %}
</tbody>
</table>
{% endfor %}{% endif %}
</section>
{% endfor %}
</main>
<footer>依据《中华人民共和国政府信息公开条例》第五十条公布。</footer>
</body>
</html>
`;

/** Keys printed in the page's header, not as sections. */
const HEAD = new Set(['版本', '年度', '机关', '标题', '发布日期']);

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
/** A row: a map of cells (numbers, nulls, or a figure written as text). */
const isRow = (v: unknown): v is Record<string, Cell> => isMap(v) && Object.values(v).every((c) => c === null || typeof c !== 'object');

/** One table from a map of rows and groups of rows; the columns are the rows' keys, in order of first use. */
function table(map: Record<string, unknown>, caption?: string): Table {
  const columns: string[] = [];
  const found: { label: string; depth: number; row?: Record<string, Cell> }[] = [];
  const walk = (m: Record<string, unknown>, depth: number) => {
    for (const [label, v] of Object.entries(m)) {
      if (isRow(v)) {
        for (const c of Object.keys(v)) if (!columns.includes(c)) columns.push(c);
        found.push({ label, depth, row: v });
      } else if (isMap(v)) {
        found.push({ label, depth });
        walk(v, depth + 1);
      }
    }
  };
  walk(map, 0);
  // A row that leaves out a column (a total not filled in) shows an empty cell there.
  const rows = found.map(({ label, depth, row }) => (row ? { label, depth, cells: columns.map((c) => row[c] ?? null) } : { label, depth }));
  return { ...(caption ? { caption } : {}), columns, rows };
}

/** A section's tables: itself when it holds rows, else each of its entries (captioned). */
function tables(section: Record<string, unknown>): Table[] {
  if (Object.values(section).some(isRow)) return [table(section)];
  return Object.entries(section).flatMap(([k, v]) => (isMap(v) ? (Object.values(v).some(isRow) ? [table(v, k)] : tables(v)) : []));
}

/** Parse and render `files` into `outDir`; returns pages written and their bytes. */
function renderAll(files: readonly string[], outDir: string): { pages: number; bytes: number } {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  const env = new nunjucks.Environment(undefined, { autoescape: true });
  const page = nunjucks.compile(PAGE, env);
  let pages = 0;
  let bytes = 0;
  for (const file of files) {
    const data = yaml.load(readFileSync(file, 'utf8')) as Record<string, unknown> | undefined;
    if (!isMap(data)) continue;
    const agency = (isMap(data.机关) ? data.机关 : {}) as { 标识?: string };
    const sections: Section[] = [];
    for (const [title, v] of Object.entries(data)) {
      if (HEAD.has(title)) continue;
      if (typeof v === 'string') sections.push({ title, html: md.render(v) });
      else if (isMap(v)) sections.push({ title, tables: tables(v) });
    }
    const published = data.发布日期 instanceof Date ? data.发布日期.toISOString().slice(0, 10) : data.发布日期;
    const html = page.render({ title: data.标题, agency, year: data.年度, edition: data.版本, published, sections });
    const dir = path.join(outDir, String(data.年度), agency.标识 ?? path.basename(file, '.yaml'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), html);
    pages++;
    bytes += Buffer.byteLength(html);
  }
  return { pages, bytes };
}

if (isMainThread && process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [reportsDir = 'reports', outDir = 'bench/out/bare-floor-site', workersArg = '1'] = process.argv.slice(2);
  const workers = Math.max(1, Number(workersArg));
  const started = performance.now();
  rmSync(outDir, { recursive: true, force: true });
  const files = readdirSync(reportsDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(reportsDir, f));
  let done: { pages: number; bytes: number }[];
  if (workers === 1) done = [renderAll(files, outDir)];
  else {
    const size = Math.ceil(files.length / workers);
    const parts = Array.from({ length: workers }, (_, i) => ({ files: files.slice(i * size, (i + 1) * size), outDir }));
    done = await runWorkers<{ files: string[]; outDir: string }, never, { pages: number; bytes: number }>(new URL(import.meta.url), parts, () => {});
  }
  const pages = done.reduce((a, b) => a + b.pages, 0);
  const bytes = done.reduce((a, b) => a + b.bytes, 0);
  console.log(JSON.stringify({ files: files.length, pages, bytes, ms: Math.round(performance.now() - started) }));
}

/** Worker entry (see src/parallel/pool.ts): render one share of the files. */
export async function run(input: { files: string[]; outDir: string }): Promise<{ pages: number; bytes: number }> {
  return renderAll(input.files, input.outDir);
}
