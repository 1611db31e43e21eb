// The inventory ledger of each order line (SPEC §6): lines move toward the target that the set
// of reached statuses gives, issuing FREEZE / DECREASE / UNFREEZE / INCREASE on the way. An op is
// attempted at most once per line (its op_id is used once, ever); a repeat takes its result.
import type { OpType } from '../types.js';
import type { OrderContext } from './context.js';
import { dispatchLine } from './dispatch.js';
import {
  L_FREEZE_FAILED,
  L_FROZEN,
  L_NONE,
  L_RELEASED,
  L_RESTOCKED,
  L_SHIPPED,
  OP_DECREASE,
  OP_FREEZE,
  OP_INCREASE,
  OP_UNFREEZE,
  type Line,
  type OrderState,
} from './order-state.js';
import { bit, S_CANCELLED, S_DELIVERED, S_EXPIRED, S_PAID, S_PROCESSING, S_REFUNDED, S_SHIPPED } from './status.js';

const SHIPPED_BITS = bit(S_SHIPPED) | bit(S_DELIVERED);
const RELEASE_BITS = bit(S_CANCELLED) | bit(S_EXPIRED) | bit(S_REFUNDED);
const FREEZE_BITS = bit(S_PAID) | bit(S_PROCESSING);

export function targetOf(reached: number): number {
  if (reached & SHIPPED_BITS) return reached & bit(S_REFUNDED) ? L_RESTOCKED : L_SHIPPED;
  if (reached & RELEASE_BITS) return L_RELEASED;
  if (reached & FREEZE_BITS) return L_FROZEN;
  return L_NONE;
}

export function moveAllLines(order: OrderState, ctx: OrderContext): void {
  const target = targetOf(order.reached);
  if (target === L_NONE) return;
  for (const line of order.lines) moveLine(order, line, target, ctx);
}

export function moveLine(order: OrderState, line: Line, target: number, ctx: OrderContext): void {
  const s = line.state;
  switch (target) {
    case L_FROZEN:
      if (s === L_NONE) {
        if (op(order, line, 'FREEZE', OP_FREEZE, false, ctx)) {
          line.state = L_FROZEN;
          dispatchLine(order, line, ctx);
        } else {
          line.state = L_FREEZE_FAILED;
          stockOut(order, ctx);
        }
      }
      return;
    case L_RELEASED:
      if (s === L_NONE || s === L_FREEZE_FAILED) line.state = L_RELEASED;
      else if (s === L_FROZEN && op(order, line, 'UNFREEZE', OP_UNFREEZE, false, ctx)) line.state = L_RELEASED;
      return;
    case L_SHIPPED:
    case L_RESTOCKED:
      if (s === L_SHIPPED) {
        if (target === L_RESTOCKED && op(order, line, 'INCREASE', OP_INCREASE, false, ctx)) line.state = L_RESTOCKED;
        return;
      }
      if (s === L_RESTOCKED) return;
      if (!op(order, line, 'DECREASE', OP_DECREASE, s === L_FROZEN, ctx)) {
        stockOut(order, ctx);
        return;
      }
      line.state = L_SHIPPED;
      if (target === L_RESTOCKED && op(order, line, 'INCREASE', OP_INCREASE, false, ctx)) line.state = L_RESTOCKED;
      return;
  }
}

function stockOut(order: OrderState, ctx: OrderContext): void {
  ctx.raise(order, 'STOCK_OUT', 0, ctx.detectionTime());
}

function opTime(order: OrderState, type: OpType): number {
  const st = order.statusTimes;
  switch (type) {
    case 'FREEZE':
      return Number.isNaN(st[S_PAID]!) ? st[S_PROCESSING]! : st[S_PAID]!;
    case 'DECREASE':
      return Number.isNaN(st[S_SHIPPED]!) ? st[S_DELIVERED]! : st[S_SHIPPED]!;
    case 'UNFREEZE': {
      let t = Infinity;
      for (const s of [S_CANCELLED, S_EXPIRED, S_REFUNDED]) if (st[s]! < t) t = st[s]!;
      return t;
    }
    default:
      return st[S_REFUNDED]!;
  }
}

const OP_TYPES: OpType[] = ['FREEZE', 'DECREASE', 'UNFREEZE', 'INCREASE', 'ADJUST'];
const SUCCESS_KEY = Object.fromEntries(OP_TYPES.map((t) => [t, `${t}:SUCCESS`])) as Record<OpType, string>;
const FAILED_KEY = Object.fromEntries(OP_TYPES.map((t) => [t, `${t}:FAILED`])) as Record<OpType, string>;

/** Runs (or recalls) one op of a line; returns whether it succeeded. */
function op(order: OrderState, line: Line, type: OpType, mask: number, fromFrozen: boolean, ctx: OrderContext): boolean {
  if (line.attempted & mask) return (line.succeeded & mask) !== 0;
  line.attempted |= mask;
  const opId = `${order.orderId}:${line.itemId}:${type}`;
  let ok: boolean;
  const recorded = ctx.consultLedger ? ctx.store.recordedOp(opId) : undefined;
  if (recorded !== undefined) {
    ok = recorded === 'SUCCESS';
  } else {
    const row = ctx.stock.apply(opId, order.orderId, line.skuId, type, line.quantity, fromFrozen, opTime(order, type), ctx.now);
    ok = row.status === 'SUCCESS';
    ctx.out.inventoryOp(row);
    const key = ok ? SUCCESS_KEY[type] : FAILED_KEY[type];
    ctx.stats.ops[key] = (ctx.stats.ops[key] ?? 0) + 1;
  }
  if (ok) line.succeeded |= mask;
  return ok;
}
