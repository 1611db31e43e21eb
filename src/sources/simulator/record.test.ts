import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOUR } from '../../engine/time/timestamp.js';
import { TOPICS } from '../../engine/types.js';
import { UserError } from '../../errors.js';
import { loadReferenceDir } from '../file/reference-files.js';
import { type RecordDeps, type RecordOptions, recordSimulation } from './record.js';
import { DEFAULT_START, type SimMessage, Simulator } from './simulator.js';
import { readAll } from './fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'ordertrack-record-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string): string => join(root, `${++n}-${name}`);

/** A wall clock that moves only when the recorder sleeps; `onSleep` sees each nap. */
function fakeDeps(onSleep: (now: number) => void = () => {}): RecordDeps & { time: () => number } {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms) => {
      t += Math.max(ms, 0);
      onSleep(t);
    },
    signal: { stopped: false },
    time: () => t,
  };
}


/** The simulator's own stream for these options, to compare the files with. */
function expected(opts: RecordOptions): SimMessage[] {
  const sim = new Simulator(opts.sim);
  const out: SimMessage[] = [];
  while (sim.pull(opts.end ?? Infinity, opts.records === undefined ? 4096 : opts.records - out.length, out) > 0);
  return out;
}

const lines = (path: string): string[] => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l !== '') : []);

describe('recordSimulation', () => {
  it('writes a source directory the file source reads back: every message, per topic in order, and the reference', async () => {
    const opts: RecordOptions = { sim: { seed: 9, ordersPerDay: 3_000 }, output: { kind: 'directory', dir: fresh('dir') }, end: DEFAULT_START + 6 * HOUR };
    const s = await recordSimulation(opts, fakeDeps());
    const want = expected(opts);
    expect(s.total).toBe(want.length);
    expect(s.interrupted).toBe(false);
    expect(s.to).toBe(opts.end);
    const got = readAll(s.path);
    expect(got).toHaveLength(s.total);
    for (const [i, topic] of TOPICS.entries()) {
      const mine = got.filter((r) => r.topic === i).map((r) => r.raw);
      expect(mine, topic).toEqual(want.filter((m) => m.topic === topic).map((m) => m.text));
      expect(s.messages[topic]).toBe(mine.length);
      expect(s.files[`${topic}.ndjson`]).toBe(mine.length);
    }
    expect(loadReferenceDir(s.path)).toEqual(new Simulator(opts.sim).reference());
  });

  it('writes a tape in exact arrival order, malformed messages as raw text', async () => {
    const file = join(fresh('tape'), 'tape.ndjson');
    const opts: RecordOptions = { sim: { seed: 10, ordersPerDay: 3_000, knobs: { malformed: 0.05 } }, output: { kind: 'tape', file }, records: 3_000 };
    const s = await recordSimulation(opts, fakeDeps());
    expect(s.total).toBe(3_000);
    const want = expected(opts);
    const got = readAll(dirname(file));
    expect(got).toHaveLength(3_000);
    got.forEach((r, i) => {
      expect(TOPICS[r.topic]).toBe(want[i]!.topic);
      // Objects stand in the tape as themselves; anything else as its raw text.
      expect(r.raw ?? JSON.stringify(r.value)).toBe(want[i]!.text);
    });
    expect(got.filter((r) => r.parseError).length).toBeGreaterThan(0);
    expect(existsSync(join(dirname(file), 'reference', 'product_inventory.ndjson'))).toBe(true);
  });

  it('paces --rate: the k-th message is out only after k / rate seconds, and each batch is flushed at once', async () => {
    const file = join(fresh('rate'), 'tape.ndjson');
    const rate = 200;
    let checks = 0;
    let before = 0;
    const deps = fakeDeps((now) => {
      // At every nap the file (flushed, so a reader sees it) holds all that was allowed before
      // the nap, and no more than is allowed after it.
      const k = lines(file).length;
      expect(k).toBeGreaterThanOrEqual(Math.floor((before * rate) / 1000) + 1);
      expect(k).toBeLessThanOrEqual(Math.floor((now * rate) / 1000) + 1);
      before = now;
      checks++;
    });
    const s = await recordSimulation({ sim: { seed: 1 }, output: { kind: 'tape', file }, records: 1_000, rate }, deps);
    expect(s.total).toBe(1_000);
    expect(checks).toBeGreaterThan(10);
    expect(deps.time()).toBeGreaterThanOrEqual((999 * 1000) / rate);
    expect(deps.time()).toBeLessThan((1_000 * 1000) / rate + 250);
  });

  it('paces --speed: at each nap the tape holds exactly the messages due by then, history at once', async () => {
    const file = join(fresh('speed'), 'tape.ndjson');
    const speed = 3_600; // one simulated hour per wall-clock second
    const opts: RecordOptions = { sim: { seed: 2, ordersPerDay: 5_000, history: HOUR }, output: { kind: 'tape', file }, end: DEFAULT_START + 2 * HOUR, speed };
    const times = expected(opts).map((m) => m.time);
    const deps = fakeDeps();
    let prev = 0;
    let checked = 0;
    const sleep = deps.sleep;
    deps.sleep = async (ms) => {
      // Just before each nap the tape holds what was due at the time of the last pull.
      const due = times.filter((t) => t <= DEFAULT_START + deps.now() * speed).length;
      expect(lines(file).length).toBe(due);
      expect(deps.now()).toBeGreaterThanOrEqual(prev);
      prev = deps.now();
      checked++;
      await sleep(ms);
    };
    const s = await recordSimulation(opts, deps);
    expect(s.total).toBe(times.length);
    expect(times.filter((t) => t <= DEFAULT_START).length).toBeGreaterThan(100); // the backlog
    expect(checked).toBeGreaterThan(20);
    expect(deps.time()).toBeGreaterThan(1_900);
    expect(deps.time()).toBeLessThan(2_300);
    expect(s.from).toBe(DEFAULT_START - HOUR);
  });

  it('with a number of orders, paced by speed, writes their whole lifecycles and then ends', async () => {
    const file = join(fresh('orders'), 'tape.ndjson');
    const opts: RecordOptions = { sim: { seed: 6, maxOrders: 20 }, output: { kind: 'tape', file }, speed: 1_000_000 };
    const want = expected(opts);
    const deps = fakeDeps();
    const s = await recordSimulation(opts, deps);
    expect(s.orders).toBe(20);
    expect(s.total).toBe(want.length);
    expect(s.to).toBe(want.at(-1)!.time);
    expect(s.interrupted).toBe(false);
    // The last message (weeks later, for a refund) went out only once its simulated time had come.
    expect(DEFAULT_START + deps.time() * 1_000_000).toBeGreaterThanOrEqual(want.at(-1)!.time);
  });

  it('stops when asked, closing what it wrote', async () => {
    const dir = fresh('stop');
    const deps = fakeDeps();
    const sleep = deps.sleep;
    let naps = 0;
    deps.sleep = async (ms) => {
      if (++naps === 3) deps.signal.stopped = true;
      await sleep(ms);
    };
    const s = await recordSimulation({ sim: { seed: 3 }, output: { kind: 'directory', dir }, rate: 100, records: 10_000 }, deps);
    expect(s.interrupted).toBe(true);
    expect(s.total).toBeGreaterThan(0);
    expect(s.total).toBeLessThan(10_000);
    expect(readAll(dir)).toHaveLength(s.total);
  });

  it('refuses a directory a reader would misread', async () => {
    const dir = fresh('clash');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'tape.ndjson'), '');
    await expect(recordSimulation({ sim: { seed: 1 }, output: { kind: 'directory', dir }, records: 10 }, fakeDeps())).rejects.toThrow(UserError);
    const other = fresh('csv');
    mkdirSync(join(other, 'reference'), { recursive: true });
    writeFileSync(join(other, 'reference', 'user_address.csv'), 'user_id\n');
    await expect(recordSimulation({ sim: { seed: 1 }, output: { kind: 'directory', dir: other }, records: 10 }, fakeDeps())).rejects.toThrow(
      /user_address.csv exists/,
    );
  });
});
