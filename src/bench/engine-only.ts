// Benchmark (a): the engine alone over parsed records. Records are read and parsed in chunks
// outside the timed section; outputs go to a collector that only counts; the store port is a
// map in memory (stock from the reference files, spilled order state kept as text).
import { join } from 'node:path';
import { Engine, type Changes } from '../engine/engine.js';
import type { Collector, StockRow, StorePort } from '../engine/ports.js';
import { ReferenceIndex } from '../engine/reference.js';
import { UTC } from '../engine/time/timestamp.js';
import { TOPICS, type SourceRecord } from '../engine/types.js';
import { LineReader } from '../sources/file/line-reader.js';
import { openSource } from '../sources/file/open-source.js';
import { loadReferenceDir } from '../sources/file/reference-files.js';
import { parseMessage } from '../sources/message.js';

/** `seconds`: process() and finish(); `drainSeconds`: turning changed orders into rows and state text (checkpoint work). */
export function benchEngine(dir: string): { records: number; seconds: number; drainSeconds: number; outputs: number } {
  const seed = loadReferenceDir(dir);
  const stock = new Map<string, StockRow>(seed.product_inventory.map((r) => [r.sku_id, { ...r }]));
  const saved = new Map<string, string>();
  const port: StorePort = {
    loadStock: (sku) => stock.get(sku),
    recordedOp: () => undefined,
    loadOrder: (id) => {
      const s = saved.get(id);
      return s === undefined ? undefined : JSON.parse(s);
    },
  };
  let outputs = 0;
  const count = (): void => {
    outputs++;
  };
  const out: Collector = { deadLetter: count, inventoryOp: count, dispatch: count, notification: count, metric: count, dataQuality: count };
  const engine = new Engine({
    store: port,
    out,
    refs: new ReferenceIndex(seed.product_info, seed.user_address, seed.logistics_area_info),
    timeZone: UTC,
  });
  const source = openSource(dir, { timeZone: UTC });
  const chunk: SourceRecord[] = [];
  let records = 0;
  let busy = 0;
  let draining = 0;
  let sinceDrain = 0;
  const now = Date.now();
  // Batches as the runtime uses them; the changed orders are drained as often as a replay commits.
  for (;;) {
    chunk.length = 0;
    const n = source.next(4096, chunk);
    if (n === 0) break;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) engine.process(chunk[i]!, now);
    busy += performance.now() - t0;
    sinceDrain += n;
    if (sinceDrain >= 200_000) {
      sinceDrain = 0;
      const t1 = performance.now();
      const changes: Changes = { lifecycle: [], sla: [], anomalies: [], orderStates: [] };
      engine.drainChanges(changes);
      draining += performance.now() - t1;
      for (const s of changes.orderStates) if (!s.resident) saved.set(s.order_id, s.state);
      outputs += changes.lifecycle.length + changes.sla.length + changes.anomalies.length;
    }
    records += n;
  }
  const t0 = performance.now();
  engine.finish(now);
  busy += performance.now() - t0;
  source.close();
  return { records, seconds: busy / 1000, drainSeconds: draining / 1000, outputs };
}

/**
 * A floor, not a benchmark of ours: every line of the data set's topic files read and parsed
 * with JSON.parse, and nothing else done. No replay of this data can run faster on this machine.
 */
export function parseFloor(dir: string): { records: number; seconds: number } {
  let records = 0;
  const t0 = performance.now();
  for (const topic of TOPICS) {
    const reader = new LineReader(join(dir, `${topic}.ndjson`));
    try {
      for (let line = reader.next(); line !== undefined; line = reader.next()) {
        if (parseMessage(line) !== undefined) records++;
      }
    } finally {
      reader.close();
    }
  }
  return { records, seconds: (performance.now() - t0) / 1000 };
}
