// The `simulate` command's flags as commander declares them. Kept apart from the command (which
// is imported lazily) so the program can declare it without loading the simulator. Defaults live
// in simulate-options.ts, not here, so the command reads the same values however it is called.
//
// Registration in src/cli/index.ts:
//   declareSimulate(p.command('simulate')).action(async (flags) => {
//     const { simulate } = await import('./commands/simulate.js');
//     setExit(await simulate(flags, { stdout: process.stdout }));
//   });
import type { Command } from 'commander';

export function declareSimulate(cmd: Command): Command {
  return cmd
    .description('write deterministic synthetic storefront traffic (orders, items, parcels, faults) as a source directory, a tape or to Kafka')
    .option('--to <target>', 'files (--out or --tape) or kafka (--brokers and --reference) (default: files)')
    .option('--out <dir>', 'write a source directory: the three topic NDJSON files and reference/')
    .option('--tape <file>', 'write one tape (tape.ndjson lines in exact arrival order), reference/ beside it')
    .option('--brokers <host:port,...>', 'with --to kafka: the Kafka bootstrap brokers to produce to')
    .option('--topic-prefix <p>', 'with --to kafka: prepended to the topic names (e.g. sim. gives sim.order_status_events)')
    .option('--reference <dir>', "with --to kafka: write reference/ here, for 'ordertrack db seed --reference <dir>'")
    .option('--force', 'replace the files already at --out, --tape or --reference (refused without it)')
    .option('--seed <n>', 'seed: the same seed and flags give the same bytes (default: 1)')
    .option('--orders <n>', 'place this many orders and write their whole lifecycles')
    .option('--duration <d>', 'simulated span to write, e.g. 2h or 1d (default: 1h)')
    .option('--records <n>', 'stop after this many messages')
    .option('--rate <events/s>', 'write this many messages per wall-clock second')
    .option('--speed <x>', 'run simulated time x times the wall clock (e.g. 60)')
    .option('--start <time>', 'simulated start, ISO-8601 (default: 2026-11-20T00:00:00Z)')
    .option('--history <d>', 'also simulate this much traffic before --start, written at once (e.g. 3d)')
    .option('--orders-per-day <n>', 'mean orders per simulated day (default: 10000)')
    .option('--unpaid <share>', 'share of orders never paid (payment timeouts; default: 0.12)')
    .option('--stalls <share>', 'share of paid orders stalled past 24 h (default: 0.028)')
    .option('--delivery-delays <share>', 'share of shipped orders not delivered within 72 h (default: 0.024)')
    .option('--stock-outs <share>', 'share of item lines asking more than the stock (default: 0.005)')
    .option('--unroutable <share>', 'share of users no dispatch can be routed for (default: 0.045)')
    .option('--refunds <share>', 'share of orders refunded (default: 0.045)')
    .option('--out-of-order <share>', 'share of records arriving late or jittered (default: 0.015)')
    .option('--duplicates <share>', 'share of records sent twice (default: 0.01)')
    .option('--malformed <share>', 'share of records preceded by a malformed copy (default: 0.004)');
}
