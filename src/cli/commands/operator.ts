// The scriptable twins of the console's actions: `anomalies list|ack|resolve`,
// `stock list|adjust` and `audit`, over a store file, with --json output. They act through the
// same OperatorDesk as the console (a stock adjustment goes to the live run when one is alive).
import { existsSync } from 'node:fs';
import stringWidth from 'string-width';
import { UserError } from '../../errors.js';
import { OperatorDesk } from '../../runtime/operator-desk.js';
import { SqliteStore } from '../../sinks/sqlite/sqlite-store.js';
import { rowJson } from '../../sinks/kafka/row-json.js';
import { ABNORMAL_ORDER_HANDLING } from '../../sinks/schema.js';
import { RESOLVE_ACTIONS, type ActionResult } from '../../ui/model.js';
import { EXIT_CHECK_FAILED, EXIT_OK } from '../exit.js';
import { countOption, timeOption, timeZoneOption } from '../options.js';
import { formatAudit } from './audit-format.js';
import { operatorName } from './run-flags.js';

type Out = { stdout: NodeJS.WritableStream };

/** An anomaly row in JSON exactly as its line in abnormal_order_handling.ndjson (times ISO). */
const anomalyJson = rowJson(ABNORMAL_ORDER_HANDLING);

interface StoreFlags {
  store: string;
  json?: boolean;
  operator?: string;
}

function withStore<T>(flags: StoreFlags, fn: (store: SqliteStore) => Promise<T>): Promise<T> {
  if (!existsSync(flags.store)) throw new UserError(`no store at ${flags.store}: pass the --store of a run or replay`);
  const store = SqliteStore.open(flags.store);
  return fn(store).finally(() => store.close());
}

function iso(t: number | null): string {
  return t === null ? '-' : new Date(t).toISOString().replace('.000Z', 'Z');
}

/** Columns padded by display width (product names are often CJK: two cells a character). */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => stringWidth(r[i]!))));
  const pad = (c: string, w: number) => c + ' '.repeat(w - stringWidth(c));
  return rows.map((r) => r.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

export async function anomaliesList(flags: StoreFlags & { status?: string; limit?: string }, io: Out): Promise<number> {
  return withStore(flags, async (store) => {
    const limit = countOption('--limit', flags.limit) ?? 100;
    const status = flags.status?.toUpperCase();
    if (status !== undefined && !['PENDING', 'PROCESSED', 'RESOLVED', 'OPEN'].includes(status)) {
      throw new UserError(`--status '${flags.status}' must be one of open, pending, processed, resolved`);
    }
    const rows = store.queries
      .anomalyRows(100_000)
      .filter((r) => status === undefined || (status === 'OPEN' ? r.status !== 'RESOLVED' : r.status === status))
      .slice(0, limit);
    if (flags.json) io.stdout.write(`[${rows.map(anomalyJson).join(',')}]\n`);
    else if (rows.length === 0) io.stdout.write('no anomalies\n');
    else {
      const head = ['TYPE', 'ORDER', 'USER', 'OVERTIME', 'HANDLER', 'ACTION', 'STATUS', 'DETECTED'];
      io.stdout.write(table([head, ...rows.map((r) => [r.abnormal_type, r.order_id, r.user_id, `${r.overtime_minutes}m`, r.handler, r.handling_action, r.status, iso(r.detection_time)])]));
    }
    return EXIT_OK;
  });
}

function report(result: ActionResult, flags: StoreFlags, io: Out): number {
  io.stdout.write(flags.json ? JSON.stringify(result) + '\n' : `${result.message}\n`);
  return result.ok ? EXIT_OK : EXIT_CHECK_FAILED;
}

export async function anomaliesAck(orderId: string, type: string, flags: StoreFlags & { note?: string }, io: Out): Promise<number> {
  return withStore(flags, async (store) => report(await new OperatorDesk(store, operatorName(flags.operator)).acknowledge(orderId, type.toUpperCase(), flags.note ?? ''), flags, io));
}

export async function anomaliesResolve(orderId: string, type: string, flags: StoreFlags & { action?: string; note?: string }, io: Out): Promise<number> {
  const action = (flags.action ?? '').toUpperCase();
  if (!(RESOLVE_ACTIONS as readonly string[]).includes(action)) {
    throw new UserError(`--action '${flags.action ?? ''}' must be one of ${RESOLVE_ACTIONS.join(', ')}`);
  }
  return withStore(flags, async (store) => report(await new OperatorDesk(store, operatorName(flags.operator)).resolve(orderId, type.toUpperCase(), action, flags.note ?? ''), flags, io));
}

export async function stockList(flags: StoreFlags & { limit?: string }, io: Out): Promise<number> {
  return withStore(flags, async (store) => {
    const rows = store.queries.stock(countOption('--limit', flags.limit) ?? 50);
    if (flags.json) io.stdout.write(JSON.stringify(rows) + '\n');
    else {
      const head = ['SKU', 'PRODUCT', 'AVAILABLE', 'FROZEN', 'LOCKED', 'TOTAL', 'FAILED OPS'];
      io.stdout.write(table([head, ...rows.map((r) => [r.sku_id, r.product_name ?? '-', String(r.available), String(r.frozen), String(r.locked), String(r.total), String(r.failed_ops)])]));
    }
    return EXIT_OK;
  });
}

export async function stockAdjust(skuId: string, delta: string, flags: StoreFlags & { reason?: string }, io: Out): Promise<number> {
  if (!/^[+-]?\d+$/.test(delta) || Number(delta) === 0) throw new UserError(`delta '${delta}' must be a signed whole number other than 0 (e.g. +20 or -5)`);
  // With no confirmation to read back, '5' could be meant as a new level: a change says its sign.
  if (!/^[+-]/.test(delta)) throw new UserError(`delta '${delta}' needs its sign: +${delta} adds to the stock, -${delta} takes from it (an adjustment is a change, not a new level)`);
  if (!Number.isSafeInteger(Number(delta))) throw new UserError(`delta '${delta}' is too large: stock is counted exactly up to ${Number.MAX_SAFE_INTEGER}`);
  if (!flags.reason?.trim()) throw new UserError('--reason is required: say why the stock is corrected (it goes to the audit trail)');
  return withStore(flags, async (store) => report(await new OperatorDesk(store, operatorName(flags.operator)).adjustStock(skuId, Number(delta), flags.reason!), flags, io));
}

export async function audit(flags: { store: string; since?: string; format?: string; timeZone?: string }, io: Out): Promise<number> {
  const format = flags.format ?? 'md';
  if (format !== 'md' && format !== 'json') throw new UserError(`--format '${format}' must be md or json`);
  const since = timeOption('--since', flags.since, timeZoneOption(flags.timeZone), false) ?? 0;
  return withStore(flags, async (store) => {
    io.stdout.write(formatAudit(store.control.auditSince(since), format, since));
    return EXIT_OK;
  });
}
