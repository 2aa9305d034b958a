/**
 * The search index: one Pagefind record per report holding what readers look for — the
 * agency's name, its places and the year — instead of every page's full text, which costs
 * far more time and memory at scale (see the performance notes).
 *
 * The index is written in parts, each a Pagefind bundle of its own under `pagefind/<part>/`,
 * which the search page merges in the browser (Pagefind's `mergeIndex`). A report goes to the
 * part its agency's id hashes to, so an edit re-makes one part of at most about
 * PART_SIZE records, every year of an agency is in the same part, and each part is a random
 * sample of the whole: word statistics, and so the scores of results from different parts,
 * are alike.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { hash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Corpus } from '../load/corpus.ts';
import type { ReportEntry } from '../load/entry.ts';
import { reportUrl, type ReportView } from './report-view.ts';

/** One entry of the index, as handed to Pagefind's `addCustomRecord`. */
export interface SearchRecord {
  readonly url: string;
  readonly content: string;
  readonly language: 'zh';
  readonly meta: Record<string, string>;
  readonly filters: Record<string, string[]>;
  readonly sort: Record<string, string>;
}

/** The names of the filters the search page offers, with their Chinese labels. */
export const SEARCH_FILTERS = { year: '年度', region: '地区', level: '机关层级' } as const;

type SearchFields = Pick<ReportView, 'url' | 'year' | 'agencyName' | 'region' | 'level' | 'title'>;

/** The fields a record needs, read straight from the report (no page rendering). */
export function searchFields(r: ReportEntry): SearchFields {
  return { url: reportUrl(r.year, r.agency.id), year: r.year, agencyName: r.agency.name, region: r.agency.region, level: r.agency.level, title: r.title };
}

/** The record of one report; `region` filters on the province, the text holds every place name. */
export function searchRecord(r: SearchFields): SearchRecord {
  const places = r.region.join(' ');
  return {
    url: r.url,
    // The segmenter that indexes and the one that splits a reader's query may cut a long
    // name differently, so the name is also given cut at its place names, and places are
    // given without their administrative suffix (朱桥, 烟台) for partial names.
    content: [r.agencyName, splitAtPlaces(r.agencyName, r.region), r.title, places, ...r.region.map(shortPlaceName), `${r.year}年`, r.level].join(' '),
    language: 'zh',
    meta: { title: r.title, agency: r.agencyName, year: String(r.year), region: r.region.join(' › '), level: r.level },
    filters: { year: [String(r.year)], region: r.region.slice(0, 1), level: [r.level] },
    sort: { year: String(r.year) },
  };
}

/** 定州市号头庄回族乡人民政府 with places [… 定州市, 号头庄回族乡] → 定州市 号头庄回族乡 人民政府. */
export function splitAtPlaces(name: string, places: readonly string[]): string {
  let out = name;
  for (const p of [...places].sort((a, b) => b.length - a.length)) out = out.split(p).join(` ${p} `);
  return out.replace(/\s+/g, ' ').trim();
}

const SUFFIXES = ['特别行政区', '自治区', '自治州', '自治县', '街道办事处', '街道', '地区', '省', '市', '区', '县', '旗', '盟', '镇', '乡'];

/** 烟台市 → 烟台, 朱桥镇 → 朱桥; names that would become a single character stay whole. */
export function shortPlaceName(name: string): string {
  for (const s of SUFFIXES) {
    if (name.endsWith(s) && name.length - s.length >= 2) return name.slice(0, -s.length);
  }
  return name;
}

/** Records a part of the index holds at most, on average: an edit re-indexes one part. */
export const PART_SIZE = 2000;

/** One part of the index: a Pagefind bundle of its own at `pagefind/<name>/`. */
export interface SearchPart {
  /** Folder name under `pagefind/`: the part's number, from 0. */
  readonly name: string;
  /** Its records with the report file each is made from (for error messages), in corpus order. */
  readonly records: readonly (readonly [file: string, record: SearchRecord])[];
}

/** The number of parts for `reports` records: the least power of two giving parts of at most `size` on average. */
export function partCount(reports: number, size = PART_SIZE): number {
  let n = 1;
  while (reports / n > size) n *= 2;
  return n;
}

/** The part (0 ≤ part < count) of an agency: the first 32 bits of the SHA-1 of its id, modulo count. */
export function partOf(agencyId: string, count: number): number {
  return hash('sha1', agencyId, 'buffer').readUInt32BE(0) % count;
}

/**
 * The index's parts for these reports, in part order, empty parts left out. Which part a
 * report is in depends only on its agency's id and the number of parts, so an edit changes
 * the records of one part (two if it changes an id), unless it changes the number of parts.
 */
export function searchParts(reports: readonly ReportEntry[], size = PART_SIZE): SearchPart[] {
  return searchPartReports(reports, size).map(withRecords);
}

/** The reports of each of the index's parts, as `searchParts` divides them, before their records are made. */
export function searchPartReports(reports: readonly ReportEntry[], size = PART_SIZE): { readonly name: string; readonly reports: readonly ReportEntry[] }[] {
  const count = partCount(reports.length, size);
  const parts = Array.from({ length: count }, () => [] as ReportEntry[]);
  for (const r of reports) parts[partOf(r.agency.id, count)]!.push(r);
  return parts.flatMap((list, i) => (list.length ? [{ name: String(i), reports: list }] : []));
}

/** A part of `searchPartReports` with its records. */
export const withRecords = (part: { readonly name: string; readonly reports: readonly ReportEntry[] }): SearchPart => ({
  name: part.name,
  records: part.reports.map((r) => [r.file, searchRecord(searchFields(r))] as const),
});

/** Site paths of the index's parts, in part order (the first is the one the search page loads; it merges the others). */
export function searchPartPaths(reports: readonly Pick<ReportEntry, 'agency'>[], size = PART_SIZE): string[] {
  const count = partCount(reports.length, size);
  const used = new Set(reports.map((r) => partOf(r.agency.id, count)));
  return [...used].sort((a, b) => a - b).map((i) => partPath(String(i)));
}

/** Site path of a part's bundle (without the path prefix): `/pagefind/<name>/`. */
export const partPath = (name: string): string => `/pagefind/${name}/`;

/**
 * A failure of the search index step. `diskFull` when the disk (or quota) ran out: Pagefind
 * reports that only as a panic of its indexer, in English.
 */
export class SearchIndexError extends Error {
  readonly diskFull: boolean;
  constructor(message: string, diskFull: boolean) {
    super(message);
    this.diskFull = diskFull;
  }
}

const PAGEFIND_PROCESS = fileURLToPath(new URL('./pagefind-process.js', import.meta.url));

/** Text that says a write failed for want of space: the OS error's name or its text (Rust's included). */
export const NO_SPACE = /ENOSPC|EDQUOT|No space left on device|Disk quota exceeded|os error 28\b|StorageFull/i;

/**
 * Post-build step: write the index's parts (all of them unless `parts` is given) to
 * `<dir>/pagefind/<part>/`, each a whole Pagefind bundle (index and its browser script).
 * Pagefind runs in a child process (see pagefind-process.js) that makes one part at a time,
 * so its memory is that of one part; a crash of its indexer is an error here —
 * SearchIndexError, in Chinese — and never an English panic or a silent exit.
 */
export async function writeSearchIndex(dir: string, corpus: Corpus, parts: readonly SearchPart[] = searchParts(corpus.reports)): Promise<void> {
  if (parts.length === 0) return;
  // The records go to the child in a file written here and now, synchronously, not through a
  // pipe: a pipe is fed only while this thread's event loop turns, and a rebuild's main thread
  // then works on for seconds (summaries, keys) while Pagefind waited for its records (a title
  // edit at 40,000 reports: a part indexed in some 0.8 s alone ended 2-3.5 s after the keys).
  const folder = mkdtempSync(path.join(tmpdir(), 'nianbao-search-'));
  try {
    const recordsFile = path.join(folder, 'records.jsonl');
    const fd = openSync(recordsFile, 'w');
    try {
      for (const part of parts) {
        for (let i = 0; i < part.records.length; i += RECORDS_AT_ONCE) {
          writeSync(fd, part.records.slice(i, i + RECORDS_AT_ONCE).map(([file, record]) => `${JSON.stringify([part.name, file, record])}\n`).join(''));
        }
      }
    } finally {
      closeSync(fd);
    }
    const child = spawn(process.execPath, [PAGEFIND_PROCESS, path.join(dir, 'pagefind'), recordsFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (exit) => resolve(exit));
    });
    if (code !== 0) throw indexFailure(stderr, code);
  } catch (e) {
    if (e instanceof SearchIndexError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new SearchIndexError('磁盘空间不足，搜索索引没有写完。', true);
    throw e;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Records written to the child's file at a time: its text is never held whole (40,000 records: some 28 MB). */
const RECORDS_AT_ONCE = 1000;

/** The error of Pagefind's process that ended with `code`, from what it said (`stderr`). */
function indexFailure(stderr: string, code: number | null): SearchIndexError {
  const said = stderr.trim();
  if (NO_SPACE.test(said)) return new SearchIndexError('磁盘空间不足，搜索索引没有写完。', true);
  // Pagefind's own panic text is of no use to a clerk; the first line of our own message is.
  const ours = said.split('\n').find((l) => /[\u4e00-\u9fff]/.test(l));
  return new SearchIndexError(ours ?? `搜索索引程序 Pagefind 意外退出（退出码 ${code}）：${said.split('\n').slice(0, 3).join(' ')}`, false);
}
