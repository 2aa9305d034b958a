/** Where the shared reference files are: `../shared` beside the checkout (or NIANBAO_SHARED). */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseString } from '@fast-csv/parse';
import { loadReportText, type LoadedReport } from '../src/load/report.ts';
import { readManifest } from '../src/site/manifest.ts';

const CANDIDATES = [process.env.NIANBAO_SHARED, '../shared', '../../shared'].filter((p): p is string => Boolean(p));

/** The shared folder; throws (failing the test) when it cannot be found. */
export function sharedDir(): string {
  for (const c of CANDIDATES) if (existsSync(path.join(c, 'seeds'))) return path.resolve(c);
  throw new Error(`找不到共享资料目录（seeds、corpus）：试过 ${CANDIDATES.join('、')}。可用环境变量 NIANBAO_SHARED 指定。`);
}

/** Seed text file → the hand-authored report it was transcribed into. */
export const SEEDS: Readonly<Record<string, string>> = {
  '000_3a1735077e09b84e.txt': 'luanzhou-leizhuang',
  '001_98f5ae91cf61213a.txt': 'yijun-yaosheng-leiyuan',
  '002_cc4698f0161a297f.txt': 'laizhou-zhuqiao',
  '003_afd3ce171a558573.txt': 'dingzhou-haotouzhuang',
  '004_f7fab5510749a469.txt': 'huoshan-hengshan',
};

/** Load YAML text that must pass the schema. */
export function mustLoad(text: string, file: string): LoadedReport {
  const result = loadReportText(text, file);
  if (!result.loaded) throw new Error(`${file} did not load:\n${result.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`).join('\n')}`);
  return result.loaded;
}

/** Path → sha256 of every file under a folder. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = path.join(e.parentPath, e.name);
    out[path.relative(dir, p)] = createHash('sha256').update(await readFile(p)).digest('hex');
  }
  return out;
}

/** A CSV's rows as a real CSV reader (@fast-csv/parse) reads them, every field a string. */
export const readCsv = (text: string): Promise<string[][]> =>
  new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString(text, { headers: false })
      .on('data', (r: string[]) => rows.push(r))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });

/** That the record of the output of `out`, as read, names every file of it with its stamp as the file system gives it, and every file it keys is there. */
export async function recordHoldsOutput(out: string): Promise<void> {
  const m = readManifest(out);
  assert.ok(m, `a record of ${out}`);
  const present = Object.keys(await snapshot(out));
  assert.deepEqual(Object.keys(m.stats).sort(), [...present].sort());
  for (const [rel, stamp] of Object.entries(m.stats)) {
    const st = statSync(path.join(out, rel));
    assert.deepEqual(stamp, [st.size, st.mtimeMs, st.ctimeMs], rel);
  }
  const named = Object.keys(m.files).filter((rel) => !rel.endsWith('/'));
  assert.deepEqual(named.filter((rel) => !present.includes(rel)), []);
}
