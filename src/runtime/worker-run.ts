// Starts a live run in a worker thread (live-worker.ts) and hands back a way to stop it.
import { Worker } from 'node:worker_threads';
import { ExternalError, UserError } from '../errors.js';
import type { LiveSummary } from './live.js';
import type { RunSpec } from './run-spec.js';

/** What the worker's run ends with (its engine stays in the worker). */
type WorkerSummary = Omit<LiveSummary, 'engine'>;

export interface WorkerRun {
  /** Settles when the run ends (stopped, idle or failed). */
  readonly done: Promise<WorkerSummary>;
  stop(): Promise<WorkerSummary>;
}

export function startWorkerRun(spec: RunSpec): WorkerRun {
  const worker = new Worker(new URL('./live-worker.js', import.meta.url), { workerData: spec });
  const done = new Promise<WorkerSummary>((resolve, reject) => {
    worker.on('message', (m: { type: string; summary?: WorkerSummary; message?: string; user?: boolean }) => {
      if (m.type === 'done') resolve(m.summary!);
      else {
        const text = m.message!.replace(/^ordertrack: /, '');
        reject(m.user ? new UserError(text) : new ExternalError(text, false));
      }
    });
    worker.on('error', (err) => reject(err));
    worker.on('exit', (code) => reject(new ExternalError(`the engine thread stopped (exit ${code})`, false)));
  });
  return {
    done,
    stop: () => {
      worker.postMessage('stop');
      return done;
    },
  };
}
