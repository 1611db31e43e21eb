// Order and logistics statuses as small integers (hot path), with the SPEC §3 state machine.

export const ORDER_STATUSES = [
  'PENDING_PAYMENT',
  'PAID',
  'PROCESSING',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
  'REFUNDED',
  'EXPIRED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const S_PENDING = 0;
export const S_PAID = 1;
export const S_PROCESSING = 2;
export const S_SHIPPED = 3;
export const S_DELIVERED = 4;
export const S_CANCELLED = 5;
export const S_REFUNDED = 6;
export const S_EXPIRED = 7;

/** Tie rank for equal status_time (SPEC §3). */
export const RANK = [0, 1, 2, 3, 4, 5, 6, 5];

export const STATUS_INDEX: ReadonlyMap<string, number> = new Map(ORDER_STATUSES.map((s, i) => [s, i]));

export const LOGISTICS_STATUSES = [
  'PENDING_DISPATCH',
  'DISPATCHED',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'FAILED',
] as const;
export const L_DISPATCHED = 1;
export const L_IN_TRANSIT = 2;
export const L_OUT_FOR_DELIVERY = 3;
export const L_DELIVERED = 4;
export const LOGISTICS_INDEX: ReadonlyMap<string, number> = new Map(LOGISTICS_STATUSES.map((s, i) => [s, i]));

/** Bit per status: ALLOWED[from + 1] has bit `to` set when from → to is allowed; index 0 is "(none)". */
const ALLOWED = new Uint16Array(9);
function allow(from: number, ...to: number[]): void {
  for (const t of to) ALLOWED[from + 1]! |= 1 << t;
}
allow(-1, S_PENDING);
allow(S_PENDING, S_PAID, S_CANCELLED, S_EXPIRED);
allow(S_PAID, S_PROCESSING, S_CANCELLED, S_REFUNDED);
allow(S_PROCESSING, S_SHIPPED, S_CANCELLED, S_REFUNDED);
allow(S_SHIPPED, S_DELIVERED, S_REFUNDED);
allow(S_DELIVERED, S_REFUNDED);

/** `prev` is -1 for a missing prev_status. */
export function isAllowedTransition(prev: number, next: number): boolean {
  return (ALLOWED[prev + 1]! & (1 << next)) !== 0;
}

export function bit(status: number): number {
  return 1 << status;
}
export const TERMINAL_BITS = bit(S_CANCELLED) | bit(S_EXPIRED) | bit(S_REFUNDED) | bit(S_DELIVERED);

const CANCEL_REASONS = new Map<string, string>([
  ['user_cancel', 'USER_CANCEL'],
  ['用戶取消', 'USER_CANCEL'],
  ['用户取消', 'USER_CANCEL'],
  ['stock_out', 'STOCK_OUT'],
  ['庫存不足', 'STOCK_OUT'],
  ['库存不足', 'STOCK_OUT'],
  ['payment_timeout', 'PAYMENT_TIMEOUT'],
  ['支付超時', 'PAYMENT_TIMEOUT'],
  ['支付超时', 'PAYMENT_TIMEOUT'],
]);

/** SPEC §5: trimmed, ASCII case-insensitive. */
export function standardizeCancelReason(reason: string | null | undefined): string {
  if (reason === null || reason === undefined) return 'UNKNOWN';
  const t = reason.trim();
  if (t === '') return 'UNKNOWN';
  const lower = t.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return CANCEL_REASONS.get(lower) ?? 'OTHER';
}
