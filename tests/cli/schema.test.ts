import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { JSON_SCHEMA_PATH, reportJsonSchemaText } from '../../schema/json-schema.ts';
import { run } from './run.ts';

describe('nianbao schema', () => {
  it('the committed schema/report.schema.json is exactly what the command writes', async () => {
    assert.equal(await readFile(JSON_SCHEMA_PATH, 'utf8'), reportJsonSchemaText(), 'run npx nianbao schema and commit the result');
    const r = await run(['schema', '--check']);
    assert.equal(r.code, 0);
  });

  it('writes the schema to -o, and --check fails on a stale copy', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-schema-'));
    try {
      const file = path.join(dir, 'out', 'report.schema.json');
      assert.equal((await run(['schema', '-o', file])).code, 0);
      assert.equal(await readFile(file, 'utf8'), reportJsonSchemaText());
      await writeFile(file, '{}\n');
      const stale = await run(['schema', '--check', '-o', file]);
      assert.equal(stale.code, 1);
      assert.match(stale.err, /已过期.*npx nianbao schema/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
