// What the runtime reads back (SPEC §6, §12), in batch form: the ledger's memory of the ops of
// some orders, saved order states, resident/away orders, and the checkpoint; and the reset that
// forgets keyed state (outputs, ledger, stock and decisions stay).
import type { OpStatus } from '../../engine/types.js';
import { rowDecoder } from '../row-codec.js';
import { CHECKPOINT } from '../schema.js';
import type { Checkpoint, OrderStateRow } from '../store.js';
import { selectIn } from './chunks.js';
import { type Conn, rows, run } from './db.js';
import { MYSQL } from './dialect.js';
import { resetPartitions } from './partitions.js';
import { inList, selectSql } from './sql.js';

const opsSql = (n: number) => `SELECT \`op_id\`, \`status\` FROM \`inventory_update_results\` WHERE ${inList('order_id', n)}`;
const statesSql = (n: number) => `SELECT \`order_id\`, \`state\` FROM \`order_state\` WHERE ${inList('order_id', n)}`;

export async function recordedOps(conn: Conn, orderIds: readonly string[]): Promise<Map<string, OpStatus>> {
  const out = new Map<string, OpStatus>();
  for (const [id, status] of await selectIn(conn, opsSql, [...new Set(orderIds)])) out.set(id as string, status as OpStatus);
  return out;
}

export async function loadOrders(conn: Conn, orderIds: readonly string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const [id, state] of await selectIn(conn, statesSql, [...new Set(orderIds)])) out.set(id as string, JSON.parse(state as string));
  return out;
}

export async function hasOps(conn: Conn): Promise<boolean> {
  return (await rows(conn, 'SELECT 1 FROM `inventory_update_results` LIMIT 1')).length > 0;
}

export async function residentOrders(conn: Conn): Promise<OrderStateRow[]> {
  const found = await rows(conn, 'SELECT `order_id`, `state`, `partition_id` FROM `order_state` WHERE `resident` = 1 ORDER BY `order_id`');
  return found.map(([order_id, state, p]) => ({ order_id: order_id as string, state: state as string, resident: true, partition_id: Number(p) }));
}

export async function awayOrderIds(conn: Conn): Promise<string[]> {
  return (await rows(conn, 'SELECT `order_id` FROM `order_state` WHERE `resident` = 0 ORDER BY `order_id`')).map((r) => r[0] as string);
}

const decodeCheckpoint = rowDecoder<Checkpoint & { id?: number }>(CHECKPOINT, MYSQL);

export async function readCheckpoint(conn: Conn): Promise<Checkpoint | undefined> {
  const [v] = await rows(conn, selectSql(CHECKPOINT));
  if (v === undefined) return undefined;
  const { source_id, source_pos, engine, saved_at } = decodeCheckpoint(v);
  return { source_id, source_pos, engine, saved_at };
}

/** Inside the caller's transaction. */
export async function resetState(conn: Conn): Promise<void> {
  await run(conn, 'DELETE FROM `order_state`');
  await run(conn, 'DELETE FROM `checkpoint`');
  await resetPartitions(conn);
}
