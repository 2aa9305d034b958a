/**
 * Caches repair themselves: an entry of the wrong shape is dropped, a file whose content
 * changed is validated again even when its size and modification time did not, and a file
 * removed or changed by hand in the output is made again.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from '../../src/build.ts';
import { cacheDir, codeFingerprint, openCache, saveCache, SETTLED_MS, sha1 } from '../../src/load/cache.ts';
import { type Corpus, loadCorpus } from '../../src/load/corpus.ts';
import { checkOutputAside, damagedFiles, manifestFile as recordFile, markMoving, readManifest, recordChangesFile } from '../../src/site/manifest.ts';
import { SITE_POST_BUILD } from '../../src/site/post-build.ts';
import type { SearchPart } from '../../src/site/search-index.ts';
import { recordHoldsOutput, snapshot } from '../shared.ts';
import { TWO_YEARS } from '../summary/fixture.ts';

let tmp: string;
let reports: string;
before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'nianbao-repair-'));
  process.env.NIANBAO_CACHE_DIR = path.join(tmp, 'cache');
  reports = path.join(tmp, 'reports');
  await cp(TWO_YEARS, reports, { recursive: true });
});
after(async () => {
  delete process.env.NIANBAO_CACHE_DIR;
  await rm(tmp, { recursive: true, force: true });
});

const validationFile = () => path.join(cacheDir(), 'validation.json');

describe('the validation cache', () => {
  it('drops entries that are valid JSON but wrong inside, and validates those files again', async () => {
    const fresh = await loadCorpus([reports], { cache: true });
    const saved = JSON.parse(await readFile(validationFile(), 'utf8')) as { code: string; files: [string, Record<string, unknown>][]; crossYear: unknown[] };
    assert.equal(saved.code, codeFingerprint());
    // Each report's values kept as SparseValues (read back below to the same values as validated).
    assert.ok(saved.files.every(([, e]) => !e.entry || typeof (e.entry as { values: { cells?: unknown } }).values.cells === 'number'));
    // Each entry spoilt a different way; the cross-year findings replaced by nonsense.
    const spoil: ((e: Record<string, unknown>) => unknown)[] = [
      (e) => ({ ...e, size: 'big' }),
      (e) => ({ ...e, diagnostics: [{ rule: 'NO-SUCH-RULE' }] }),
      (e) => ({ ...e, entry: { ...(e.entry as object), values: [1, 2, 3] } }),
      // Values as the cache keeps them (SparseValues), each a different way wrong.
      (e) => ({ ...e, entry: { ...(e.entry as Record<string, object>), values: { ...(e.entry as Record<string, object>).values, cells: 3 } } }),
      (e) => ({ ...e, entry: { ...(e.entry as Record<string, object>), values: { ...(e.entry as Record<string, object>).values, nonzero: [100_000, 1] } } }),
      (e) => ({ ...e, entry: { ...(e.entry as Record<string, object>), values: { ...(e.entry as Record<string, object>).values, nonzero: [3, 1, 2, 1] } } }),
      (e) => ({ ...e, entry: { ...(e.entry as Record<string, object>), values: { ...(e.entry as Record<string, object>).values, blank: [-1] } } }),
      (e) => ({ ...e, entry: { ...(e.entry as object), editionId: 1999 } }),
      (e) => ({ ...e, entry: { ...(e.entry as object), agency: null } }),
      () => null,
      (e) => ({ ...e, entry: { ...(e.entry as object), hash: 'other' } }),
    ];
    // More ways than files: in rounds, each file spoilt one way a round.
    const files = saved.files.length;
    for (let round = 0; round * files < spoil.length; round++) {
      const spoilt = saved.files.map(([file, e], i) => [file, (spoil[round * files + i] ?? ((x) => x))(e) as Record<string, unknown>]);
      await writeFile(validationFile(), JSON.stringify({ ...saved, files: spoilt, crossYear: [['x', 5], 7] }));
      const again = await loadCorpus([reports], { cache: true });
      assert.deepEqual(again.diagnostics, fresh.diagnostics);
      assert.deepEqual(again.reports.map((r) => [r.file, r.hash, [...r.values]]), fresh.reports.map((r) => [r.file, r.hash, [...r.values]]));
    }
    // And the cache written afterwards is whole again.
    const repaired = openCache();
    assert.equal(repaired.files.size, fresh.reports.length);
    assert.ok([...repaired.files.values()].every((e) => /^[0-9a-f]{40}$/.test(e.hash)));
  });

  it('validates a file again when its content changed though its size and modification time did not', async () => {
    const file = path.join(reports, '2020', 'jia-erzhen.yaml');
    await loadCorpus([reports], { cache: true });
    const before = await stat(file);
    const text = await readFile(file, 'utf8');
    // Same length: one digit of a count replaced by another, which breaks a sum (R2/R3).
    const changed = text.replace(/(本年新收政府信息公开申请数量: \{自然人: )(\d)/, (_, a: string, d: string) => `${a}${(Number(d) + 5) % 10}`);
    assert.notEqual(changed, text);
    assert.equal(Buffer.byteLength(changed), before.size);
    const ns = (await stat(file, { bigint: true })).mtimeNs;
    await writeFile(file, changed);
    // Back to the very same modification time, to the nanosecond (utimes takes less precise numbers).
    assert.equal(spawnSync('touch', ['-m', '-d', `@${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`, file]).status, 0);
    const after = await stat(file);
    assert.equal(after.size, before.size);
    assert.equal(after.mtimeMs, before.mtimeMs);
    const corpus = await loadCorpus([reports], { cache: true });
    assert.ok(corpus.diagnostics.some((d) => d.file.endsWith('2020/jia-erzhen.yaml') && d.severity === 'error'), 'the edit is seen');
    await writeFile(file, text);
  });
});

describe('the validation cache and the file system', () => {
  const file = () => path.join(reports, '2020', 'jia-erzhen.yaml');
  /** The cache's entry of the file, as the next run reads it. */
  const entry = () => [...openCache().files].find(([f]) => path.resolve(f) === file())![1];
  /** Rewrite the cache's entry of the file: read `settle` ms after its last change, with `hash`. */
  const setEntry = async (settle: number, hash: string) => {
    const cache = openCache();
    const [name, e] = [...cache.files].find(([f]) => path.resolve(f) === file())!;
    cache.files.set(name, { ...e, checkedMs: Math.max(e.mtimeMs, e.ctimeMs!) + settle, hash, entry: { ...e.entry!, hash } });
    saveCache(cache);
  };
  const BOGUS = 'f'.repeat(40);
  const hashIn = async (corpus: Awaited<ReturnType<typeof loadCorpus>>) => corpus.reports.find((r) => r.file === file() || path.resolve(r.file) === file())!.hash;

  it('takes a file the file system shows untouched since a settled reading without reading it', async () => {
    await loadCorpus([reports], { cache: true });
    // A hash the content does not have: only an entry taken on the file system's word keeps it.
    await setEntry(SETTLED_MS + 1, BOGUS);
    assert.equal(await hashIn(await loadCorpus([reports], { cache: true })), BOGUS);
    assert.equal(entry().hash, BOGUS, 'the cache is not written again');
    // Touched (same content, new times): read, its hash compared, and the entry made right.
    const now = new Date();
    await utimes(file(), now, now);
    const real = await hashIn(await loadCorpus([reports], { cache: true }));
    assert.notEqual(real, BOGUS);
    assert.equal(entry().hash, real);
  });

  it('reads a file again when it was read within SETTLED_MS of its last change', async () => {
    await loadCorpus([reports], { cache: true });
    await setEntry(SETTLED_MS - 1, BOGUS);
    assert.notEqual(await hashIn(await loadCorpus([reports], { cache: true })), BOGUS);
  });

  it('sees an edit that kept the size and put the modification time back, after a settled reading', async () => {
    await loadCorpus([reports], { cache: true });
    const text = await readFile(file(), 'utf8');
    await setEntry(SETTLED_MS + 1, sha1(text));
    const before = await stat(file(), { bigint: true });
    const changed = text.replace(/(本年新收政府信息公开申请数量: \{自然人: )(\d)/, (_, a: string, d: string) => `${a}${(Number(d) + 5) % 10}`);
    assert.equal(Buffer.byteLength(changed), Number(before.size));
    await writeFile(file(), changed);
    const ns = before.mtimeNs;
    assert.equal(spawnSync('touch', ['-m', '-d', `@${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`, file()]).status, 0);
    assert.equal((await stat(file(), { bigint: true })).mtimeNs, ns);
    const corpus = await loadCorpus([reports], { cache: true });
    assert.ok(corpus.diagnostics.some((d) => path.resolve(d.file) === file() && d.severity === 'error'), 'the edit is seen');
    await writeFile(file(), text);
  });
});

describe('the validation cache, written', () => {
  const changesFile = () => path.join(cacheDir(), 'validation-changes.json');
  /** When the cache was last written: its whole file or the changes beside it. */
  const written = async () => Math.max((await stat(validationFile())).mtimeMs, (await stat(changesFile()).catch(() => ({ mtimeMs: 0 }))).mtimeMs);
  const hashOf = (file: string) => [...openCache().files].find(([f]) => path.resolve(f) === path.resolve(file))?.[1].hash;

  it('only when something in it changed: a file validated again, a file added or gone', async () => {
    const file = path.join(reports, '2020', 'jia-erzhen.yaml');
    await loadCorpus([reports], { cache: true });
    const first = await written();
    const firstHash = hashOf(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await loadCorpus([reports], { cache: true });
    assert.equal(await written(), first, 'nothing changed: not written again');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/^(标题: .*)$/m, '$1（更正）'));
    const edited = await loadCorpus([reports], { cache: true });
    assert.notEqual(await written(), first, 'a file validated again: written');
    assert.ok(edited.reports.some((r) => r.file.endsWith('2020/jia-erzhen.yaml') && r.title.endsWith('（更正）')));
    assert.equal(hashOf(file), sha1(await readFile(file)));
    // Back as it was: the cache holds the file's first content again.
    await writeFile(file, text);
    await loadCorpus([reports], { cache: true });
    assert.equal(hashOf(file), firstHash);
    // A file gone is dropped from it.
    const gone = path.join(reports, '2021', (await readdir(path.join(reports, '2021')))[0]!);
    const goneText = await readFile(gone, 'utf8');
    await unlink(gone);
    await loadCorpus([reports], { cache: true });
    assert.equal(hashOf(gone), undefined);
    await writeFile(gone, goneText);
  });

  it('writes one edit beside the whole file, and the whole file again once the changes are many', async () => {
    const file = path.join(reports, '2020', 'jia-erzhen.yaml');
    const text = await readFile(file, 'utf8');
    // Every file settled and so read (a fresh entry is written again once settled, SETTLED_MS
    // after its file's last change); then a whole file of this code, and no changes beside it.
    await new Promise((resolve) => setTimeout(resolve, SETTLED_MS + 100));
    await loadCorpus([reports], { cache: true });
    const cache = openCache();
    cache.saved = undefined;
    saveCache(cache);
    assert.equal(existsSync(changesFile()), false);
    const whole = await readFile(validationFile());
    await writeFile(file, text.replace(/^(标题: .*)$/m, '$1（又更正）'));
    await loadCorpus([reports], { cache: true });
    assert.deepEqual(await readFile(validationFile()), whole, 'the whole file is left as it was');
    const changes = JSON.parse(await readFile(changesFile(), 'utf8')) as { files: [string, unknown][] };
    // The edited file's entry, not every file's.
    assert.ok(changes.files.some(([f]) => path.resolve(f) === file));
    assert.ok(changes.files.length < openCache().files.size, `${changes.files.length} entries changed`);
    assert.equal(hashOf(file), sha1(await readFile(file)));

    // Changes tied to another writing of the whole file are not applied.
    const bogus = { ...openCache().files.get(changes.files[0]![0])!, hash: 'f'.repeat(40) };
    await writeFile(changesFile(), JSON.stringify({ ...changes, of: 'another', files: [[changes.files[0]![0], bogus]] }));
    const wholeHash = (JSON.parse(whole.toString()) as { files: [string, { hash: string }][] }).files.find(([f]) => path.resolve(f) === file)![1].hash;
    assert.equal(hashOf(file), wholeHash, 'the whole file’s entry');

    // Many changes (every file's entry, past CHANGES_MIN and the share): the whole file is written and the changes go.
    const all = openCache();
    for (const [f, e] of all.files) all.files.set(f, { ...e });
    for (let i = 0; i < 70; i++) all.crossYear.set(`${'a'.repeat(40)}:${String(i).padStart(40, '0')}`, []);
    saveCache(all);
    assert.equal(existsSync(changesFile()), false);
    assert.notDeepEqual(await readFile(validationFile()), whole);
    assert.equal(openCache().crossYear.size, all.crossYear.size);
    await writeFile(file, text);
    await loadCorpus([reports], { cache: true });
    assert.equal(hashOf(file), sha1(text));
  });
});

describe('the record of the output', () => {
  const site = () => path.join(tmp, 'site');
  const run = () => build({ reportsDir: reports, outDir: site(), postBuild: SITE_POST_BUILD });

  it('makes a page again that was deleted or changed by hand, and the search index when a file of it went', async () => {
    assert.ok((await run()).built);
    const whole = await snapshot(site());
    await unlink(path.join(site(), '2020', 'jia-erzhen', 'index.html'));
    await writeFile(path.join(site(), 'data', '2020.csv'), 'changed by hand');
    await unlink(path.join(site(), 'index.html')); // an Eleventy page
    await unlink(path.join(site(), 'sitemap.xml'));
    const [part] = await readdir(path.join(site(), 'pagefind'));
    await unlink(path.join(site(), 'pagefind', part!, 'pagefind.js'));
    const result = await run();
    assert.ok(result.written >= 5, `${result.written} files made`);
    assert.deepEqual(await snapshot(site()), whole);
    // Nothing more to do afterwards.
    assert.equal((await run()).written, 0);
  });

  it('makes the whole site again when its folder was removed, and records it so that the next build has nothing to do', async () => {
    // The parts of the search index each build makes again.
    const indexed: number[] = [];
    const counted = () =>
      build({ reportsDir: reports, outDir: site(), postBuild: SITE_POST_BUILD.map((step) => async (dir: string, corpus: Corpus, parts: readonly SearchPart[]) => { indexed.push(parts.length); await step(dir, corpus, parts); }) });
    assert.ok((await counted()).built);
    const whole = await snapshot(site());
    await rm(site(), { recursive: true });
    indexed.length = 0;
    const result = await counted();
    assert.equal(result.kept, 0);
    assert.ok(indexed.length === 1 && indexed[0]! > 0);
    assert.deepEqual(await snapshot(site()), whole);
    // The record holds the stamps of the files now there, the search index's included: nothing is made again.
    indexed.length = 0;
    assert.equal((await counted()).written, 0);
    assert.deepEqual(indexed, []);
    assert.equal(damagedFiles(path.resolve(site()), readManifest(path.resolve(site()))!).size, 0);
    // A file of the search index lost afterwards is found and its part made again.
    const [part] = await readdir(path.join(site(), 'pagefind'));
    await unlink(path.join(site(), 'pagefind', part!, 'pagefind.js'));
    assert.ok((await counted()).built);
    assert.deepEqual(indexed, [1]);
    assert.deepEqual(await snapshot(site()), whole);
  });

  it('checks a large output on a thread during validation, and makes what it found with what was edited', async () => {
    // From a record of 0 bytes up: this small site is checked on a thread, as one of 10,000 files is.
    const aside = () => build({ reportsDir: reports, outDir: site(), postBuild: SITE_POST_BUILD, checkAsideFrom: 0 });
    assert.ok((await aside()).built);
    const file = path.join(reports, '2020', 'jia-erzhen.yaml');
    const text = await readFile(file, 'utf8');
    const page = path.join(site(), '2021', 'hengshan-zhen', 'index.html');
    try {
      // An edit of one report, and another report's page damaged by hand.
      await writeFile(file, text.replace(/^(标题: .*)$/m, '$1（更正）'));
      await writeFile(page, 'changed by hand');
      assert.ok((await aside()).built);
      const clean = path.join(tmp, 'site-clean');
      assert.ok((await build({ reportsDir: reports, outDir: clean, postBuild: SITE_POST_BUILD, clean: true })).built);
      const whole = await snapshot(clean);
      assert.deepEqual(await snapshot(site()), whole);
      // Nothing changed: nothing made. Then a page damaged alone is found by the thread and made again.
      assert.equal((await aside()).written, 0);
      await writeFile(page, 'changed by hand');
      assert.ok((await aside()).written >= 1);
      assert.deepEqual(await snapshot(site()), whole);
      await rm(clean, { recursive: true });
    } finally {
      await writeFile(file, text);
    }
  });

  it('makes a page again that was changed by hand keeping its size and modification time', async () => {
    assert.ok((await run()).built);
    const whole = await snapshot(site());
    const page = path.join(site(), '2020', 'jia-erzhen', 'index.html');
    const text = await readFile(page, 'utf8');
    // Same length: one character of the title in the page's head replaced by another.
    const changed = text.replace('<title>', '<titlE>');
    assert.notEqual(changed, text);
    const ns = (await stat(page, { bigint: true })).mtimeNs;
    await writeFile(page, changed);
    assert.equal(spawnSync('touch', ['-m', '-d', `@${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`, page]).status, 0);
    assert.equal((await stat(page, { bigint: true })).mtimeNs, ns);
    assert.equal((await stat(page)).size, Buffer.byteLength(text));
    const result = await run();
    assert.ok(result.written >= 1, `${result.written} files made`);
    assert.deepEqual(await snapshot(site()), whole);
  });

  it('is checked against the output on a thread of its own as on the main thread, when the record is large', async () => {
    assert.ok((await run()).built);
    const out = path.resolve(site());
    // The site of the test is small: below the size from which a build checks aside, no thread.
    assert.equal(checkOutputAside(out), undefined);
    assert.deepEqual(await checkOutputAside(out, 0), new Set());
    const whole = await snapshot(site());
    const page = path.join(site(), '2020', 'jia-erzhen', 'index.html');
    const before = await readFile(page);
    await writeFile(page, 'changed by hand');
    await unlink(path.join(site(), 'sitemap.xml'));
    const [part] = await readdir(path.join(site(), 'pagefind'));
    await unlink(path.join(site(), 'pagefind', part!, 'pagefind.js'));
    const aside = await checkOutputAside(out, 0);
    assert.deepEqual(aside, damagedFiles(out, readManifest(out)!));
    assert.deepEqual([...aside!].sort(), ['2020/jia-erzhen/index.html', `pagefind/${part}/`, 'sitemap.xml']);
    assert.notEqual(Buffer.compare(before, await readFile(page)), 0);
    assert.ok((await run()).built);
    assert.deepEqual(await snapshot(site()), whole);
  });

  it('drops entries that are wrong inside, never removes a file outside the site on its word, and ends with the whole site', async () => {
    assert.ok((await run()).built);
    const whole = await snapshot(site());
    const outside = path.join(tmp, 'keep-me.txt');
    await writeFile(outside, 'not part of the site');
    const file = recordFile(path.resolve(site()));
    const m = JSON.parse(await readFile(file, 'utf8')) as { files: Record<string, unknown>; stats: Record<string, unknown>; eleventy: unknown };
    m.files['../keep-me.txt'] = 'x';
    m.files['/etc/passwd'] = 'x';
    // Each a way round the checks that a path of the site stays inside it.
    for (const rel of ['2020/../../keep-me.txt', './../keep-me.txt', '2020//../../keep-me.txt', '2020/./x', '2020\\..\\..\\keep-me.txt', '', '.', '..', 'a\u0000b', 'pagefind/../../', 'pagefind/./', '2020/']) {
      m.files[rel] = 'x';
      m.stats[rel] = [1, 2];
    }
    m.stats['2020/index.html'] = [1, 'x'];
    m.files['2020/index.html'] = 5;
    m.stats['2020/jia-erzhen/index.html'] = 'yesterday';
    m.stats['../keep-me.txt'] = [1, 2];
    m.eleventy = { key: 7, files: ['../x'] };
    await writeFile(file, JSON.stringify(m));
    assert.ok((await run()).built);
    assert.equal(await readFile(outside, 'utf8'), 'not part of the site');
    assert.deepEqual(await snapshot(site()), whole);
    // Not JSON of a manifest at all: a full build.
    for (const junk of ['[]', '"text"', '{"outDir": 5}', '{']) {
      await writeFile(file, junk);
      const r = await run();
      assert.ok(r.built, junk);
      assert.deepEqual(await snapshot(site()), whole, junk);
    }
  });

  it("writes a build's few changes beside the whole record, and the whole record again once they are many", async () => {
    const out = path.resolve(site());
    const edit = (mark: string, files: readonly string[]) =>
      Promise.all(files.map(async (f) => writeFile(f, (await readFile(f, 'utf8')).replace(/^(标题: .*?)(（[^（）]*）)?$/m, `$1${mark}`))));
    const all = (await readdir(reports, { recursive: true })).filter((f) => f.endsWith('.yaml')).map((f) => path.join(reports, f));
    const originals = await Promise.all(all.map((f) => readFile(f, 'utf8')));
    try {
      assert.ok((await run()).built);
      await run();
      const file = recordFile(path.resolve(site()));
      const wholeText = await readFile(file, 'utf8');
      // One title: its page, data and part of the search index; the whole file stays as it was.
      await edit('（一）', [all[0]!]);
      assert.ok((await run()).built);
      assert.equal(await readFile(file, 'utf8'), wholeText);
      const changes = JSON.parse(await readFile(recordChangesFile(out), 'utf8')) as { of: string; files: unknown[]; stats: unknown[] };
      assert.equal(changes.of, (JSON.parse(wholeText) as { id: string }).id);
      assert.ok(changes.files.length > 0 && changes.stats.length > 0, JSON.stringify(changes));
      await recordHoldsOutput(out);
      // Every title: more changes than CHANGES_MIN; the whole record is written again, nothing beside it.
      await edit('（二）', all);
      assert.ok((await run()).built);
      assert.notEqual(await readFile(file, 'utf8'), wholeText);
      assert.ok(!existsSync(recordChangesFile(out)));
      await recordHoldsOutput(out);
      assert.equal((await run()).written, 0);
    } finally {
      await Promise.all(all.map((f, i) => writeFile(f, originals[i]!)));
    }
    assert.ok((await run()).built);
    await recordHoldsOutput(out);
  });

  it("drops wrong entries of the changes beside the record; takes a record marked by a build moving files, or beside junk, for none; ignores another writing's changes", async () => {
    assert.ok((await run()).built);
    const whole = await snapshot(site());
    const out = path.resolve(site());
    const idNow = async () => (JSON.parse(await readFile(recordFile(path.resolve(site())), 'utf8')) as { id: string }).id;
    const outside = path.join(tmp, 'keep-me-too.txt');
    await writeFile(outside, 'not part of the site');
    const hostile = ['../keep-me-too.txt', '/etc/passwd', '2020/../../keep-me-too.txt', 'pagefind/../../', '', '..', '2020\\..\\..\\keep-me-too.txt'];
    await writeFile(
      recordChangesFile(out),
      JSON.stringify({ of: await idNow(), files: [...hostile.map((rel) => [rel, 'x']), ['2020/index.html', 5], 7, ['a']], stats: [...hostile.map((rel) => [rel, [1, 2, 3]]), ['2020/jia-erzhen/index.html', 'yesterday']] }),
    );
    const read = readManifest(out)!;
    for (const rel of hostile) assert.ok(!(rel in read.files) && !(rel in read.stats), rel);
    assert.ok(!('2020/index.html' in read.files) && !('2020/jia-erzhen/index.html' in read.stats));
    assert.ok((await run()).built);
    assert.equal(await readFile(outside, 'utf8'), 'not part of the site');
    assert.deepEqual(await snapshot(site()), whole);
    await recordHoldsOutput(out);

    // Marked as a build does before it moves files (then killed), or junk beside it: every file is made again.
    const mark = async () => markMoving(out, readManifest(out));
    for (const spoil of [mark, () => writeFile(recordChangesFile(out), '{'), () => writeFile(recordChangesFile(out), '[]')]) {
      await spoil();
      assert.equal(readManifest(out), undefined);
      const again = await run();
      assert.equal(again.kept, 0);
      assert.deepEqual(await snapshot(site()), whole);
      await recordHoldsOutput(out);
      assert.equal((await run()).written, 0);
    }
    // Changes of another writing of the whole record (a build stopped between writing it and removing them): ignored.
    await writeFile(recordChangesFile(out), JSON.stringify({ of: 'another', files: [['index.html', null]], stats: [] }));
    assert.ok('index.html' in readManifest(out)!.files);
    assert.equal((await run()).written, 0);
  });
});
