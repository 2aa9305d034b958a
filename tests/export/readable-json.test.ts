/** The readable JSON writer: JSON.parse gives back what JSON.stringify would, with short parts on one line. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readableJson } from '../../src/export/json.ts';
import { prng } from '../../bench/generate.ts';

/** A random JSON-like value: nested arrays and objects, undefined among them (dropped or null, as JSON.stringify does). */
function value(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 3 || r < 0.3) return [null, 0, -1.5, 12345, 'x', '年报"\\\n', undefined, true][Math.floor(next() * 8)];
  const n = Math.floor(next() * 6);
  if (r < 0.6) return Array.from({ length: n }, () => value(next, depth + 1));
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [i % 2 ? `键${i}` : String(i * 7), value(next, depth + 1)]));
}

describe('readableJson', () => {
  it('reads back as JSON.stringify gives, every line of a spread part over 100 characters on one line or spread', () => {
    const next = prng(7);
    for (let i = 0; i < 2000; i++) {
      const v = { rows: value(next, 0), long: 'x'.repeat(Math.floor(next() * 150)), date: new Date(Date.UTC(2021, 0, 1 + i)) };
      const text = readableJson(v);
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(v)));
      assert.ok(text.endsWith('\n'));
      // A part written on one line is exactly its JSON.stringify form, and no longer than 100 characters unless it is one value.
      for (const line of text.split('\n')) {
        const body = line.trim().replace(/,$/, '').replace(/^"[^"]*": /, '');
        if (body.startsWith('{"') || body.startsWith('[') && body.endsWith(']')) assert.ok(body.length <= 100, line);
      }
    }
  });

  it('writes a short row on one line and a long one spread, two spaces a level', () => {
    assert.equal(readableJson({ a: [1, 2, 3] }), '{"a":[1,2,3]}\n');
    const long = { rows: [Array.from({ length: 18 }, (_, i) => 1000 + i), [1, null]] };
    assert.equal(readableJson(long), `{\n  "rows": [\n    ${JSON.stringify(long.rows[0])},\n    [1,null]\n  ]\n}\n`);
  });
});
