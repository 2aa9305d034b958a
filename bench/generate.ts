/**
 * Synthetic report corpora for benchmarks and load tests: N reports across a region tree
 * (provinces → cities → counties → townships, plus provincial, city and county departments),
 * both template editions, deterministic for a seed. Report i depends only on (seed, i), so a
 * smaller corpus is a prefix of a larger one.
 *
 * Usage: tsx bench/generate.ts --n 1000 [--seed 1] [--out bench/out/corpus-1000]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { guessAgencyKind } from '../schema/agency-kind.ts';
import { cellsOf, type CellDef } from '../schema/cells.ts';
import { EDITIONS, editionForYear, type EditionId } from '../schema/editions/index.ts';
import type { LEVELS } from '../schema/report.ts';
import type { Grid } from '../schema/template.ts';
import { reportToYaml, type ReportDraft } from '../src/write/report-yaml.ts';

/** mulberry32: small, fast, good enough for test data; same seed → same sequence everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mix = (a: number, b: number): number => {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
};

/** Syllables of place names with their pinyin, combined two by two. */
const SYLLABLES: readonly (readonly [string, string])[] = [
  ['安', 'an'], ['平', 'ping'], ['阳', 'yang'], ['山', 'shan'], ['河', 'he'], ['东', 'dong'], ['西', 'xi'], ['南', 'nan'],
  ['北', 'bei'], ['清', 'qing'], ['泉', 'quan'], ['城', 'cheng'], ['新', 'xin'], ['丰', 'feng'], ['宁', 'ning'], ['江', 'jiang'],
  ['湖', 'hu'], ['林', 'lin'], ['石', 'shi'], ['桥', 'qiao'], ['水', 'shui'], ['云', 'yun'], ['龙', 'long'], ['凤', 'feng'],
  ['华', 'hua'], ['兴', 'xing'], ['永', 'yong'], ['长', 'chang'], ['庄', 'zhuang'], ['黄', 'huang'], ['白', 'bai'], ['金', 'jin'],
  ['马', 'ma'], ['高', 'gao'], ['桃', 'tao'], ['柳', 'liu'], ['沙', 'sha'], ['泰', 'tai'], ['和', 'he'], ['临', 'lin'],
  ['武', 'wu'], ['文', 'wen'], ['顺', 'shun'], ['广', 'guang'], ['海', 'hai'], ['岭', 'ling'], ['溪', 'xi'], ['塘', 'tang'],
];

/** Departments that publish their own reports, with their id suffix. */
const DEPARTMENTS: readonly (readonly [string, string])[] = [
  ['人民政府办公室', 'bangongshi'], ['公安局', 'gongan'], ['自然资源和规划局', 'ziranziyuan'], ['生态环境局', 'shengtai'],
  ['住房和城乡建设局', 'zhujian'], ['市场监督管理局', 'shichang'], ['人力资源和社会保障局', 'renshe'], ['教育局', 'jiaoyu'],
];

const SHAPE = { provinceDepartments: 3, cities: 10, cityDepartments: 4, counties: 8, countyDepartments: 4, townships: 11 } as const;

/** Report years: each agency publishes one report in each, so both editions appear. */
export const YEARS = [2020, 2021] as const;

type Level = (typeof LEVELS)[number];

export interface SyntheticAgency {
  readonly id: string;
  readonly name: string;
  readonly region: readonly string[];
  readonly level: Level;
  /** 0 = nothing happened all year; larger = busier. */
  readonly activity: number;
}

/** Agencies in a fixed order, generated lazily from the seed. */
export function* agencies(seed: number): Generator<SyntheticAgency> {
  const rng = prng(mix(seed, 0x5eed));
  const ids = new Set<string>();
  const uniqueId = (base: string): string => {
    let id = base;
    for (let k = 2; ids.has(id); k++) id = `${base}-${k}`;
    ids.add(id);
    return id;
  };
  const namer = () => {
    const used = new Set<string>();
    return (suffixes: readonly string[]): { name: string; pinyin: string; full: string } => {
      for (;;) {
        const a = SYLLABLES[Math.floor(rng() * SYLLABLES.length)]!;
        const b = SYLLABLES[Math.floor(rng() * SYLLABLES.length)]!;
        if (a === b) continue;
        const name = a[0] + b[0];
        if (used.has(name)) continue;
        used.add(name);
        const suffix = suffixes[Math.floor(rng() * suffixes.length)]!;
        return { name, pinyin: a[1] + b[1], full: name + suffix };
      }
    };
  };
  const provinceName = namer();
  for (let p = 0; ; p++) {
    const prov = provinceName(['省']);
    for (let d = 0; d < SHAPE.provinceDepartments; d++) {
      const [dept, slug] = DEPARTMENTS[(p + d) % DEPARTMENTS.length]!;
      const name = `${prov.full}${dept.replace('人民政府办公室', '人民政府办公厅').replace(/局$/, '厅')}`;
      yield { id: uniqueId(`${prov.pinyin}-${slug}`), name, region: [prov.full], level: '省级', activity: 2 + rng() * 3 };
    }
    const cityName = namer();
    for (let c = 0; c < SHAPE.cities; c++) {
      const city = cityName(['市']);
      // A few cities are large: their departments receive thousands of applications.
      const big = rng() < 0.08;
      for (let d = 0; d < SHAPE.cityDepartments; d++) {
        const [dept, slug] = DEPARTMENTS[(c + d) % DEPARTMENTS.length]!;
        yield { id: uniqueId(`${city.pinyin}-${slug}`), name: `${city.full}${dept}`, region: [prov.full, city.full], level: '市级', activity: big ? 8 + rng() * 4 : 1 + rng() * 3 };
      }
      const countyName = namer();
      for (let k = 0; k < SHAPE.counties; k++) {
        const county = countyName(['县', '县', '区', '市']);
        for (let d = 0; d < SHAPE.countyDepartments; d++) {
          const [dept, slug] = DEPARTMENTS[(k + d) % DEPARTMENTS.length]!;
          yield { id: uniqueId(`${county.pinyin}-${slug}`), name: `${county.full}${dept}`, region: [prov.full, city.full, county.full], level: '县级', activity: rng() < 0.3 ? 0 : rng() * 2 };
        }
        const townName = namer();
        for (let t = 0; t < SHAPE.townships; t++) {
          const town = townName(['镇', '镇', '乡', '街道']);
          const office = town.full.endsWith('街道') ? '街道办事处' : '人民政府';
          yield {
            id: uniqueId(`${county.pinyin}-${town.pinyin}`),
            name: `${county.full}${town.full}${office}`,
            region: [prov.full, city.full, county.full, town.full],
            level: '乡级',
            // Most townships receive no applications at all in a year.
            activity: rng() < 0.8 ? 0 : rng() * 0.8,
          };
        }
      }
    }
  }
}

const int = (rng: () => number, max: number): number => Math.floor(rng() * (max + 1));

/** A count drawn for an agency's activity: mostly small, with a long tail for busy ones. */
function count(rng: () => number, activity: number): number {
  if (activity === 0) return 0;
  const scale = Math.exp(activity) - 1;
  return Math.floor(scale * rng() * rng() * 2);
}

/** Split `total` into `parts` counts, most of it in the first part. */
function split(rng: () => number, total: number, parts: number): number[] {
  const out = new Array<number>(parts).fill(0);
  let left = total;
  for (let i = 1; i < parts && left > 0; i++) {
    if (rng() < 0.6) continue;
    const n = int(rng, Math.floor(left * 0.3));
    out[i] = n;
    left -= n;
  }
  out[0] = left;
  return out;
}

const PROSE_OPENINGS = [
  '根据《中华人民共和国政府信息公开条例》和上级关于政府信息公开工作年度报告的通知要求，现将本机关{y}年度政府信息公开工作情况报告如下。',
  '{y}年，{n}坚持以人民为中心，认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。',
];
const PROSE_PARAGRAPHS = [
  '一是主动公开情况。全年通过政府门户网站主动公开政府信息{a}条，其中机构职能、政策文件、财政预决算等重点领域信息{b}条，做到应公开尽公开。',
  '二是依申请公开情况。全年共收到政府信息公开申请{c}件，均依法依规予以处理。因政府信息公开工作被申请行政复议{r}件，提起行政诉讼{l}件。',
  '三是政府信息管理情况。严格落实“先审查、后公开”和“一事一审”制度，明确信息公开审查责任，确保公开内容准确、及时、规范，未发生泄密事件。',
  '四是平台建设情况。持续优化政府网站信息公开专栏，规范栏目设置，及时更新内容，同时依托政务新媒体发布信息{d}条，拓宽公众获取信息的渠道。',
  '五是监督保障情况。成立政务公开工作领导小组，主要负责同志亲自抓，分管负责同志具体抓，将政务公开工作纳入年度绩效考核，组织业务培训{e}次。',
  '六是重点领域信息公开情况。围绕乡村振兴、民生保障、安全生产等群众关切，及时公开惠民政策、资金使用和项目实施情况，主动回应社会关切。',
];
const PROSE_PROBLEMS = [
  '本年度工作中仍存在一些不足：一是公开内容的深度和广度有待拓展；二是政策解读形式较为单一；三是工作人员业务能力需进一步提高。',
  '下一步，将从以下方面加以改进：\n\n- 加强业务培训，提升工作人员的政策水平和业务能力；\n- 丰富政策解读形式，多用图表、音视频等方式解读政策；\n- 完善考核机制，推动政府信息公开工作常态化、制度化。',
];

const fill = (text: string, vars: Record<string, string | number>): string => text.replace(/\{(\w)\}/g, (_, k: string) => String(vars[k] ?? ''));

/** How a synthetic report breaks a rule on purpose (warnings only, never errors). */
export type Quirk = 'R6' | 'R7' | 'EDITION-YEAR' | 'nulls' | null;

/** The i-th report of a corpus: its agency, year, and YAML text. */
export interface SyntheticReport {
  readonly year: number;
  readonly agency: SyntheticAgency;
  readonly quirk: Quirk;
  readonly text: string;
}

function gridChecks(edition: EditionId, values: Map<string, number | null>, rng: () => number, quirk: Quirk): void {
  const cells = cellsOf(EDITIONS[edition]);
  const grids = new Map<Grid, CellDef[]>();
  for (const c of cells) grids.set(c.grid, [...(grids.get(c.grid) ?? []), c]);
  let quirkDone = false;
  for (const [grid, gridCells] of grids) {
    const at = (rowKeys: readonly string[], colKeys: readonly string[]) =>
      gridCells.find((c) => c.rowKeys.join('/') === rowKeys.join('/') && c.colKeys.join('/') === colKeys.join('/'))!;
    const columns = [...new Map(gridCells.filter((c) => !c.total).map((c) => [c.colKeys.join('/'), c.colKeys])).values()];
    for (const check of grid.checks ?? []) {
      if (check.type === 'balance') {
        // Applications received and carried over are either handled (split over the results
        // the handled total adds up) or carried forward.
        for (const col of columns) {
          const left = check.left.reduce((s, r) => s + (values.get(at(r, col).id) ?? 0), 0);
          const [handledRow, forwardRow] = check.right as [string[], string[]];
          const forward = Math.min(values.get(at(forwardRow, col).id) ?? 0, left);
          values.set(at(forwardRow, col).id, forward);
          const results = at(handledRow, col).total?.of ?? [];
          split(rng, left - forward, results.length).forEach((n, i) => values.set(results[i]!, n));
        }
      } else if (check.type === 'non-negative-sum') {
        for (const row of check.rows) {
          const [prev, delta] = check.columns.map((c) => at(row, [c]));
          const p = values.get(prev!.id) ?? 0;
          const d = values.get(delta!.id) ?? 0;
          if (quirk === 'R6' && !quirkDone) {
            values.set(delta!.id, -p - 1 - int(rng, 3));
            quirkDone = true;
          } else if (p + d < 0) values.set(delta!.id, -p);
        }
      } else {
        for (const row of check.rows) {
          const lesser = at(row, [check.lesser]);
          const greater = at(row, [check.greater]);
          const a = values.get(lesser.id) ?? 0;
          const b = values.get(greater.id) ?? 0;
          if (quirk === 'R7' && !quirkDone) {
            values.set(lesser.id, b + 1 + int(rng, 5));
            quirkDone = true;
          } else if (a > b) values.set(greater.id, a + int(rng, 20));
        }
      }
    }
  }
}

/** Applications received in the year: the first row of section 三, every applicant column but the total. */
function received(cells: readonly CellDef[], values: ReadonlyMap<string, number | null>): number {
  const table = cells.filter((c) => c.section.id === '三');
  const first = table[0]!.rowKeys.join('/');
  return table.filter((c) => !c.total && c.rowKeys.join('/') === first).reduce((s, c) => s + (values.get(c.id) ?? 0), 0);
}

/** The i-th report of the corpus for `seed`. */
export function syntheticReport(seed: number, agency: SyntheticAgency, year: number, index: number): SyntheticReport {
  const rng = prng(mix(seed, index + 1));
  const roll = rng();
  let edition = editionForYear(year);
  let quirk: Quirk = null;
  if (roll < 0.02 && edition === 2019 && agency.activity > 0) quirk = 'R7';
  else if (roll < 0.04 && edition === 2019 && agency.activity > 0) quirk = 'R6';
  else if (roll < 0.06 && year === 2020) {
    quirk = 'EDITION-YEAR';
    edition = 2021;
  } else if (roll < 0.1) quirk = 'nulls';
  const cells = cellsOf(EDITIONS[edition]);
  const values = new Map<string, number | null>();
  for (const cell of cells) {
    if (cell.total) continue;
    if (cell.kind === 'delta') values.set(cell.id, agency.activity === 0 ? 0 : int(rng, 4) - 1);
    else if (cell.kind === 'money') {
      const places = 10 ** Math.min(cell.decimals ?? 2, 2);
      values.set(cell.id, agency.activity === 0 ? 0 : Math.round(count(rng, agency.activity) * rng() * 1000 * places) / places);
    } else values.set(cell.id, count(rng, agency.activity));
  }
  gridChecks(edition, values, rng, quirk);
  if (quirk === 'nulls') {
    // Blank cells only where the template has no totals, so every stated total stays exact.
    const free = cells.filter((c) => !c.total && c.section.id === '二');
    for (let k = 0; k < 1 + int(rng, 2); k++) values.set(free[Math.floor(rng() * free.length)]!.id, null);
  }
  const byId = new Map(cells.map((c) => [c.id, c]));
  const total = (cell: CellDef): number | null => {
    if (values.has(cell.id)) return values.get(cell.id)!;
    let sum: number | null = 0;
    for (const id of cell.total!.of) {
      const v = total(byId.get(id)!);
      sum = sum === null || v === null ? null : sum + v;
    }
    values.set(cell.id, sum);
    return sum;
  };
  cells.forEach(total);

  const vars = {
    y: year,
    n: agency.name,
    a: count(rng, agency.activity + 2) + 5,
    b: int(rng, 30),
    c: received(cells, values),
    // The prose quotes the tables' own 表四 totals, as a report should (R9 compares them).
    r: values.get('四/行政复议/总计') ?? 0,
    l: (values.get('四/行政诉讼/未经复议直接起诉/总计') ?? 0) + (values.get('四/行政诉讼/复议后起诉/总计') ?? 0),
    d: int(rng, 200),
    e: 1 + int(rng, 5),
  };
  const paragraphs = [...PROSE_PARAGRAPHS].sort(() => rng() - 0.5).slice(0, 4 + int(rng, 2));
  const draft: ReportDraft = {
    edition,
    year,
    agency: {
      id: agency.id,
      name: agency.name,
      region: agency.region,
      level: agency.level,
      // As `nianbao new` writes it: told from the name, left empty when the name does not tell.
      kind: guessAgencyKind(agency.name) ?? null,
      ...(rng() < 0.4 ? { contact: { 电话: `0${300 + int(rng, 599)}-${1000000 + int(rng, 8999999)}`, 邮编: String(100000 + int(rng, 899999)) } } : {}),
    },
    title: `${agency.name}${year}年政府信息公开工作年度报告`,
    published: rng() < 0.05 ? null : `${year + 1}-01-${String(10 + int(rng, 20)).padStart(2, '0')}`,
    ...(rng() < 0.5 ? { preamble: fill(PROSE_OPENINGS[int(rng, PROSE_OPENINGS.length - 1)]!, vars) } : {}),
    prose: {
      一: paragraphs.map((p) => fill(p, vars)).join('\n\n'),
      五: PROSE_PROBLEMS.join('\n\n'),
      ...(rng() < 0.5 ? { 六: `本机关${year}年度未收取信息处理费。` } : {}),
    },
    values,
    omitTotals: rng() < 0.3,
  };
  return { year, agency, quirk, text: reportToYaml(draft) };
}

/** The first n reports of the corpus for a seed: each agency once per year in YEARS. */
export function* corpus(n: number, seed = 1): Generator<SyntheticReport> {
  let i = 0;
  for (const agency of agencies(seed)) {
    for (const year of YEARS) {
      if (i >= n) return;
      yield syntheticReport(seed, agency, year, i);
      i++;
    }
  }
}

/** Write the corpus as reports/<year>/<id>.yaml under `dir` (emptied first); returns the files. */
export function writeCorpus(dir: string, n: number, seed = 1): string[] {
  rmSync(dir, { recursive: true, force: true });
  const files: string[] = [];
  for (const year of YEARS) mkdirSync(path.join(dir, String(year)), { recursive: true });
  for (const r of corpus(n, seed)) {
    const file = path.join(dir, String(r.year), `${r.agency.id}.yaml`);
    writeFileSync(file, r.text);
    files.push(file);
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1]! : fallback;
  };
  const n = Number(arg('n', '1000'));
  const seed = Number(arg('seed', '1'));
  const out = arg('out', `bench/out/corpus-${n}`);
  const started = performance.now();
  const files = writeCorpus(out, n, seed);
  console.log(`${files.length} reports → ${out} (${Math.round(performance.now() - started)} ms)`);
}
