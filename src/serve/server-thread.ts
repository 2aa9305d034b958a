/**
 * The preview server on a thread of its own. The build that follows a save computes its
 * summaries and output keys on the main thread — seconds at national scale — and the
 * preview must go on answering meanwhile, above all with the page the quick path has just
 * written.
 */
import { Worker } from 'node:worker_threads';
import type { PreviewServer } from './server.ts';
import type { ServerCommand, ServerInput, ServerReport } from './server-task.ts';

const ENTRY = new URL('../parallel/worker.js', import.meta.url);
const TASK = new URL('./server-task.ts', import.meta.url);

/** Start serving `root` on `port` (0 = any free port) from a worker thread; same interface as startPreviewServer. */
export function startPreviewServerThread(root: string, port: number, host = 'localhost'): Promise<PreviewServer> {
  const input: ServerInput = { root, port, host };
  const worker = new Worker(ENTRY, { workerData: { module: TASK.href, input } });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const command = (c: ServerCommand) => worker.postMessage(c);
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    void exited.then(() => reject(new Error('预览服务器意外停止。')));
    worker.on('message', (m: { kind: 'progress'; message: ServerReport } | { kind: 'done' }) => {
      if (m.kind !== 'progress') return;
      const report = m.message;
      if ('failed' in report) {
        reject(Object.assign(new Error(report.failed.message), report.failed.code ? { code: report.failed.code } : {}));
        return;
      }
      resolve({
        url: report.url,
        reload: () => command({ kind: 'reload' }),
        setStatus: (status) => command({ kind: 'status', status }),
        async close() {
          command({ kind: 'close' });
          await exited;
        },
      });
    });
  });
}
