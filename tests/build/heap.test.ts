/** The heap policy of the long commands (src/heap.ts): a collection on demand, and the state the build reads. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bringHeapNearLive, heapKeptNearLive, keepHeapNearLive, letHeapGrow } from '../../src/heap.ts';

describe('the heap policy', () => {
  it('brings the heap back to what is live at once, before threads start beside the main one', () => {
    keepHeapNearLive();
    assert.ok(heapKeptNearLive());
    letHeapGrow();
    // Some 100 MB that nothing holds any more.
    let garbage: string[][] | undefined = Array.from({ length: 200 }, (_, i) => Array.from({ length: 10_000 }, (_, j) => `${i}:${j}:${'x'.repeat(8)}`));
    assert.equal(garbage.length, 200);
    garbage = undefined;
    const before = process.memoryUsage().heapUsed;
    bringHeapNearLive();
    const after = process.memoryUsage().heapUsed;
    assert.ok(before - after > 50 * 2 ** 20, `heap ${Math.round(before / 2 ** 20)} → ${Math.round(after / 2 ** 20)} MB`);
    assert.ok(heapKeptNearLive());
  });
});
