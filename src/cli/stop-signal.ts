// Ctrl-C (SIGINT) and SIGTERM ask a long-running command to stop at its next batch: it
// checkpoints and returns (exit 130) instead of dying mid-write.
export type StopSignal = { stopped: boolean };

/** Runs `fn` with a signal the two set; the handlers are removed however `fn` ends. */
export async function untilStopped<T>(fn: (signal: StopSignal) => Promise<T>): Promise<T> {
  const signal: StopSignal = { stopped: false };
  const stop = (): void => {
    signal.stopped = true;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await fn(signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
