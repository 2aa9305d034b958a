/**
 * The floor the build is measured against: a bare script that reads each report, parses it
 * with js-yaml (through the quick reader, so empty cells mean the same as in the build), validates it with the zod schema, completes its totals and renders its page
 * with the same precompiled Nunjucks templates, writing one file per report — no framework,
 * no located diagnostics, no summary pages, no cache. Runs on 1 or more worker threads.
 *
 * Usage: node --import tsx bench/floor.ts <reports dir> <out dir> [workers]
 * Prints one JSON line: { files, pages, ms }.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { EDITIONS, type EditionId } from '../schema/editions/index.ts';
import { EDITION_SCHEMAS, type Report } from '../schema/report.ts';
import { findReportFiles } from '../src/load/corpus.ts';
import { quickYaml } from '../src/load/quick-yaml.ts';
import { completeTotals } from '../src/load/report.ts';
import { runWorkers } from '../src/parallel/pool.ts';
import { reportPageRenderer } from '../src/site/report-page.ts';
import { reportView } from '../src/site/report-view.ts';

const NO_SUMMARY = { summary: { reportLinks: {} } };

/** Parse, validate and render `files` into `outDir`; returns the number of pages written. */
function renderAll(files: readonly string[], outDir: string): number {
  const renderer = reportPageRenderer();
  let pages = 0;
  for (const file of files) {
    const data = quickYaml(readFileSync(file, 'utf8'))?.data as { 版本: EditionId } | undefined;
    if (!data) continue;
    const parsed = EDITION_SCHEMAS[data.版本].safeParse(data, { reportInput: true });
    if (!parsed.success) continue;
    const edition = EDITIONS[data.版本];
    const report = parsed.data as Report;
    const { values, computed } = completeTotals(edition, report);
    // Links to summary pages need the whole corpus; the floor renders each page on its own.
    const { url, html } = renderer.render(reportView({ file, edition, report, values, computed, diagnostics: [] }), NO_SUMMARY);
    const dir = path.join(outDir, ...url.split('/').filter(Boolean));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), html);
    pages++;
  }
  return pages;
}

if (isMainThread) {
  const [reportsDir = 'reports', outDir = 'bench/out/floor-site', workersArg = '1'] = process.argv.slice(2);
  const workers = Math.max(1, Number(workersArg));
  const started = performance.now();
  rmSync(outDir, { recursive: true, force: true });
  const files = await findReportFiles([reportsDir]);
  let pages: number;
  if (workers === 1) pages = renderAll(files, outDir);
  else {
    const size = Math.ceil(files.length / workers);
    const parts = Array.from({ length: workers }, (_, i) => ({ files: files.slice(i * size, (i + 1) * size), outDir }));
    const counts = await runWorkers<{ files: string[]; outDir: string }, never, number>(new URL(import.meta.url), parts, () => {});
    pages = counts.reduce((a, b) => a + b, 0);
  }
  console.log(JSON.stringify({ files: files.length, pages, ms: Math.round(performance.now() - started) }));
}

/** Worker entry (see src/parallel/pool.ts): render one share of the files. */
export async function run(input: { files: string[]; outDir: string }): Promise<number> {
  return renderAll(input.files, input.outDir);
}
