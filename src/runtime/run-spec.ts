// What a live run is, as plain data (so a worker thread can be handed it): the source (`sim` or
// a directory), the store and the knobs; `liveOptions` turns it into the runtime's options.
import { resolve } from 'node:path';
import { TimeZone } from '../engine/time/timestamp.js';
import { loadReferenceDir, noStockNote } from '../sources/file/reference-files.js';
import { DirectoryFeed } from '../sources/live/directory-feed.js';
import { SimulatorFeed } from '../sources/live/simulator-feed.js';
import { Simulator, type SimulatorOptions } from '../sources/simulator/simulator.js';
import type { LiveOptions } from './live.js';

export interface RunSpec {
  /** `sim` for the simulator, else a source directory. */
  source: string;
  store: string;
  timeZone: string;
  seed: number;
  /** Simulated time per wall-clock time (simulator). */
  speed: number;
  /** Simulated start (epoch ms; default: now). */
  start?: number;
  /** Directory: records per second (default: as fast as it goes). */
  rate?: number;
  simulator?: Omit<SimulatorOptions, 'seed' | 'start'>;
  commitIntervalMs?: number;
  exitWhenIdleMs?: number;
  ttlTerminalMs?: number;
  ttlIdleMs?: number;
}

export function isSimulator(spec: RunSpec): boolean {
  return spec.source === 'sim';
}

/** `onNote` is told, a line each, how a directory's reference data is read where that may surprise. */
export function liveOptions(spec: RunSpec, signal: { stopped: boolean }, onNote?: (note: string) => void): LiveOptions {
  const timeZone = new TimeZone(spec.timeZone);
  const common = {
    store: spec.store,
    timeZone,
    signal,
    commitIntervalMs: spec.commitIntervalMs,
    exitWhenIdleMs: spec.exitWhenIdleMs,
    ttlTerminalMs: spec.ttlTerminalMs,
    ttlIdleMs: spec.ttlIdleMs,
  };
  if (isSimulator(spec)) {
    const create = (start: number) => new Simulator({ ...spec.simulator, seed: spec.seed, start });
    const start = spec.start ?? Date.now();
    return {
      ...common,
      sourceId: `simulator:seed=${spec.seed}`,
      reference: create(start).reference(),
      openSource: (position) => new SimulatorFeed({ seed: spec.seed, start, speed: spec.speed, create, now: Date.now(), position }),
    };
  }
  const dir = resolve(spec.source);
  return {
    ...common,
    sourceId: dir,
    reference: loadReferenceDir(dir, { timeZone, onNote }),
    onNoStock: onNote && (() => onNote(noStockNote(spec.source))),
    openSource: (position) => new DirectoryFeed(dir, { timeZone, rate: spec.rate, position, now: Date.now() }),
  };
}
