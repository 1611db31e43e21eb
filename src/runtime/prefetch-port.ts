// The engine reads the store synchronously (StorePort); a remote store (MySQL) cannot answer that
// way. So before each batch the runtime asks, in three round trips at most, for everything the
// batch may read: the saved state of the batch's orders that are out of memory, the ledger of
// the batch's orders (when the engine must consult it), and the stock rows of every SKU the
// batch's items and the batch's orders' lines name. The engine then runs the batch from memory.
import type { Engine } from '../engine/engine.js';
import type { StockRow, StorePort } from '../engine/ports.js';
import { T_ITEM, type OpStatus, type SourceRecord } from '../engine/types.js';
import { idText } from '../engine/validate.js';
import { InternalError } from '../errors.js';
import type { AsyncStore } from '../sinks/store.js';

/** Order state as OrderState.toJSON writes it: lines at index 12, 8 values a line, SKU second. */
const LINES = 12;
const LINE_WIDTH = 8;

export class PrefetchPort implements StorePort {
  /** null: the store has no such SKU. */
  private readonly stock = new Map<string, StockRow | null>();
  private ops = new Map<string, OpStatus>();
  private readonly orders = new Map<string, unknown>();

  constructor(private readonly store: AsyncStore, private readonly consultLedger: boolean) {}

  loadStock(skuId: string): StockRow | undefined {
    const row = this.stock.get(skuId);
    if (row === undefined) throw new InternalError(`stock of SKU ${skuId} was read without being prefetched`);
    return row ?? undefined;
  }

  recordedOp(opId: string): OpStatus | undefined {
    return this.ops.get(opId);
  }

  loadOrder(orderId: string): unknown {
    return this.orders.get(orderId);
  }

  /** Fetches what `records` may make the engine read. */
  async prepare(records: readonly SourceRecord[], engine: Engine): Promise<void> {
    const orderIds = new Set<string>();
    const skus = new Set<string>();
    for (const r of records) {
      const v = r.value as Record<string, unknown> | null;
      if (typeof v !== 'object' || v === null) continue;
      const id = idText(v.order_id);
      if (id === undefined) continue;
      orderIds.add(id);
      if (r.topic === T_ITEM) {
        const sku = idText(v.sku_id);
        if (sku !== undefined) skus.add(sku);
      }
      engine.addOrderSkus(id, r.partition, skus);
    }
    this.orders.clear();
    const away = [...orderIds].filter((id) => engine.isAway(id));
    if (away.length > 0) {
      for (const [id, state] of await this.store.loadOrders(away)) {
        this.orders.set(id, state);
        for (const s of linesSkus(state)) skus.add(s);
      }
    }
    this.ops = this.consultLedger && orderIds.size > 0 ? await this.store.recordedOps([...orderIds]) : new Map();
    const missing = [...skus].filter((s) => !this.stock.has(s));
    if (missing.length > 0) {
      const rows = await this.store.loadStock(missing);
      for (const s of missing) this.stock.set(s, rows.get(s) ?? null);
    }
  }

  /** The stock rows of orders restored from a checkpoint (their lines may act without an item). */
  async prepareStates(states: Iterable<{ state: string }>): Promise<void> {
    const skus = new Set<string>();
    for (const s of states) for (const sku of linesSkus(JSON.parse(s.state))) skus.add(sku);
    const missing = [...skus].filter((s) => !this.stock.has(s));
    if (missing.length === 0) return;
    const rows = await this.store.loadStock(missing);
    for (const s of missing) this.stock.set(s, rows.get(s) ?? null);
  }

  /** Takes in fresh rows for the SKUs cached here but not yet read by the engine (a stock refresh). */
  refreshStock(rows: Iterable<StockRow>): void {
    for (const row of rows) if (this.stock.has(row.sku_id)) this.stock.set(row.sku_id, row);
  }

  /** Forget cached stock rows (another process changed them): they are fetched again when needed. */
  forgetStock(skuIds: Iterable<string>): void {
    for (const s of skuIds) this.stock.delete(s);
  }
}

function linesSkus(state: unknown): string[] {
  const lines = Array.isArray(state) ? (state[LINES] as unknown[] | undefined) : undefined;
  const out: string[] = [];
  if (!Array.isArray(lines)) return out;
  for (let i = 1; i < lines.length; i += LINE_WIDTH) out.push(String(lines[i]));
  return out;
}
