// Worker thread entry: registers tsx (workers do not inherit the parent's loader hooks),
// then runs the TypeScript task module named in workerData with its input.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const task = await import(workerData.module);
const result = await task.run(workerData.input, (message) => parentPort.postMessage({ kind: 'progress', message }));
parentPort.postMessage({ kind: 'done', result });
