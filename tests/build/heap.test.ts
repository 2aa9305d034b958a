/** The long commands may ask for a full garbage collection (src/heap.ts); nothing happens until they allow it. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { allowCollectingGarbage, collectGarbage } from '../../src/heap.ts';

it('collects garbage on request once allowed, and does nothing before', () => {
  collectGarbage();
  allowCollectingGarbage();
  // Some 16 MB of numbers, held and then let go of.
  let held: number[][] | undefined = Array.from({ length: 2000 }, (_, r) => Array.from({ length: 1000 }, (_, i) => r + i + 0.5));
  assert.equal(held.length, 2000);
  const before = process.memoryUsage().heapUsed;
  held = undefined;
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  assert.ok(after < before - 10 * 2 ** 20, `heap ${Math.round(before / 2 ** 20)} → ${Math.round(after / 2 ** 20)} MB`);
});
