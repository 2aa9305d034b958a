/** The validation cache as saveCache writes it, whether its entries' texts were made on worker threads or not. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { type CachedFile, cacheText, saveCache, type ValidationCache } from '../../src/load/cache.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-cache-save-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const entry = (i: number): CachedFile => ({ size: i, mtimeMs: 1.5, ctimeMs: -0, hash: String(i).repeat(40).slice(0, 40), diagnostics: [{ file: `f${i}`, line: 1, column: 2, rule: 'R1', severity: 'error', message: '“引号”\n' }] });

for (const made of ['none', 'all', 'some'] as const) {
  test(`entries with ${made} of their texts made already are written whole`, () => {
    const files = new Map<string, CachedFile>();
    for (let i = 0; i < 7; i++) {
      const e = entry(i);
      files.set(`reports/2020/f${i}.yaml`, e);
      if (made === 'all' || (made === 'some' && i % 2 === 1)) cacheText(e, JSON.stringify([`reports/2020/f${i}.yaml`, e]));
    }
    const cache: ValidationCache = { code: 'code', files, crossYear: new Map([['a:b', []]]) };
    const at = path.join(dir, made);
    saveCache(cache, at);
    const text = readFileSync(path.join(at, 'validation.json'), 'utf8');
    const saved = JSON.parse(text) as { code: string; files: [string, CachedFile][]; crossYear: unknown[] };
    assert.equal(saved.code, 'code');
    assert.deepEqual(new Map(saved.files), new Map(JSON.parse(JSON.stringify([...files]))));
    assert.deepEqual(saved.crossYear, [['a:b', []]]);
    // All made, or none: the very text one JSON.stringify of the whole gives.
    if (made !== 'some') assert.equal(text, JSON.stringify({ code: 'code', files: [...files], crossYear: [...cache.crossYear] }));
  });
}
