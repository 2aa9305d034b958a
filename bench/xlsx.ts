/**
 * Time the year XLSX on a generated corpus: `node --import tsx bench/xlsx.ts <corpus dir> [rows…]`
 * (NIANBAO_CACHE_DIR should point to a cache so that loading is quick after the first run).
 * For each row count, the first N reports of the largest year are written once; prints wall
 * milliseconds, CPU milliseconds (all threads; the machine may be shared), RSS before, and RSS sampled while writing, so the writer's own memory shows
 * apart from the corpus (the process peak is often the corpus load's).
 */
import { writeFileSync } from 'node:fs';
import { byYear } from '../src/export/files.ts';
import { yearXlsx } from '../src/export/xlsx.ts';
import { loadCorpus } from '../src/load/corpus.ts';

const [dir, ...counts] = process.argv.slice(2);
if (!dir) throw new Error('usage: bench/xlsx.ts <corpus dir> [rows…]');
const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const corpus = await loadCorpus([dir], { cache: true });
const [year, reports] = byYear(corpus.reports).sort((a, b) => b[1].length - a[1].length)[0]!;
console.log(`${corpus.reports.length} reports loaded; ${year}: ${reports.length}; peak RSS ${mb()} MB`);
for (const n of counts.length ? counts.map(Number) : [reports.length]) {
  const rows = reports.slice(0, n);
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const out = await yearXlsx(year, rows);
  const ms = Math.round(performance.now() - start);
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (process.env.XLSX_OUT) writeFileSync(`${process.env.XLSX_OUT}-${n}.xlsx`, out);
  console.log(`${rows.length} rows: ${ms} ms wall, ${Math.round((used.user + used.system) / 1000)} ms CPU, ${(out.length / 1e6).toFixed(1)} MB; RSS ${Math.round(before / 2 ** 20)} MB before, sampled peak ${Math.round(peak / 2 ** 20)} MB, process peak ${mb()} MB`);
}
