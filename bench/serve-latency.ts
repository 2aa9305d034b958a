/**
 * Time until `nianbao serve` shows a one-file change: start the preview on a corpus, change
 * one report's title, and poll that report's page over HTTP until the new title is there.
 * Usage: node --import tsx bench/serve-latency.ts <reports dir> <out dir> [port]
 * Prints one JSON line: { startupMs, latencyMs, rssMB }.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findReportFiles } from '../src/load/corpus.ts';

const [reportsDir = 'reports', outDir = 'bench/out/serve-site', port = '8931'] = process.argv.slice(2);
const files = await findReportFiles([reportsDir]);
const target = files[Math.floor(files.length / 2)]!;
const original = readFileSync(target, 'utf8');
const pageUrl = `http://127.0.0.1:${port}/${path.basename(path.dirname(target))}/${path.basename(target, '.yaml')}/`;

const started = performance.now();
const child = spawn(process.execPath, ['bin/nianbao.js', 'serve', '--reports', reportsDir, '--out', outDir, '--port', port], { stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
try {
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('预览地址')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output.slice(-500)}`)));
  });
  const startupMs = performance.now() - started;
  // Let the first summary refresh and file watcher settle before the edit.
  await new Promise((r) => setTimeout(r, 500));
  const mark = `（修订${Date.now()}）`;
  const edited = performance.now();
  writeFileSync(target, original.replace(/^(标题: .*)$/m, `$1${mark}`));
  let latencyMs = -1;
  while (performance.now() - edited < 60_000) {
    const res = await fetch(pageUrl).catch(() => undefined);
    if (res && (await res.text()).includes(mark)) {
      latencyMs = performance.now() - edited;
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssMB = Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  console.log(JSON.stringify({ startupMs: Math.round(startupMs), latencyMs: Math.round(latencyMs), rssMB }));
} finally {
  writeFileSync(target, original);
  child.kill();
}
