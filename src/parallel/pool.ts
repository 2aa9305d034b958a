/**
 * Run a task module in worker threads, one input per worker, so large corpora use every core.
 * A task module exports `run(input, post)`; `post` streams partial results back as they are
 * ready (so the main thread never waits for a whole worker's share), `run`'s value ends it.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compiledTasks } from '../../bin/compile.js';

const ENTRY = new URL('./worker.js', import.meta.url);

/** Set in the CLI compiled into dist/ (bin/compile.js): each task module's compiled file, by its source path. */
declare const __NIANBAO_COMPILED_TASKS__: Readonly<Record<string, string>> | undefined;
const COMPILED_TASKS = typeof __NIANBAO_COMPILED_TASKS__ === 'undefined' ? undefined : __NIANBAO_COMPILED_TASKS__;
/** Whether this code runs compiled into dist/ (not its TypeScript through tsx). */
export const RUNNING_COMPILED = COMPILED_TASKS !== undefined;
const ROOT = new URL('../../', import.meta.url).href;

/**
 * What a worker loads for a task module: the task compiled into dist/ (no TypeScript to compile
 * in the thread) — in the compiled CLI, or, running through tsx (`build`, `serve`, the tests),
 * while dist/ is current — otherwise the TypeScript source, through tsx.
 */
function taskData(module: URL): { module: string; compiled: boolean } {
  const tasks = COMPILED_TASKS ?? (process.env.NIANBAO_COMPILED === '0' ? undefined : compiledTasks());
  const compiled = module.href.startsWith(ROOT) ? tasks?.[module.href.slice(ROOT.length)] : undefined;
  return compiled ? { module: new URL(compiled, ROOT).href, compiled: true } : { module: module.href, compiled: false };
}

/** How many workers to use: NIANBAO_WORKERS, else one per core. */
export function workerCount(): number {
  const env = Number(process.env.NIANBAO_WORKERS);
  return Number.isInteger(env) && env > 0 ? env : Math.max(1, availableParallelism());
}

/** Run `module` once per input, each in its own worker; `onProgress` gets every posted message in arrival order. */
export function runWorkers<I, P, R>(module: URL, inputs: readonly I[], onProgress: (message: P, worker: number) => void): Promise<R[]> {
  return Promise.all(
    inputs.map(
      (input, index) =>
        new Promise<R>((resolve, reject) => {
          const worker = new Worker(ENTRY, { workerData: { ...taskData(module), input } });
          let result: { value: R } | undefined;
          worker.on('message', (m: { kind: 'progress'; message: P } | { kind: 'done'; result: R }) => {
            if (m.kind === 'progress') onProgress(m.message, index);
            else result = { value: m.result };
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (result) resolve(result.value);
            else reject(new Error(`工作线程异常退出（代码 ${code}）`));
          });
        }),
    ),
  );
}

/** Split a list into `n` contiguous parts of nearly equal size. */
export function chunks<T>(list: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  const size = Math.ceil(list.length / n);
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Feed batches from `batches` to `threads` workers running `module` (whose `run(input)`
 * handles one batch), `ahead` batches per worker at a time (1 unless given): only a few
 * batches exist at once, however many there are in all, and a thread that is done early
 * takes the next one. With `ahead` 2, a thread has its next batch already when it finishes
 * one, and does not wait for the main thread to read its result and send another (the main
 * thread may be busy with another thread's result, or collecting garbage). `onResult`, when
 * given, gets each batch's result as it arrives (after the thread's next batch is sent).
 * Resolves when every batch is done; rejects on the first failure (a thread that stops amid a
 * batch included) after all workers have stopped.
 */
export async function runBatches<I, R = unknown>(module: URL, threads: number, batches: Iterator<I>, onResult?: (result: R) => void, ahead = 1): Promise<void> {
  let failure: unknown;
  const next = (): I | undefined => {
    if (failure !== undefined) return undefined;
    const n = batches.next();
    return n.done ? undefined : n.value;
  };
  await Promise.all(
    Array.from({ length: threads }, () => {
      const first = next();
      if (first === undefined) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const worker = new Worker(ENTRY, { workerData: { ...taskData(module), input: first, batches: true } });
        // Batches sent to this worker and not yet answered.
        let pending = 1;
        const send = (): void => {
          const batch = next();
          if (batch === undefined) return;
          pending++;
          worker.postMessage(batch);
        };
        // Queued in the worker until it has done its first.
        for (let i = 1; i < ahead; i++) send();
        worker.on('message', (m: { kind: 'done'; result: R } | { kind: 'progress' }) => {
          if (m.kind !== 'done') return;
          pending--;
          send();
          if (failure === undefined) onResult?.(m.result);
          if (pending === 0) void worker.terminate();
        });
        worker.on('error', (e) => {
          failure ??= e;
          void worker.terminate();
        });
        worker.on('exit', (code) => {
          if (pending > 0) failure ??= new Error(`工作线程异常退出（代码 ${code}）`);
          resolve();
        });
      });
    }),
  );
  if (failure !== undefined) throw failure;
}
