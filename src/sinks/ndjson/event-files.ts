// NDJSON files of the event outputs, written as their rows are committed. A replay that starts
// on an empty store knows these rows are final the moment they commit (each key is emitted
// once), so it streams them here instead of reading them back from the store at the end. Any
// other run exports everything from the store.
import { prepareOutDir } from '../out-paths.js';
import { join } from 'node:path';
import {
  DEAD_LETTERS,
  exportedColumns,
  INVENTORY_UPDATE_RESULTS,
  LOGISTICS_DISPATCH_COMMANDS,
  ORDER_PROCESSING_METRICS,
  ORDER_STATUS_NOTIFICATIONS,
  type TableSchema,
} from '../schema.js';
import { NdjsonFile } from '../sqlite/ndjson-file.js';
import type { CommitBatch } from '../store.js';

export const EVENT_TABLES: readonly TableSchema[] = [
  DEAD_LETTERS,
  INVENTORY_UPDATE_RESULTS,
  LOGISTICS_DISPATCH_COMMANDS,
  ORDER_STATUS_NOTIFICATIONS,
  ORDER_PROCESSING_METRICS,
];
export const EVENT_TABLE_NAMES = EVENT_TABLES.map((t) => t.name);

class TableFile {
  private readonly file: NdjsonFile;
  private readonly names: string[];

  constructor(dir: string, table: TableSchema) {
    const columns = exportedColumns(table);
    this.names = columns.map((c) => c.name);
    this.file = new NdjsonFile(join(dir, `${table.name}.ndjson`), columns);
  }

  write(rows: readonly object[]): void {
    const names = this.names;
    const values: unknown[] = new Array(names.length);
    for (const row of rows) {
      const r = row as Record<string, unknown>;
      for (let i = 0; i < names.length; i++) values[i] = r[names[i]!];
      this.file.write(values);
    }
  }

  get rows(): number {
    return this.file.rows;
  }

  close(): void {
    this.file.close();
  }
}

export class EventFiles {
  private readonly files: TableFile[];

  constructor(dir: string) {
    prepareOutDir(dir);
    this.files = EVENT_TABLES.map((t) => new TableFile(dir, t));
  }

  /** Appends the event rows of a batch that the store has committed. */
  write(batch: CommitBatch): void {
    const [dead, ops, dispatch, notifications, metrics] = this.files;
    dead!.write(batch.deadLetters);
    ops!.write(batch.ops);
    dispatch!.write(batch.dispatches);
    notifications!.write(batch.notifications);
    metrics!.write(batch.metrics);
  }

  /** Closes the files; returns rows written per table. */
  close(): Record<string, number> {
    const counts: Record<string, number> = {};
    this.files.forEach((f, i) => {
      f.close();
      counts[EVENT_TABLES[i]!.name] = f.rows;
    });
    return counts;
  }
}
