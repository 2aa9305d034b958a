// Worker thread entry: registers tsx (workers do not inherit the parent's loader hooks) unless
// the task module is compiled JavaScript (the compiled CLI's, see pool.ts), then runs the task
// module named in workerData with its input. In batch mode (see runBatches) it then waits for
// further inputs, answering `done` after each.
import { parentPort, workerData } from 'node:worker_threads';

if (!workerData.compiled) (await import('tsx/esm/api')).register();
const task = await import(workerData.module);
const post = (message) => parentPort.postMessage({ kind: 'progress', message });
const result = await task.run(workerData.input, post);
parentPort.postMessage({ kind: 'done', result });
if (workerData.batches) {
  parentPort.on('message', async (input) => {
    parentPort.postMessage({ kind: 'done', result: await task.run(input, post) });
  });
}
