/** README.md's rule table is the rule catalogue: every rule, as schema/rules.ts states it. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CATALOGUE } from '../../schema/rules.ts';
import { README_FILE, withRulesTable } from '../../src/docs/readme.ts';

describe('README.md', () => {
  const readme = readFileSync(README_FILE, 'utf8');

  it('holds the rule table generated from the catalogue (run npx tsx src/docs/readme.ts after changing it)', () => {
    assert.equal(readme, withRulesTable(readme));
  });

  it('lists every rule of the catalogue with its severity, R5 and R8 included', () => {
    for (const [id, r] of Object.entries(CATALOGUE)) {
      assert.match(readme, new RegExp(`^\\| ${id} \\| ${r.severity === 'error' ? '错误' : '警告'} \\| ${r.title.replace(/[()（）]/g, '.')} \\|`, 'm'), id);
    }
  });
});
