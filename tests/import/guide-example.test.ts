/** The import summary the clerk's guide pastes is what `import` prints today for a real-shaped PDF. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importFile, summaryOf } from '../../src/import/index.ts';
import { GUIDE_FILE } from '../../src/site/guide.ts';

const FIXTURE = 'tests/fixtures/import/kinds/row-label-typo.pdf';
const SHOWN = '2023年报告.pdf';

describe('the guide’s import example', () => {
  it('quotes the summary import prints for a PDF with misprinted row labels', async () => {
    const guide = readFileSync(GUIDE_FILE, 'utf8');
    const at = guide.indexOf('摘要是这样的：');
    assert.ok(at > 0, 'the guide shows an import summary');
    const block = guide.slice(guide.indexOf('```\n', at) + 4, guide.indexOf('\n```', guide.indexOf('```\n', at) + 4));
    const quoted = block.split('\n').filter((l) => l.trim() !== '');
    assert.ok(quoted.length >= 8);
    const r = await importFile(FIXTURE, { id: 'shili-shilizhen', region: ['某省', '示例县', '示例镇'], level: '乡级' });
    const printed = new Set(summaryOf(r).replace(FIXTURE, SHOWN).split('\n'));
    for (const line of quoted) assert.ok(printed.has(line), `the guide quotes a line import no longer prints:\n${line}`);
    // The advice the summary gives is right: the draft it wrote passes validate once the guesses are checked.
    assert.equal(r.status, 'draft');
    assert.equal(r.counts!.unfilled, 0);
  });
});
