// One commit = one transaction (STYLE §3), as in the SQLite store (sqlite/commit.ts): the ledger
// and its stock changes first (a refused stock change fails the commit before anything else is
// sent), then the output rows, keyed state and read totals, and the checkpoint last. Rows go in
// multi-row statements (chunks.ts). Each table keeps the SQLite store's rule: first wins for rows
// written once (dead letters by position, dispatches, notifications, order commands), last wins
// for rows that follow an order or a window, additive for data quality and read totals. A Kafka
// run's commit is fenced by its partitions' owner first and ends with their checkpoints
// (partitions.ts).
import type { DeadLetterRow, DataQualityRow } from '../../engine/types.js';
import {
  ABNORMAL_ORDER_HANDLING, CHECKPOINT, DATA_QUALITY_METRICS, DEAD_LETTERS, deadLetterPosition,
  LOGISTICS_DISPATCH_COMMANDS, LOGISTICS_EFFICIENCY_MONITOR, ORDER_COMMANDS, ORDER_LIFECYCLE,
  ORDER_PROCESSING_METRICS, ORDER_STATE, ORDER_STATUS_NOTIFICATIONS, type TableSchema,
} from '../schema.js';
import type { CommitBatch } from '../store.js';
import { writeRows } from './chunks.js';
import { DATA_QUALITY_DERIVED, dataQualityUpsertSql } from './data-quality.js';
import { type Conn, run } from './db.js';
import { type Derived, type Encode, encoder } from './encode.js';
import { applyOps } from './ledger.js';
import { fence, writePartitions } from './partitions.js';
import { insertOnceSql, marks, upsertSql } from './sql.js';

type Rows = Exclude<keyof CommitBatch, 'ops' | 'readTotals' | 'checkpoint' | 'partitions'>;

interface TableWriter {
  sql: (rows: number) => string;
  encode: Encode<object>;
}

function writer<T extends object>(t: TableSchema, sql: (t: TableSchema, n: number) => string, derived?: Derived<T>): TableWriter {
  return { sql: (n) => sql(t, n), encode: encoder<T>(t, derived) as Encode<object> };
}

/** In the order they are written. */
const WRITERS: [Rows, TableWriter][] = [
  ['deadLetters', writer<DeadLetterRow>(DEAD_LETTERS, insertOnceSql, { position: deadLetterPosition })],
  ['dispatches', writer(LOGISTICS_DISPATCH_COMMANDS, insertOnceSql)],
  ['notifications', writer(ORDER_STATUS_NOTIFICATIONS, insertOnceSql)],
  ['metrics', writer(ORDER_PROCESSING_METRICS, upsertSql)],
  ['dataQuality', { sql: dataQualityUpsertSql, encode: encoder<DataQualityRow>(DATA_QUALITY_METRICS, DATA_QUALITY_DERIVED) as Encode<object> }],
  ['lifecycle', writer(ORDER_LIFECYCLE, upsertSql)],
  ['sla', writer(LOGISTICS_EFFICIENCY_MONITOR, upsertSql)],
  ['anomalies', writer(ABNORMAL_ORDER_HANDLING, upsertSql)],
  ['orderCommands', writer(ORDER_COMMANDS, insertOnceSql)],
  ['orderStates', writer(ORDER_STATE, upsertSql)],
];

const checkpoint = writer(CHECKPOINT, upsertSql);

const readTotalsSql = (n: number) =>
  `INSERT INTO \`read_totals\` (\`topic\`, \`records\`) VALUES ${new Array<string>(n).fill(`(${marks(2)})`).join(', ')} ` +
  'ON DUPLICATE KEY UPDATE `records` = `records` + VALUES(`records`)';

/** Writes the batch on `conn`, inside the caller's transaction. */
export async function writeCommit(conn: Conn, b: CommitBatch): Promise<void> {
  // Encode everything first: a row the store refuses (a null, a time out of range) fails the
  // commit before any statement has run.
  const encoded = WRITERS.map(([key, w]) => [w, (b[key] as readonly object[]).map(w.encode)] as const);
  const totals = Object.entries(b.readTotals).filter(([, n]) => n);
  const saved = b.checkpoint ? [checkpoint.encode({ id: 1, ...b.checkpoint })] : [];
  if (b.partitions) await fence(conn, b.partitions.owner, b.partitions.checkpoints.map((c) => c.partition));
  await applyOps(conn, b.ops);
  for (const [w, rows] of encoded) if (rows.length > 0) await writeRows(conn, w.sql, rows);
  if (totals.length > 0) await run(conn, readTotalsSql(totals.length), totals.flat());
  if (saved.length > 0) await writeRows(conn, checkpoint.sql, saved);
  if (b.partitions) await writePartitions(conn, b.partitions);
}
