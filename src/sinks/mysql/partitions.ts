// Scale-out (several instances in one consumer group, issue 4): each partition has its own
// checkpoint row, held by the instance that reads it. `owner` is a fencing token: an instance
// claims a partition by writing its name there (waiting for the row lock of a commit still in
// flight), and every commit first locks its partitions' rows and fails with LostPartitions if
// another instance claimed one meanwhile, so two instances never both write a partition.
//
// Windows (SPEC §10) close per partition; each partition's figures are kept as a part, and a
// window's order_processing_metrics row is the sum of its parts once every partition of the
// group has closed it (as one engine emits a window once all its partitions passed it), so the
// table is the same whichever instance owned what.
import type { MetricRow } from '../../engine/types.js';
import type { WindowPart } from '../../engine/windows.js';
import { addPart, windowRow, WINDOW_MS } from '../../engine/windows.js';
import { UserError } from '../../errors.js';
import { METRIC_PARTS, ORDER_PROCESSING_METRICS, PARTITION_CHECKPOINT } from '../schema.js';
import { LostPartitions } from '../store-errors.js';
import type { ClaimedPartition, PartitionCommit } from '../store.js';
import { selectIn, writeRows } from './chunks.js';
import { type Conn, rows, run } from './db.js';
import { encoder } from './encode.js';
import { inList, upsertSql } from './sql.js';

/** closed_through of a partition whose input ended: every window is closed. */
const ALL_CLOSED = Number.MAX_SAFE_INTEGER;

const claimSql = 'INSERT INTO `partition_checkpoint` (`partition_id`, `source_id`, `owner`, `saved_at`) VALUES (?, ?, ?, UTC_TIMESTAMP(3)) ' +
  'ON DUPLICATE KEY UPDATE `owner` = VALUES(`owner`)';
const checkpointsSql = (n: number) => `SELECT \`partition_id\`, \`source_id\`, \`source_pos\`, \`state\` FROM \`partition_checkpoint\` WHERE ${inList('partition_id', n)}`;
const ordersSql = (n: number) => `SELECT \`order_id\`, \`state\`, \`resident\`, \`partition_id\` FROM \`order_state\` WHERE ${inList('partition_id', n)}`;
const fenceSql = (n: number) => `SELECT \`partition_id\`, \`owner\` FROM \`partition_checkpoint\` WHERE ${inList('partition_id', n)} FOR UPDATE`;

/**
 * Inside the caller's transaction: makes `owner` the holder of `partitions` (a commit of the
 * previous holder still in flight finishes first) and reads back what they left. Refuses a
 * store whose partitions belong to another source (consumer group).
 */
export async function claimPartitions(conn: Conn, sourceId: string, owner: string, partitions: readonly number[]): Promise<ClaimedPartition[]> {
  // Claims first: the reads below then see the last commit of whoever held them before.
  for (const p of [...partitions].sort((a, b) => a - b)) await run(conn, claimSql, [p, sourceId, owner]);
  const claimed = new Map<number, ClaimedPartition>(partitions.map((p) => [p, { partition: p, resident: [], awayIds: [] }]));
  for (const [p, source, pos, state] of await selectIn(conn, checkpointsSql, [...partitions])) {
    if (source !== sourceId) {
      throw new UserError(`the store holds the checkpoints of ${String(source)}, not ${sourceId}: use that consumer group, or another database`);
    }
    const c = claimed.get(Number(p))!;
    if (pos !== null) c.sourcePos = pos as string;
    if (state !== null) c.state = state as string;
  }
  for (const [id, state, resident, p] of await selectIn(conn, ordersSql, [...partitions])) {
    const c = claimed.get(Number(p))!;
    if (Number(resident) === 1) c.resident.push({ order_id: id as string, state: state as string, resident: true, partition_id: Number(p) });
    else c.awayIds.push(id as string);
  }
  return [...claimed.values()];
}

/** The saved offsets of every partition of `sourceId` (JSON per partition), for a replay's dry run. */
export async function partitionOffsets(conn: Conn, sourceId: string): Promise<Map<number, string>> {
  const found = await rows(conn, 'SELECT `partition_id`, `source_pos` FROM `partition_checkpoint` WHERE `source_id` = ? AND `source_pos` IS NOT NULL', [sourceId]);
  return new Map(found.map(([p, pos]) => [Number(p), pos as string]));
}

/** First statement of a commit: locks the partitions' rows; throws LostPartitions if one is not `owner`'s. */
export async function fence(conn: Conn, owner: string, partitions: readonly number[]): Promise<void> {
  if (partitions.length === 0) return;
  const held = new Map((await selectIn(conn, fenceSql, [...partitions])).map(([p, o]) => [Number(p), o]));
  const lost = partitions.filter((p) => held.get(p) !== owner);
  if (lost.length > 0) throw new LostPartitions(lost);
}

const encodeCheckpoint = encoder<Record<string, unknown>>(PARTITION_CHECKPOINT);
const encodePart = encoder<Record<string, unknown>>(METRIC_PARTS);
const encodeMetric = encoder(ORDER_PROCESSING_METRICS);

/** After the commit's rows: the partitions' checkpoints, their window parts, and the windows now complete. */
export async function writePartitions(conn: Conn, c: PartitionCommit): Promise<void> {
  const cps = c.checkpoints.map((cp) =>
    encodeCheckpoint({
      partition_id: cp.partition,
      source_id: c.sourceId,
      owner: c.owner,
      source_pos: cp.sourcePos,
      state: cp.state,
      closed_through: cp.closedThrough === Infinity ? ALL_CLOSED : cp.closedThrough,
      saved_at: c.savedAt,
    }),
  );
  const parts = c.metricParts.map(({ partition, part }) => encodePart({ window_start: part.start, partition_id: partition, part: JSON.stringify(part) }));
  if (parts.length > 0) await writeRows(conn, (n) => upsertSql(METRIC_PARTS, n), parts);
  if (cps.length > 0) await writeRows(conn, (n) => upsertSql(PARTITION_CHECKPOINT, n), cps);
  c.emitted = await emitWindows(conn, c.sourceId, c.partitionCount);
}

/**
 * Writes the rows of the windows every partition of the group has closed since the last time
 * (all `partitionCount` partitions checkpointed, the least closed_through passed their end).
 */
async function emitWindows(conn: Conn, sourceId: string, partitionCount: number): Promise<MetricRow[]> {
  const closed = await rows(conn, 'SELECT `closed_through` FROM `partition_checkpoint` WHERE `source_id` = ?', [sourceId]);
  if (closed.length < partitionCount || closed.some(([t]) => t === null)) return [];
  const through = Math.min(...closed.map(([t]) => Number(t)));
  const [progress] = await rows(conn, 'SELECT `emitted_through` FROM `metric_progress` WHERE `source_id` = ? FOR UPDATE', [sourceId]);
  const emitted = progress === undefined ? -ALL_CLOSED : Number(progress[0]);
  if (through <= emitted) return [];
  const found = await rows(
    conn,
    'SELECT `part` FROM `metric_parts` WHERE `window_start` > ? AND `window_start` <= ? ORDER BY `window_start`, `partition_id`',
    [emitted - WINDOW_MS, through - WINDOW_MS],
  );
  const windows = new Map<number, WindowPart>();
  for (const [text] of found) {
    const part = JSON.parse(text as string) as WindowPart;
    const w = windows.get(part.start);
    if (w === undefined) windows.set(part.start, part);
    else addPart(w, part);
  }
  const metrics = [...windows.values()].map(windowRow);
  if (metrics.length > 0) await writeRows(conn, (n) => upsertSql(ORDER_PROCESSING_METRICS, n), metrics.map(encodeMetric));
  await run(conn, 'INSERT INTO `metric_progress` (`source_id`, `emitted_through`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `emitted_through` = GREATEST(`emitted_through`, VALUES(`emitted_through`))', [sourceId, through]);
  return metrics;
}

/** Inside the caller's transaction: forgets the partitions' checkpoints and window parts (a replay). */
export async function resetPartitions(conn: Conn): Promise<void> {
  await run(conn, 'DELETE FROM `partition_checkpoint`');
  await run(conn, 'DELETE FROM `metric_parts`');
  await run(conn, 'DELETE FROM `metric_progress`');
}
