import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../engine/types.js';
import { UserError } from '../../errors.js';
import { DEFAULT_KNOBS } from '../../sources/simulator/knobs.js';
import { EXIT_INTERRUPTED, EXIT_OK } from '../exit.js';
import { simulate } from './simulate.js';
import { declareSimulate } from './simulate-flags.js';
import { KNOB_FLAGS } from './simulate-options.js';
import { readAll } from '../../sources/simulator/fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'ordertrack-simulate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(root, String(++n));

async function run(flags: Record<string, unknown>, signal?: { stopped: boolean }): Promise<{ code: number; out: string; ms: number }> {
  let out = '';
  const stdout = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  const t0 = performance.now();
  const code = await simulate(flags, { stdout, signal });
  return { code, out, ms: performance.now() - t0 };
}

/** The counts the summary prints: messages in all, and per topic. */
function printed(out: string): { total: number; perTopic: Record<string, number> } {
  const num = (s: string): number => Number(s.replace(/,/g, ''));
  const total = num(/ ([\d,]+) messages → /.exec(out)![1]!);
  const perTopic: Record<string, number> = {};
  for (const t of TOPICS) perTopic[t] = num(new RegExp(`^  ${t} +([\\d,]+)$`, 'm').exec(out)![1]!);
  return { total, perTopic };
}


describe('ordertrack simulate', () => {
  it('--out writes a source directory that ordertrack reads, as many records as the summary says', async () => {
    const dir = fresh();
    const r = await run({ out: dir, orders: '200', seed: '4' });
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toMatch(/^200 orders, /);
    expect(r.out).toMatch(/faults: unpaid \d+, stall \d+, deliveryDelay \d+, stockOut \d+, unroutable \d+, refund \d+, outOfOrder \d+, duplicate \d+, malformed \d+/);
    const { total, perTopic } = printed(r.out);
    const records = readAll(dir);
    expect(records).toHaveLength(total);
    TOPICS.forEach((t, i) => expect(records.filter((x) => x.topic === i).length, t).toBe(perTopic[t]));
  });

  it('--tape writes a tape (reference beside it) that ordertrack reads in full; the same seed, the same count', async () => {
    const file = join(fresh(), 'tape.ndjson');
    const r = await run({ tape: file, duration: '3h', ordersPerDay: '4000', malformed: '0.02' });
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toMatch(/\(tape\)/);
    expect(r.out).toMatch(/simulated 2026-11-20T00:00:00.000Z → 2026-11-20T03:00:00.000Z \(3h\)/);
    const records = readAll(dirname(file));
    expect(records).toHaveLength(printed(r.out).total);
    expect(records.some((x) => x.parseError)).toBe(true);
    const again = await run({ tape: join(fresh(), 'tape.ndjson'), duration: '3h', ordersPerDay: '4000', malformed: '0.02' });
    expect(printed(again.out)).toEqual(printed(r.out));
  });

  it('--rate paces the writing (generous bounds: counts and order, not timings)', async () => {
    const file = join(fresh(), 'tape.ndjson');
    const r = await run({ tape: file, records: '150', rate: '300' });
    expect(printed(r.out).total).toBe(150);
    // The 150th message may not go out before 149/300 s; allow the clock's coarseness.
    expect(r.ms).toBeGreaterThan(400);
    expect(r.ms).toBeLessThan(30_000);
    expect(readAll(dirname(file))).toHaveLength(150);
  });

  it('refuses to write over an earlier data set unless --force, which writes the same bytes again', async () => {
    const dir = fresh();
    await run({ out: dir, orders: '20', seed: '2' });
    const first = readFileSync(join(dir, 'order_status_events.ndjson'), 'utf8');
    const refused = await run({ out: dir, orders: '20', seed: '3' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as Error).message).toBe(
      `this would replace ${join(dir, 'order_status_events.ndjson')} and 6 more files: pass --force to replace them, or another --out`,
    );
    expect(readFileSync(join(dir, 'order_status_events.ndjson'), 'utf8')).toBe(first);
    // A tape beside them would replace the reference tables.
    const tape = await run({ tape: join(dir, 'other.ndjson'), orders: '20' }).catch((e: unknown) => e);
    expect((tape as Error).message).toMatch(/^this would replace .*reference\/product_inventory\.ndjson and 3 more files: .*or another --tape$/);
    expect((await run({ out: dir, orders: '20', seed: '3', force: true })).code).toBe(EXIT_OK);
    expect(readFileSync(join(dir, 'order_status_events.ndjson'), 'utf8')).not.toBe(first);
    await run({ out: dir, orders: '20', seed: '2', force: true });
    expect(readFileSync(join(dir, 'order_status_events.ndjson'), 'utf8')).toBe(first);
  });

  it('stops early on its signal and says so', async () => {
    const r = await run({ out: fresh(), speed: '1', duration: '1d' }, { stopped: true });
    expect(r.code).toBe(EXIT_INTERRUPTED);
    expect(r.out).toMatch(/^interrupted: /);
  });

  it.each([
    [{}, /--out <dir> for a source directory, or --tape <file>/],
    [{ out: 'a', tape: 'b' }, /--out <dir> or --tape <file>, not both/],
    [{ out: 'a', orders: '5', duration: '1h' }, /only one of --orders, --duration and --records \(got --orders and --duration\)/],
    [{ out: 'a', rate: '10', speed: '60' }, /--rate .* or --speed .*, not both/],
    [{ out: 'a', seed: 'abc' }, /--seed 'abc' must be a whole number from 0 to 4294967295/],
    [{ out: 'a', orders: '0' }, /--orders '0' must be a positive whole number/],
    [{ out: 'a', duration: 'soon' }, /--duration 'soon' is not a duration: use a number with ms, s, m, h or d/],
    [{ out: 'a', duration: '0h' }, /--duration must be longer than 0/],
    [{ out: 'a', rate: '-3' }, /--rate '-3' must be a positive number/],
    [{ out: 'a', speed: 'fast' }, /--speed 'fast' must be a positive number/],
    [{ out: 'a', start: 'tomorrow' }, /--start 'tomorrow' is not a time/],
    [{ out: 'a', ordersPerDay: '0' }, /--orders-per-day '0' must be a positive number/],
    [{ out: 'a', unpaid: '1.5' }, /--unpaid '1.5' must be a share from 0 to 1/],
    [{ out: 'a', stockOuts: 'lots' }, /--stock-outs 'lots' must be a share from 0 to 1/],
    [{ out: 'a', history: '-1d' }, /--history '-1d' is not a duration/],
    [{ out: true }, /--out needs a value/],
  ])('refuses bad flags %j with a UserError that says what to pass', async (flags, message) => {
    const err = await run(flags).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('declares flags that commander turns into what the command reads, with the defaults it applies', async () => {
    const program = new Command().exitOverride();
    let got: Record<string, unknown> = {};
    declareSimulate(program.command('simulate')).action((flags: Record<string, unknown>) => {
      got = flags;
    });
    const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
    const knobArgs = Object.keys(KNOB_FLAGS).flatMap((f) => [`--${kebab(f)}`, '0.25']);
    await program.parseAsync(['simulate', '--out', 'x', '--seed', '3', '--orders-per-day', '50', '--records', '9', ...knobArgs], { from: 'user' });
    expect(got).toMatchObject({ out: 'x', seed: '3', ordersPerDay: '50', records: '9' });
    for (const f of Object.keys(KNOB_FLAGS)) expect(got[f], f).toBe('0.25');
    // The help text states each knob's default: it must be the one the simulator uses.
    const options = program.commands[0]!.options;
    for (const [f, knob] of Object.entries(KNOB_FLAGS)) {
      const description = options.find((o) => o.long === `--${kebab(f)}`)!.description;
      expect(Number(/default: ([\d.]+)\)/.exec(description)![1]), f).toBeCloseTo(DEFAULT_KNOBS[knob], 12);
    }
  });
});
