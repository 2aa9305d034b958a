// Writes a Pagefind index in a process of its own: records arrive on standard input (one
// [report file, record] pair of JSON a line), the bundle goes to the folder named by the first argument. Pagefind's
// indexer is a native binary whose failures (a full disk among them) end in a panic printed
// to this process's standard error and leave its promises unsettled; here that only ends
// this process, with a nonzero exit code and that text, which the build reads and explains.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';

/** Records sent to the index process before waiting for its replies. */
const ADD_BATCH = 500;
const UNUSED_BUNDLE_FILE = /^pagefind-(ui|component-ui|modular-ui|highlight)\.(js|css)$/;

const out = process.argv[2];
let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const records = input.split('\n').filter(Boolean).map((line) => JSON.parse(line));

try {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh' });
  if (!index) throw new Error(`无法建立搜索索引：${errors.join('；')}`);
  // Records are sent in batches without waiting for each reply: the index process handles
  // them in the order sent, and the round trip per record was a third of the indexing time.
  for (let i = 0; i < records.length; i += ADD_BATCH) {
    const batch = records.slice(i, i + ADD_BATCH);
    const added = await Promise.all(batch.map(([, record]) => index.addCustomRecord(record)));
    const failed = added.findIndex((a) => a.errors.length > 0);
    if (failed >= 0) throw new Error(`搜索索引无法收录 ${batch[failed][0]}：${added[failed].errors.join('；')}`);
  }
  const written = await index.writeFiles({ outputPath: out });
  if (written.errors.length) throw new Error(`搜索索引写入失败：${written.errors.join('；')}`);
  // The search page has its own small script; Pagefind's ready-made interfaces are not served.
  for (const f of await readdir(out)) if (UNUSED_BUNDLE_FILE.test(f)) await rm(path.join(out, f));
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
} finally {
  await pagefind.close();
}
