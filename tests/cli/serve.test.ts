/**
 * The live preview, run in-process on a copy of one report: it serves the site with the reload
 * script, rebuilds on save, shows a broken report's located messages to the terminal and the
 * page while the last good site stays served, and reloads the page once the report is fixed.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { fileFor, startPreviewServer, withClient } from '../../src/serve/server.ts';
import { startPreviewServerThread } from '../../src/serve/server-thread.ts';
import { type ServeSession, startServe } from '../../src/serve/session.ts';

let dir: string;
let session: ServeSession;
const log: string[] = [];
const events: { event: string; data: any }[] = [];
let stream: AbortController;

async function waitFor<T>(what: string, find: () => T | undefined, ms = 30000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const hit = find();
    if (hit !== undefined) return hit;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; log:\n${log.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Read Server-Sent Events into `events` until aborted. */
async function listen(url: string): Promise<void> {
  stream = new AbortController();
  const res = await fetch(new URL('/__nianbao/events', url), { signal: stream.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let i;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
          const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null');
          events.push({ event, data });
        }
      }
    } catch {
      // Aborted at the end of the test.
    }
  })();
}

const REPORT = 'luanzhou-leizhuang.yaml';
const reportFile = () => path.join(dir, 'reports', '2020', REPORT);
const page = async (p: string) => {
  const res = await fetch(new URL(p, session.url));
  return { status: res.status, text: await res.text() };
};

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nianbao-serve-'));
  await cp(path.join('reports', '2020', REPORT), reportFile(), { recursive: true });
  session = await startServe({
    reportsDir: path.join(dir, 'reports'),
    outDir: path.join(dir, 'site'),
    port: 0,
    host: '127.0.0.1',
    watch: [path.join(dir, 'reports')],
    log: (line) => log.push(line),
  });
  await listen(session.url);
});

after(async () => {
  stream?.abort();
  await session?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('nianbao serve', () => {
  it('serves the built site with the live-reload script injected', async () => {
    const home = await page('/');
    assert.equal(home.status, 200);
    assert.match(home.text, /雷庄镇人民政府/);
    assert.match(home.text, /<script src="\/__nianbao\/client\.js"><\/script><\/body>/);
    const client = await page('/__nianbao/client.js');
    assert.match(client.text, /new EventSource/);
    assert.match(log.join('\n'), /共 1 份报告：0 个错误，0 个警告，已生成 \d+ 个页面/);
  });

  it('on saving a broken report, prints located Chinese messages, tells the page, and keeps the last good site', async () => {
    const good = await readFile(reportFile(), 'utf8');
    await writeFile(reportFile(), good.replace('行政处罚: {上一年项目数量: 0, 本年增/减: 9,', '行政处罚: {上一年项目数量: 0, 本年增/减: 9件,'));
    const status = await waitFor('an error status', () => events.find((e) => e.event === 'status' && e.data.ok === false));
    const problem = status.data.problems.find((p: string) => p.includes('SCHEMA-NUMBER-FORMAT'));
    assert.match(problem, /luanzhou-leizhuang\.yaml:\d+:\d+ {2}SCHEMA-NUMBER-FORMAT {2}错误 {2}「表二：第二十条第（六）项 \/ 行政处罚 · 本年增\/减」：只填数字，不带单位：“9件”应写作 9。/);
    assert.ok(log.some((l) => l === problem), 'the terminal shows the same line');
    assert.ok(!log.some((l) => /^\s+at /.test(l)), 'no stack trace');
    assert.match(log.join('\n'), /预览仍显示上一次成功生成的网站/);
    const report = await page('/2020/luanzhou-leizhuang/');
    assert.equal(report.status, 200);
    assert.match(report.text, /雷庄镇2020年度政府信息公开工作年度报告/);
    assert.equal(events.filter((e) => e.event === 'reload').length, 0);

    // Saved the way many editors do: write a temporary file, then rename it over the report.
    await writeFile(`${reportFile()}.tmp`, good.replace('标题: 雷庄镇2020年度政府信息公开工作年度报告', '标题: 雷庄镇2020年度政府信息公开工作年度报告（修订）'));
    await rename(`${reportFile()}.tmp`, reportFile());
    await waitFor('a reload', () => events.find((e) => e.event === 'reload'));
    assert.equal(events.filter((e) => e.event === 'status').at(-1)!.data.ok, true);
    assert.match((await page('/2020/luanzhou-leizhuang/')).text, /年度报告（修订）/);
  });

  it('never serves a file outside the site folder', async () => {
    assert.equal(fileFor('/srv/site', '/../../etc/passwd'), '/srv/site/etc/passwd');
    assert.equal(fileFor('/srv/site', '/%2e%2e/%2e%2e/etc/passwd'), '/srv/site/etc/passwd');
    assert.equal(fileFor('/srv/site', '/a%00b'), null);
    assert.equal((await page('/%2e%2e/%2e%2e/etc/passwd')).status, 404);
  });

  it('injects the script before </body>, or at the end of a page without one', () => {
    assert.equal(withClient('<p>x</p></body></html>'), '<p>x</p><script src="/__nianbao/client.js"></script></body></html>');
    assert.equal(withClient('<p>x</p>'), '<p>x</p><script src="/__nianbao/client.js"></script>');
  });

  it('answers from its own thread while the main thread is busy, as during the build that follows a save', async () => {
    const server = await startPreviewServerThread(path.join(dir, 'site'), 0, '127.0.0.1');
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const fetcher = new Worker(
      `const { workerData: w } = require('node:worker_threads');
       fetch(w.url).then((r) => r.text()).then((t) => { Atomics.store(w.flag, 0, t.includes('</html>') ? 1 : 2); Atomics.notify(w.flag, 0); });`,
      { eval: true, workerData: { url: server.url, flag } },
    );
    try {
      // Blocks this thread until the page arrives; a server on this thread could not answer, and the wait would time out.
      Atomics.wait(flag, 0, 0, 20_000);
      assert.equal(flag[0], 1, 'the home page was served while the main thread was blocked');
    } finally {
      await fetcher.terminate();
      await server.close();
    }
  });

  it('before any good build, answers with a page that says so and still listens for the fix', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'nianbao-empty-'));
    const server = await startPreviewServer(path.join(empty, 'site'), 0, '127.0.0.1');
    try {
      server.setStatus({ ok: false, problems: ['reports/2021/a.yaml:5:5  SCHEMA-VALUE  错误  …'], summary: '共 1 份报告：1 个错误，0 个警告' });
      const res = await fetch(server.url);
      const text = await res.text();
      assert.equal(res.status, 404);
      assert.match(text, /网站尚未生成：报告有错误。请按终端（命令行窗口）中的提示改正/);
      assert.match(text, /<script src="\/__nianbao\/client\.js"><\/script>/);
    } finally {
      await server.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
