// A live run in a worker thread (the demo): the engine gets a core of its own and the console's
// thread only draws and reads snapshots. The parent sends 'stop'; the worker checkpoints and
// answers with the summary, or with the error's one-line description.
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../cli/exit.js';
import { runLive } from './live.js';
import { liveOptions, type RunSpec } from './run-spec.js';

const signal = { stopped: false };
parentPort!.on('message', (m) => {
  if (m === 'stop') signal.stopped = true;
});
runLive(liveOptions(workerData as RunSpec, signal))
  .then(
    ({ engine: _engine, ...summary }) => parentPort!.postMessage({ type: 'done', summary }),
    (err: unknown) => parentPort!.postMessage({ type: 'error', message: describeError(err), user: (err as { domain?: string }).domain === 'user' }),
  )
  // Nothing more to say: let the thread end (an open port would keep it, and the process, alive).
  .finally(() => parentPort!.close());
