/**
 * `node --import tsx bench/search.ts`: the search index alone, for the synthetic corpora of
 * bench/generate.ts (N = 10,000 and 40,000; BENCH_SIZES=… for others), split into parts in
 * each of the ways considered — one index, one part per year, one per province and year, and
 * the parts the build uses (by the hash of the agency's id, PART_SIZE records at most on
 * average). For each: the number of parts and of records in the largest, the time and peak
 * RSS of making every part (a build from nothing) and of making the largest part alone (the
 * most an edit re-makes). Pagefind runs as the build runs it (src/site/pagefind-process.js,
 * one part after another in one process), under /usr/bin/time; the records are those the
 * build makes (searchRecord), without reading any report. BENCH_SEARCH=by measures only the
 * build's own way.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { agencies, YEARS } from './generate.ts';
import { partCount, partOf, searchRecord, type SearchRecord } from '../src/site/search-index.ts';
import { reportUrl } from '../src/site/report-view.ts';

const OUT = `bench/out/search-${process.pid}`;
const sizes = (process.env.BENCH_SIZES ?? '10000,40000').split(',').map(Number).filter((n) => n > 0);
/** BENCH_SEARCH=by (or 'one', 'per year' …): only the ways whose name starts so. */
const only = process.env.BENCH_SEARCH;

interface Item {
  readonly id: string;
  readonly year: number;
  readonly province: string;
  readonly record: SearchRecord;
}

/** The first n reports' records, as bench/generate.ts makes the corpus (each agency once per year). */
function items(n: number): Item[] {
  const out: Item[] = [];
  for (const a of agencies(1)) {
    for (const year of YEARS) {
      if (out.length >= n) return out;
      const fields = { url: reportUrl(year, a.id), year, agencyName: a.name, region: a.region, level: a.level, title: `${a.name}${year}年政府信息公开工作年度报告` };
      out.push({ id: a.id, year, province: a.region[0]!, record: searchRecord(fields) });
    }
  }
  return out;
}

/** The process ids below `pid` (children, grandchildren …), from the parent ids in /proc. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {}
  }
  const below = (p: number): number[] => (children.get(p) ?? []).flatMap((k) => [k, ...below(k)]);
  return below(pid);
}

/** Peak RSS (VmHWM, kB) of a running process, 0 once it has gone. */
function peakKB(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a running process has used so far, 0 once it has gone. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * Run the build's index process on these parts; wall seconds, CPU seconds of node and Pagefind
 * together, and peak RSS (MB) of the node process (from /usr/bin/time) and of Pagefind's own
 * binary, which node starts and ends itself: its peak and CPU time are read from /proc while
 * it runs, every 100 ms (so its CPU time may be short by up to 0.1 s).
 */
async function index(parts: readonly (readonly Item[])[]): Promise<{ wall: number; cpu: number; rssMB: number; pagefindMB: number }> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const timeFile = path.join('bench/out', `search-time-${process.pid}.txt`);
  const child = spawn('/usr/bin/time', ['-f', '%e %M %U %S', '-o', timeFile, process.execPath, 'src/site/pagefind-process.js', OUT], { stdio: ['pipe', 'inherit', 'inherit'] });
  const done = new Promise<number | null>((resolve) => child.on('close', resolve));
  parts.forEach((part, i) => {
    for (const it of part) child.stdin.write(`${JSON.stringify([String(i), it.id, it.record])}\n`);
  });
  child.stdin.end();
  seen.clear();
  const peaks = new Map<number, number>();
  const cpu = new Map<number, number>();
  const sampler = setInterval(() => {
    for (const pid of descendants(child.pid!)) {
      isNodeOrTime(pid);
      peaks.set(pid, Math.max(peaks.get(pid) ?? 0, peakKB(pid)));
      if (!isNodeOrTime(pid)) cpu.set(pid, Math.max(cpu.get(pid) ?? 0, cpuSeconds(pid)));
    }
  }, 100);
  const code = await done;
  clearInterval(sampler);
  if (code !== 0) throw new Error('the index process failed');
  // The largest process below node's (the time command and node itself are the first two).
  const pagefindKB = Math.max(0, ...[...peaks].filter(([pid]) => !isNodeOrTime(pid)).map(([, kb]) => kb));
  const [wall, rssKB, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number, number];
  rmSync(timeFile, { force: true });
  const pagefindCpu = [...cpu.values()].reduce((a, b) => a + b, 0);
  return { wall, cpu: user + sys + pagefindCpu, rssMB: Math.round(rssKB / 1024), pagefindMB: Math.round(pagefindKB / 1024) };
}

const seen = new Map<number, boolean>();
/** Whether a process is node or /usr/bin/time (checked while it runs, remembered after). */
function isNodeOrTime(pid: number): boolean {
  if (!seen.has(pid)) {
    let exe = '';
    try {
      exe = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {}
    seen.set(pid, exe === 'node' || exe === 'time');
  }
  return seen.get(pid)!;
}

const group = (all: readonly Item[], key: (it: Item) => string | number): Item[][] => {
  const m = new Map<string | number, Item[]>();
  for (const it of all) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
  return [...m.values()];
};

for (const n of sizes) {
  const all = items(n);
  const count = partCount(all.length);
  const schemes: [string, Item[][]][] = [
    ['one index', [all]],
    ['per year', group(all, (it) => it.year)],
    ['per province × year', group(all, (it) => `${it.province}/${it.year}`)],
    [`by agency id (${count} parts)`, group(all, (it) => partOf(it.id, count))],
  ];
  console.log(`\nN = ${all.length} (load ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  for (const [name, parts] of schemes.filter(([name]) => !only || name.startsWith(only))) {
    const largest = parts.reduce((a, b) => (b.length > a.length ? b : a));
    const whole = await index(parts);
    const one = await index([largest]);
    console.log(
      `  ${name.padEnd(28)} ${String(parts.length).padStart(4)} parts, largest ${String(largest.length).padStart(6)} records | every part: ${whole.wall.toFixed(1).padStart(5)} s (CPU ${whole.cpu.toFixed(1).padStart(5)} s), Pagefind ${String(whole.pagefindMB).padStart(5)} MB, node ${String(whole.rssMB).padStart(4)} MB | largest part alone: ${one.wall.toFixed(1).padStart(5)} s (CPU ${one.cpu.toFixed(1).padStart(5)} s), Pagefind ${String(one.pagefindMB).padStart(5)} MB`,
    );
  }
}
rmSync(OUT, { recursive: true, force: true });
