/**
 * Sizes of each report's open-data files (the JSON and CSV written to /data/<year>/), as the
 * build writes them without history: min, median and max in bytes, per edition, over the
 * reports of each folder given.
 *
 * Usage: tsx bench/data-size.ts <folder>…   (npm run bench runs it on reports/ and the 1,000-report corpus)
 */
import { reportsCsv } from '../src/export/csv.ts';
import { reportJson } from '../src/export/files.ts';
import { loadCorpus, reloadReport } from '../src/load/corpus.ts';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const spread = (sizes: number[]): string => {
  const s = [...sizes].sort((a, b) => a - b);
  return `min ${kb(s[0]!)}, median ${kb(s[Math.floor((s.length - 1) / 2)]!)}, max ${kb(s.at(-1)!)}`;
};

for (const dir of process.argv.slice(2)) {
  const corpus = await loadCorpus([dir], { cache: false });
  const byEdition = new Map<number, { json: number[]; csv: number[] }>();
  for (const entry of corpus.reports) {
    const r = await reloadReport(entry);
    const sizes = byEdition.get(r.edition.id) ?? { json: [], csv: [] };
    byEdition.set(r.edition.id, sizes);
    sizes.json.push(Buffer.byteLength(reportJson(r)));
    sizes.csv.push(Buffer.byteLength(reportsCsv([r])));
  }
  console.log(`  report data files, ${dir} (${corpus.reports.length} reports):`);
  for (const [edition, s] of [...byEdition].sort((a, b) => a[0] - b[0])) {
    console.log(`    ${edition} edition, ${s.json.length} reports — JSON ${spread(s.json)}; CSV ${spread(s.csv)}`);
  }
}
