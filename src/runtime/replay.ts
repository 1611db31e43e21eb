// Headless replay of a source directory: file source → engine → SQLite store, checkpointing
// as it goes, then the NDJSON outputs, the summary and (optionally) the invariant checks.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Engine } from '../engine/engine.js';
import { ReferenceIndex } from '../engine/reference.js';
import type { TimeZone } from '../engine/time/timestamp.js';
import { TOPICS, type SourceRecord, type TopicName } from '../engine/types.js';
import { UserError } from '../errors.js';
import type { CheckResult, CommitBatch, Store } from '../sinks/store.js';
import { EVENT_TABLE_NAMES, EventFiles } from '../sinks/ndjson/event-files.js';
import { prepareOutDir, prepareOutFile, refuseOutOverSource } from '../sinks/out-paths.js';
import { SqliteStore } from '../sinks/sqlite/sqlite-store.js';
import { openSource } from '../sources/file/open-source.js';
import { loadReferenceDir, noStockNote } from '../sources/file/reference-files.js';
import type { BoundedSource, InputProgress } from '../sources/source.js';
import { CommitBuffer } from './commit-buffer.js';
import { summarize, type ReplaySummary } from './summary.js';

export interface ProcessingClock {
  now(): number;
}

export const systemClock: ProcessingClock = { now: () => Date.now() };

export interface ReplayOptions {
  source: string;
  out: string;
  /** SQLite file; `:memory:` (the default) keeps nothing after the run. */
  store?: string;
  from?: number;
  to?: number;
  timeZone: TimeZone;
  clock?: ProcessingClock;
  /** Commit (checkpoint) at least every this many records (default: by time and volume only). */
  checkpointEvery?: number;
  /** …and at least this often in wall-clock ms (SPEC §12: 30 s). */
  checkpointIntervalMs?: number;
  ttlTerminalMs?: number;
  ttlIdleMs?: number;
  batchSize?: number;
  check?: boolean;
  report?: string;
  /** Set by a signal handler: stop at the next batch, checkpoint, and return `interrupted`. */
  signal?: { stopped: boolean };
  /** Flush event rows ahead of the next checkpoint once this many wait (default 10,000). */
  flushRows?: number;
  /** Called after each batch (and its checkpoint, if one was due) with the records processed so far and how far through its input the source is. */
  onBatch?: (processed: number, input: InputProgress) => void;
  /** Called once the input is read, before the last checkpoint and the outputs are written. */
  onInputEnd?: () => void;
  /** When given, the wall-clock ms spent in each phase are added to it (the benchmark's breakdown). */
  phases?: ReplayPhases;
  /** Told, a line each, how the reference data is read where that may surprise (the CLI prints them on stderr). */
  onNote?: (note: string) => void;
}

/** Where a replay's time goes, in ms: everything else (opening, seeding, checks) is the rest. */
export interface ReplayPhases {
  /** Reading and parsing the source files. */
  read: number;
  /** The engine's steps over the records, and its end of input. */
  engine: number;
  /** Turning changed orders into rows and state, and the checkpoint's snapshot. */
  drain: number;
  /** Store transactions. */
  store: number;
  /** Event rows streamed to their NDJSON files. */
  files: number;
  /** The other tables exported from the store at the end. */
  export: number;
}

export function newReplayPhases(): ReplayPhases {
  return { read: 0, engine: 0, drain: 0, store: 0, files: 0, export: 0 };
}

/** Runs `f`, adding the wall-clock ms it takes to `phase` (called per batch, never per record). */
function timed<T>(phases: ReplayPhases, phase: keyof ReplayPhases, f: () => T): T {
  const t0 = performance.now();
  const result = f();
  phases[phase] += performance.now() - t0;
  return result;
}

/**
 * Event rows held before they are flushed to the store ahead of the next checkpoint. Measured on
 * a 1M-record replay: 10,000 peaks ~100 MiB lower than 100,000 (rows die young instead of being
 * promoted), at the same speed.
 */
const BUFFERED_ROWS_LIMIT = 10_000;

export async function runReplay(opts: ReplayOptions): Promise<ReplaySummary> {
  const clock = opts.clock ?? systemClock;
  const started = performance.now();
  const dir = resolve(opts.source);
  if (!existsSync(dir)) {
    throw new UserError(`source directory ${opts.source} does not exist: pass --source <dir> holding the NDJSON files (see README, "File formats")`);
  }
  if (!statSync(dir).isDirectory()) {
    throw new UserError(`--source ${opts.source} is a file, not a directory: pass the directory that holds it (a tape must be named tape.ndjson)`);
  }
  // Where the outputs go is made ready before any work: a bad path is an error now, not at the end.
  refuseOutOverSource(opts.out, dir);
  const out = prepareOutDir(opts.out);
  const report = opts.report === undefined ? undefined : prepareOutFile(opts.report);
  const seed = loadReferenceDir(dir, { timeZone: opts.timeZone, onNote: opts.onNote });
  const store: Store = SqliteStore.open(opts.store ?? ':memory:', { command: 'replay', now: clock.now() });
  let source: BoundedSource | undefined;
  let eventFiles: EventFiles | undefined;
  try {
    // Everything that can refuse the run comes before the first write: a refused replay leaves
    // the store as it was. --from starts over, so the stored checkpoint (of any source) is dropped.
    const saved = store.readCheckpoint();
    const checkpoint = opts.from === undefined ? saved : undefined;
    if (checkpoint && checkpoint.source_id !== dir) {
      throw new UserError(
        `store ${opts.store} holds a checkpoint of ${checkpoint.source_id}, not ${dir}: use another --store for this source (or, if it is the same data moved, --from earliest)`,
      );
    }
    // --from re-reads from the first record at or after it, with the state a live run had there:
    // the records before it are read again quietly (SPEC §12).
    const quietUntil = opts.from === undefined || opts.from === -Infinity ? undefined : opts.from;
    source = openSource(dir, { timeZone: opts.timeZone, quietUntil, to: opts.to, position: checkpoint?.source_pos });
    if (saved && !checkpoint) store.resetState();
    store.seedReference(seed, clock.now());
    if (opts.onNote && !store.hasRows(['product_inventory'])) opts.onNote(noStockNote(opts.source));
    const ref = store.loadReference();
    const refs = new ReferenceIndex(ref.product_info, ref.user_address, ref.logistics_area_info);
    const buffer = new CommitBuffer();
    const engine = new Engine({
      store,
      out: buffer,
      refs,
      rules: ref.order_processing_rules,
      timeZone: opts.timeZone,
      ttlTerminalMs: opts.ttlTerminalMs,
      ttlIdleMs: opts.ttlIdleMs,
      // Event rows (ops among them) may be flushed ahead of the last checkpoint: a resumed or
      // fresh state over a store with ops recalls their results instead of applying them again.
      consultLedger: store.hasOps(),
      awayOrderIds: checkpoint ? store.awayOrderIds() : [],
    });
    if (checkpoint) engine.restore(checkpoint.engine, store.residentOrders());
    // On an empty store the event rows are final when committed: stream them to their files.
    if (!checkpoint && !store.hasRows(EVENT_TABLE_NAMES)) eventFiles = new EventFiles(out);
    const phases = opts.phases ?? newReplayPhases();
    const save = (batch: CommitBatch): void => {
      timed(phases, 'store', () => store.commit(batch));
      timed(phases, 'files', () => eventFiles?.write(batch));
    };

    const committed: Record<TopicName, number> = { order_status_events: 0, order_item_events: 0, logistics_events: 0 };
    const commit = (): void => {
      const delivered = source!.delivered;
      const readTotals: Partial<Record<TopicName, number>> = {};
      for (const t of TOPICS) {
        readTotals[t] = delivered[t] - committed[t];
        committed[t] = delivered[t];
      }
      const batch = timed(phases, 'drain', () => {
        const b = buffer.take(engine, readTotals);
        b.checkpoint = { source_id: dir, source_pos: source!.position(), engine: engine.snapshot(), saved_at: clock.now() };
        return b;
      });
      save(batch);
    };

    const batchSize = Math.min(opts.batchSize ?? 4096, opts.checkpointEvery ?? Infinity);
    const interval = opts.checkpointIntervalMs ?? 30_000;
    const records: SourceRecord[] = [];
    let sinceCommit = 0;
    let lastCommit = performance.now();
    let lastYield = lastCommit;
    let processed = 0;
    let interrupted = false;
    const input = source;
    for (;;) {
      records.length = 0;
      const n = timed(phases, 'read', () => input.next(batchSize, records));
      if (n === 0) break;
      timed(phases, 'engine', () => {
        const now = clock.now();
        for (let i = 0; i < n; i++) engine.process(records[i]!, now);
      });
      processed += n;
      sinceCommit += n;
      const t = performance.now();
      if (sinceCommit >= (opts.checkpointEvery ?? Infinity) || t - lastCommit >= interval) {
        commit();
        sinceCommit = 0;
        lastCommit = performance.now();
      } else if (buffer.size >= (opts.flushRows ?? BUFFERED_ROWS_LIMIT)) {
        save(buffer.takeRows());
      }
      opts.onBatch?.(processed, input.progress());
      if (t - lastYield > 200) {
        await new Promise((r) => setImmediate(r));
        lastYield = performance.now();
        if (opts.signal?.stopped) {
          interrupted = true;
          break;
        }
      }
    }
    if (engine.restoredEnded && processed > 0) {
      opts.onNote?.(
        `the checkpoint in ${opts.store} was taken at the end of this source, and ${processed} record${processed === 1 ? ' was' : 's were'} added since: they come after that end (its windows are closed, its timeouts fired), so they may count as late and miss windows; for one pass over the whole input, run with --from earliest`,
      );
    }
    if (!interrupted) {
      opts.onInputEnd?.();
      timed(phases, 'engine', () => engine.finish(clock.now()));
    }
    commit();
    let files: Record<string, number> = {};
    if (!interrupted) {
      const streamed = timed(phases, 'files', () => eventFiles?.close() ?? {});
      eventFiles = undefined;
      files = { ...streamed, ...timed(phases, 'export', () => store.exportNdjson(out, Object.keys(streamed))) };
    }
    const checks: CheckResult[] = opts.check ? store.checks() : [];
    const summary = summarize({
      stats: engine.stats,
      processed,
      rebuilt: engine.rebuilt,
      resume: `run the same command again${opts.from === undefined ? '' : ', without --from,'} to resume`,
      elapsedMs: performance.now() - started,
      files,
      checks,
      interrupted,
      resumed: checkpoint !== undefined,
      rules: engine.rules,
    });
    if (report) writeFileSync(report, JSON.stringify(summary, null, 2) + '\n');
    return summary;
  } finally {
    eventFiles?.close();
    source?.close();
    store.close();
  }
}
