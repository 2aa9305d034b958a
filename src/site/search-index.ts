/**
 * The search index: one Pagefind record per report holding what readers look for — the
 * agency's name, its places and the year — instead of every page's full text, which costs
 * far more time and memory at scale (see the performance notes).
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
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

/** Records sent to the index process before waiting for its replies. */
const ADD_BATCH = 500;

const UNUSED_BUNDLE_FILE = /^pagefind-(ui|component-ui|modular-ui|highlight)\.(js|css)$/;

/** Post-build step: write the Pagefind bundle (index and its browser script) to `<dir>/pagefind/`. */
export async function writeSearchIndex(dir: string, corpus: Corpus): Promise<void> {
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh' });
    if (!index) throw new Error(`无法建立搜索索引：${errors.join('；')}`);
    // Records are sent in batches without waiting for each reply: the index process handles
    // them in the order sent, and the round trip per record was a third of the indexing time.
    for (let i = 0; i < corpus.reports.length; i += ADD_BATCH) {
      const batch = corpus.reports.slice(i, i + ADD_BATCH);
      const added = await Promise.all(batch.map((r) => index.addCustomRecord(searchRecord(searchFields(r)))));
      const failed = added.findIndex((a) => a.errors.length > 0);
      if (failed >= 0) throw new Error(`搜索索引无法收录 ${batch[failed]!.file}：${added[failed]!.errors.join('；')}`);
    }
    const out = path.join(dir, 'pagefind');
    const written = await index.writeFiles({ outputPath: out });
    if (written.errors.length) throw new Error(`搜索索引写入失败：${written.errors.join('；')}`);
    // The search page has its own small script; Pagefind's ready-made interfaces are not served.
    for (const f of await readdir(out)) if (UNUSED_BUNDLE_FILE.test(f)) await rm(path.join(out, f));
  } finally {
    await pagefind.close();
  }
}
