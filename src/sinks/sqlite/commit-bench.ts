// Micro-benchmark of the store's commit path, apart from the engine:
//   node dist/sinks/sqlite/commit-bench.js capture <source-dir> <file>   (one replay, batches saved)
//   node dist/sinks/sqlite/commit-bench.js run <file> [runs]             (commits them again)
// `run` seeds a fresh file store, commits the captured batches in order and closes it, per run;
// it prints the seconds in commit and in commit + close (the last WAL checkpoint), and medians.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { CommitBatch, ReferenceSeed } from '../store.js';
import { SqliteStore } from './sqlite-store.js';

type Entry = { seed: ReferenceSeed; now: number } | { batch: CommitBatch };

async function capture(source: string, file: string): Promise<void> {
  const { runReplay } = await import('../../runtime/replay.js');
  const { UTC } = await import('../../engine/time/timestamp.js');
  const fd = openSync(file, 'w');
  const save = (e: Entry) => {
    const body = serialize(e);
    const head = Buffer.alloc(4);
    head.writeUInt32LE(body.length);
    writeSync(fd, head);
    writeSync(fd, body);
  };
  const proto = SqliteStore.prototype;
  const { commit, seedReference } = proto;
  proto.seedReference = function (seed, now) {
    save({ seed, now });
    return seedReference.call(this, seed, now);
  };
  proto.commit = function (batch) {
    save({ batch });
    commit.call(this, batch);
  };
  const dir = mkdtempSync(join(tmpdir(), 'ordertrack-capture-'));
  try {
    await runReplay({ source, out: join(dir, 'out'), store: join(dir, 'store.sqlite'), timeZone: UTC });
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

function load(file: string): Entry[] {
  const buf = readFileSync(file);
  const entries: Entry[] = [];
  for (let at = 0; at < buf.length; ) {
    const n = buf.readUInt32LE(at);
    entries.push(deserialize(buf.subarray(at + 4, at + 4 + n)) as Entry);
    at += 4 + n;
  }
  return entries;
}

function run(file: string, runs: number): void {
  const entries = load(file);
  const rows = entries.reduce((n, e) => {
    if (!('batch' in e)) return n;
    return n + Object.values(e.batch).reduce((m: number, v) => m + (Array.isArray(v) ? v.length : 0), 0);
  }, 0);
  console.log(`${entries.length - 1} commits, ${rows} rows`);
  const commits: number[] = [];
  const totals: number[] = [];
  for (let r = 0; r < runs; r++) {
    const dir = mkdtempSync(join(tmpdir(), 'ordertrack-commit-bench-'));
    const store = SqliteStore.open(join(dir, 'store.sqlite'));
    let ms = 0;
    for (const e of entries) {
      if (!('batch' in e)) {
        store.seedReference(e.seed, e.now);
        continue;
      }
      const t0 = performance.now();
      store.commit(e.batch);
      ms += performance.now() - t0;
    }
    const t1 = performance.now();
    store.close();
    const total = ms + performance.now() - t1;
    rmSync(dir, { recursive: true, force: true });
    commits.push(ms / 1000);
    totals.push(total / 1000);
    console.log(`run ${r + 1}: commit ${(ms / 1000).toFixed(3)} s, commit + close ${(total / 1000).toFixed(3)} s`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!.toFixed(3);
  console.log(`median: commit ${median(commits)} s, commit + close ${median(totals)} s`);
}

const [mode, a, b] = process.argv.slice(2);
if (mode === 'capture' && a && b) await capture(a, b);
else if (mode === 'run' && a) run(a, Number(b ?? 5));
else {
  console.error('usage: commit-bench.js capture <source-dir> <file> | run <file> [runs]');
  process.exitCode = 2;
}
