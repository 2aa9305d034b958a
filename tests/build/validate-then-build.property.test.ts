/**
 * Property: `validate` never passes a file that then breaks `build`. The seed reports
 * (reports/2020/*.yaml) are mutated with a fixed random seed — hostile names (.., index.html,
 * 300-byte names, < > " ' &, template syntax), control and invisible characters, other
 * encodings, stray bytes, deleted or repeated lines — and every mutant is validated. Each round
 * takes one accepted mutant per seed (different agencies, so they form one corpus) and builds
 * it: the build must succeed, write nothing outside its output folder, and leave no link to a
 * page it did not make. Bounded (a few builds) to stay fast enough for `npm test`.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from '../../src/build.ts';
import { loadCorpus } from '../../src/load/corpus.ts';
import { prng } from '../../bench/generate.ts';

process.env.NIANBAO_CACHE = '0';

const SEEDS = readdirSync('reports/2020').filter((f) => f.endsWith('.yaml')).sort();
const ROUNDS = 3;
/** Mutants tried per seed and round before the unmutated seed is used instead. */
const TRIES = 40;


const HOSTILE = [
  '..', '.', '...', '/', '\\', 'a/../..', 'index.html', 'INDEX.HTML', 'CON', 'nul.txt', 'x'.repeat(300), '长'.repeat(100), '长'.repeat(40),
  '<script>alert(1)</script>', `"'&<>`, "a'b&c", 'a&amp;b', '%2e%2e', '%', '#', '?', 'a b', ' ', '', '~', '-', '- x', ': x', '@x', '`x`',
  '{{ 7*7 }}', '{% raw %}', '${x}', '😀', '𠀀𠀁', 'null', '-1', '1e3', '0x10', '.inf', '!foo x', '*a', '&a x', '|', '>',
  '\u0000', '\u001b[31m', '\u202e', '\u200b', '\u00a0', '\ufeff', '\u2028', '\ufffd', '\t', 'pagefind', 'regions', '2020', 'assets',
];

type Mutation = (text: string, rnd: () => number) => string | Buffer;
const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)]!;
const hostile = (rnd: () => number) => pick(HOSTILE, rnd);
/** A hostile text as YAML: double-quoted (JSON escapes are YAML escapes), single-quoted or plain. */
const asYaml = (s: string, rnd: () => number) => {
  const r = rnd();
  return r < 0.5 ? JSON.stringify(s) : r < 0.75 ? `'${s.replace(/'/g, "''")}'` : s;
};
const lines = (text: string) => text.split('\n');
const onLine = (text: string, test: RegExp, change: (line: string) => string) => lines(text).map((l) => (test.test(l) ? change(l) : l)).join('\n');

const MUTATIONS: readonly Mutation[] = [
  // A region name (the folders of the region pages).
  (t, r) =>
    onLine(t, /^ {2}地区: \[/, (l) => {
      const m = /^( {2}地区: \[)([^\]]*)\](.*)$/.exec(l)!;
      const parts = m[2]!.split(',').map((s) => s.trim());
      parts[Math.floor(r() * parts.length)] = asYaml(hostile(r), r);
      if (r() < 0.3) parts.splice(1, 0, asYaml(hostile(r), r));
      return `${m[1]}${parts.join(', ')}]${m[3]}`;
    }),
  // The agency's name, the title, the date, the id.
  (t, r) => onLine(t, /^ {2}名称: /, () => `  名称: ${asYaml(`${hostile(r)}镇${hostile(r)}`, r)}`),
  (t, r) => onLine(t, /^标题: /, () => `标题: ${asYaml(hostile(r) + hostile(r), r)}`),
  (t, r) => onLine(t, /^发布日期: /, () => `发布日期: ${asYaml(hostile(r), r)}`),
  (t, r) => onLine(t, /^ {2}标识: /, () => `  标识: ${asYaml(hostile(r), r)}`),
  // A table cell.
  (t, r) => {
    const ls = lines(t);
    const cells = ls.map((l, i) => (/: \d+[,}]/.test(l) ? i : -1)).filter((i) => i >= 0);
    const i = pick(cells, r);
    ls[i] = ls[i]!.replace(/: \d+([,}])/, (_m, end: string) => `: ${asYaml(hostile(r), r)}${end}`);
    return ls.join('\n');
  },
  // Raw text into a prose paragraph or anywhere.
  (t, r) => {
    const at = Math.floor(r() * t.length);
    return t.slice(0, at) + hostile(r) + t.slice(at);
  },
  (t, r) => onLine(t, /^ {2}\S/, (l) => (r() < 0.05 ? `${l}${hostile(r)}` : l)),
  // Lines deleted, repeated, indented.
  (t, r) => {
    const ls = lines(t);
    ls.splice(Math.floor(r() * ls.length), 1);
    return ls.join('\n');
  },
  (t, r) => {
    const ls = lines(t);
    const i = Math.floor(r() * ls.length);
    ls.splice(i, 0, ls[i]!);
    return ls.join('\n');
  },
  (t, r) => {
    const ls = lines(t);
    const i = Math.floor(r() * ls.length);
    ls[i] = ` ${ls[i]}`;
    return ls.join('\n');
  },
  // Bytes: another encoding, a stray byte, a cut.
  (t, r) => (r() < 0.5 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]) : Buffer.from(t, 'utf16le')),
  (t, r) => {
    const b = Buffer.from(t);
    b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
    return b;
  },
  (t, r) => Buffer.from(t).subarray(0, Math.floor(r() * Buffer.byteLength(t))),
];

/** 1–3 mutations of a seed's text; half of them start with a region name, the names that become folders. */
function mutant(seed: string, rnd: () => number): string | Buffer {
  let out: string | Buffer = rnd() < 0.5 ? MUTATIONS[0]!(seed, rnd) : seed;
  const n = Math.floor(rnd() * 3);
  for (let i = 0; i < n && typeof out === 'string'; i++) out = pick(MUTATIONS, rnd)(out, rnd);
  return out;
}

/** Site paths of internal links (href="/…") that have no file in the site. */
function brokenLinks(site: string): string[] {
  const broken: string[] = [];
  const visit = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('.html')) {
        const html = readFileSync(p, 'utf8');
        for (const m of html.matchAll(/href="(\/[^"]*)"/g)) {
          const href = m[1]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
          if (href.startsWith('//')) continue;
          const target = path.join(site, decodeURIComponent(new URL(href, 'http://x').pathname));
          if (!existsSync(target.endsWith(path.sep) ? path.join(target, 'index.html') : target)) broken.push(`${path.relative(site, p)} → ${href}`);
        }
      }
    }
  };
  visit(site);
  return broken;
}

describe('validate never passes a file that then breaks build', () => {
  let tmp: string;
  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'nianbao-property-'));
  });
  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('a region name with quote, ampersand, hash and percent: its pages are where its links point', async () => {
    const work = path.join(tmp, 'names');
    const reports = path.join(work, 'reports');
    await mkdir(path.join(reports, '2020'), { recursive: true });
    for (const seed of SEEDS) {
      let text = readFileSync(path.join('reports/2020', seed), 'utf8');
      if (seed === 'laizhou-zhuqiao.yaml') text = text.replace(/^ {2}地区: \[山东省, 烟台市,/m, `  地区: [山东省, "a'b&c#d%e f",`);
      await writeFile(path.join(reports, '2020', seed), text);
    }
    const site = path.join(work, 'site');
    const result = await build({ reportsDir: reports, outDir: site });
    assert.ok(result.built);
    assert.ok(existsSync(path.join(site, 'regions/2020/山东省', "a'b&c-d-e-f", 'index.html')), 'the region page in a folder of the name, not of its HTML escape');
    assert.deepEqual(brokenLinks(site), []);
  });

  it(`${ROUNDS} builds of mutated seed reports, every mutant validated without a crash`, async () => {
    const rnd = prng(20201231);
    const seeds = SEEDS.map((f) => ({ name: f, text: readFileSync(path.join('reports/2020', f), 'utf8') }));
    let tried = 0;
    let accepted = 0;
    const probe = path.join(tmp, 'probe', 'reports');
    await mkdir(path.join(probe, '2020'), { recursive: true });
    for (let round = 0; round < ROUNDS; round++) {
      const work = path.join(tmp, `round-${round}`);
      const reports = path.join(work, 'reports');
      await mkdir(path.join(reports, '2020'), { recursive: true });
      for (const seed of seeds) {
        let content: string | Buffer = seed.text;
        for (let i = 0; i < TRIES; i++) {
          const m = mutant(seed.text, rnd);
          tried++;
          const file = path.join(probe, '2020', seed.name);
          await writeFile(file, m);
          // Validating must never throw, whatever the bytes.
          const corpus = await loadCorpus([probe], { reportsRoot: probe });
          if (!corpus.diagnostics.some((d) => d.severity === 'error')) {
            content = m;
            accepted++;
            break;
          }
        }
        await writeFile(path.join(reports, '2020', seed.name), content);
      }
      const site = path.join(work, 'site');
      const corpus = await loadCorpus([reports], { reportsRoot: reports });
      const errors = corpus.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors, [], 'each file passed alone, and the files are of different agencies');
      const result = await build({ reportsDir: reports, outDir: site });
      assert.ok(result.built, `round ${round}: the build made the site`);
      assert.deepEqual((await readdir(work)).sort(), ['reports', 'site'], 'nothing written beside the output folder');
      assert.deepEqual(brokenLinks(site), [], 'every internal link has its page');
    }
    console.log(`${accepted} of ${tried} mutants accepted`);
    // The mutations are hostile enough that most are refused, and some still pass to the build.
    assert.ok(accepted > 0 && accepted < tried, `${accepted} of ${tried} mutants accepted`);
  });
});
