// Writes the parts of a Pagefind index in a process of its own: records are read from the file
// named by the second argument (one [part, report file, record] triple of JSON a line, each part's lines together),
// each part's bundle goes to <first argument>/<part>/. Parts are made one at a time and each
// index is deleted once written, so the indexer holds one part's records at a time.
// Pagefind's indexer is a native binary whose failures (a full disk among them) end in a
// panic printed to this process's standard error and leave its promises unsettled; here that
// only ends this process, with a nonzero exit code and that text, which the build reads and explains.
import { createReadStream } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import * as pagefind from 'pagefind';

/** Records sent to the index process before waiting for its replies. */
const ADD_BATCH = 500;
const UNUSED_BUNDLE_FILE = /^pagefind-(ui|component-ui|modular-ui|highlight)\.(js|css)$/;

const out = process.argv[2];

/** Index one part's records and write its bundle to out/<part>/. */
async function writePart(part, records) {
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
  const dir = path.join(out, part);
  const written = await index.writeFiles({ outputPath: dir });
  if (written.errors.length) throw new Error(`搜索索引写入失败：${written.errors.join('；')}`);
  await index.deleteIndex();
  // The search page has its own small script; Pagefind's ready-made interfaces are not served.
  for (const f of await readdir(dir)) if (UNUSED_BUNDLE_FILE.test(f)) await rm(path.join(dir, f));
}

try {
  let part;
  let records = [];
  for await (const line of createInterface({ input: createReadStream(process.argv[3]), crlfDelay: Infinity })) {
    if (!line) continue;
    const [name, file, record] = JSON.parse(line);
    if (name !== part && records.length) {
      await writePart(part, records);
      records = [];
    }
    part = name;
    records.push([file, record]);
  }
  if (records.length) await writePart(part, records);
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
} finally {
  await pagefind.close();
}
