/**
 * Import figures over every import input with a truth: the shared real-report cases
 * (../shared/cases/import) and tests/fixtures/import/kinds (each kind in txt, html, docx, pdf).
 * Prints, per folder and in all: cells placed exactly / cells in the sources, cells wrong,
 * numbers invented (a number where the source printed none; must be 0), cells guessed (placed by
 * position, flagged for the clerk), cells left unfilled, drafts written / inputs, and wall time.
 *
 * Run: node --import tsx bench/import.ts   (also a step of `npm run bench`).
 */
import path from 'node:path';
import { casesIn, type CaseScore, scoreCase } from './import-score.ts';

const shared = [process.env.NIANBAO_SHARED, '../shared', '../../shared'].find((p) => p && p.length) ?? '../shared';
const folders = [path.join(shared, 'cases', 'import'), 'tests/fixtures/import/kinds'];

const all: CaseScore[] = [];
const line = (label: string, list: readonly CaseScore[], ms: number): string => {
  const cells = list.reduce((n, s) => n + s.cells, 0);
  const exact = list.reduce((n, s) => n + s.exact, 0);
  const wrong = list.reduce((n, s) => n + s.wrong.length, 0);
  const invented = list.reduce((n, s) => n + s.invented.length + s.wrong.length, 0);
  const guessed = list.reduce((n, s) => n + s.guessed, 0);
  const missing = list.reduce((n, s) => n + s.missing.length, 0);
  const written = list.filter((s) => s.written).length;
  const pct = cells ? ((100 * exact) / cells).toFixed(1) : '—';
  return `  ${label.padEnd(34)} placed exactly ${exact}/${cells} (${pct} %)  wrong ${wrong}  invented ${invented}  guessed ${guessed}  unfilled ${missing}  drafts ${written}/${list.length}  ${(ms / 1000).toFixed(1)} s`;
};

console.log('import — cells of every input with a truth');
const started = performance.now();
for (const folder of folders) {
  const t = performance.now();
  const cases = await casesIn(folder).catch(() => []);
  if (!cases.length) {
    console.log(`  ${folder}: no cases found`);
    continue;
  }
  const scores: CaseScore[] = [];
  for (const c of cases) scores.push(await scoreCase(c));
  all.push(...scores);
  for (const ext of [...new Set(scores.map((s) => path.extname(s.input)))].sort()) {
    const part = scores.filter((s) => path.extname(s.input) === ext);
    console.log(line(`${path.basename(path.dirname(folder)) === 'cases' ? 'shared cases' : 'kinds'} ${ext}`, part, 0).replace(/  0\.0 s$/, ''));
  }
  console.log(line(`${folder}`, scores, performance.now() - t));
}
console.log(line('all inputs', all, performance.now() - started));
