// The simulator's fault knobs: one share per kind of trouble an operator wants to see, mapped
// onto the model's finer paths (order-story's Mix, the emitter's FaultRates, the customers' homes).
// Each knob splits over its paths in the proportions of the datasets' defaults, and the defaults
// are those of the datasets: realistic small shares that, at 10,000 orders a day run 60× (about
// seven orders a wall-clock second), still put every kind on screen within a minute or two
// (the 24 h and 72 h timeouts need simulated days to pass: see SimulatorOptions.history).
import { DEFAULT_FAULTS, type FaultRates } from './emitter.js';
import { DEFAULT_MIX, type Mix } from './order-story.js';

export interface SimKnobs {
  /** Share of orders never paid: they expire, are cancelled or stay pending (payment timeouts). */
  unpaid: number;
  /** Share of paid orders whose processing stalls past 24 h (most ship late, some never). */
  stall: number;
  /** Share of shipped orders not delivered within 72 h (most arrive late, some parcels are lost). */
  deliveryDelay: number;
  /** Share of item lines that ask for more than the SKU's whole stock (the FREEZE fails). */
  stockOut: number;
  /**
   * Share of users no dispatch can be routed for (about): a default address in a district no
   * warehouse serves, or no default address at all (none saved, or none marked default).
   */
  unroutable: number;
  /** Share of orders refunded (before shipping, refused at the door, or after delivery). */
  refund: number;
  /**
   * Share of records that arrive out of order: a third beyond the watermark bound (late), the
   * rest jittered by a few seconds; and, in proportion, orders whose items arrive minutes late.
   */
  outOfOrder: number;
  /** Share of records sent twice. */
  duplicate: number;
  /** Share of records preceded by a malformed copy (every dead-letter reason in rotation). */
  malformed: number;
}

export type FaultKind = keyof SimKnobs;

export const KNOB_NAMES: readonly FaultKind[] = ['unpaid', 'stall', 'deliveryDelay', 'stockOut', 'unroutable', 'refund', 'outOfOrder', 'duplicate', 'malformed'];

export const DEFAULT_KNOBS: Readonly<SimKnobs> = {
  unpaid: DEFAULT_MIX.noPay,
  stall: DEFAULT_MIX.stuckPaid + DEFAULT_MIX.stuckProcessing + DEFAULT_MIX.slowShip,
  deliveryDelay: DEFAULT_MIX.slowDelivery + DEFAULT_MIX.lostParcel,
  stockOut: 0.005,
  unroutable: 0.045,
  refund: DEFAULT_MIX.refundBeforeShip + DEFAULT_MIX.refusedAtDoor + DEFAULT_MIX.refundAfterDelivery,
  outOfOrder: DEFAULT_FAULTS.late + DEFAULT_FAULTS.jitter,
  duplicate: DEFAULT_FAULTS.duplicate,
  malformed: DEFAULT_FAULTS.malformed,
};

/** Share of the simulator's parcels delivered the same day; the rest arrive the next (Mix.sameDay). */
const SAME_DAY = 0.85;

/** Knobs with defaults filled in; a share outside 0..1 is a RangeError naming the knob. */
export function resolveKnobs(knobs: Partial<SimKnobs> = {}): SimKnobs {
  const out = { ...DEFAULT_KNOBS };
  for (const [name, v] of Object.entries(knobs) as [FaultKind, number | undefined][]) {
    if (v === undefined) continue;
    if (!KNOB_NAMES.includes(name)) throw new RangeError(`unknown knob ${name}`);
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new RangeError(`knob ${name} must be a share from 0 to 1, got ${String(v)}`);
    out[name] = v;
  }
  return out;
}

/** The story's path shares for these knobs (each knob split as the defaults split it). */
export function mixFor(k: SimKnobs): Mix {
  const d = DEFAULT_MIX;
  const split = (total: number, parts: number[]): number[] => {
    const sum = parts.reduce((a, b) => a + b, 0);
    return parts.map((p) => (total * p) / sum);
  };
  const [stuckPaid, stuckProcessing, slowShip] = split(k.stall, [d.stuckPaid, d.stuckProcessing, d.slowShip]);
  const [slowDelivery, lostParcel] = split(k.deliveryDelay, [d.slowDelivery, d.lostParcel]);
  const [refundBeforeShip, refusedAtDoor, refundAfterDelivery] = split(k.refund, [d.refundBeforeShip, d.refusedAtDoor, d.refundAfterDelivery]);
  return {
    ...d,
    noPay: k.unpaid,
    stuckPaid: stuckPaid!,
    stuckProcessing: stuckProcessing!,
    slowShip: slowShip!,
    slowDelivery: slowDelivery!,
    lostParcel: lostParcel!,
    refundBeforeShip: refundBeforeShip!,
    refusedAtDoor: refusedAtDoor!,
    refundAfterDelivery: refundAfterDelivery!,
    oversell: k.stockOut,
    // Items that reach their topic minutes after the order (and its payment) are out of order too.
    lateItems: Math.min(0.5, (d.lateItems * k.outOfOrder) / DEFAULT_KNOBS.outOfOrder),
    // Lines naming a SKU the store does not know fail their freeze too: part of the same knob.
    unknownSku: k.stockOut > 0 ? d.unknownSku : 0,
    // The few customers who abandon most carts follow the knob when it turns unpaid orders off.
    problemNoPay: k.unpaid > 0 ? Math.max(d.problemNoPay, k.unpaid) : 0,
    // Same-day and next-day parcels: SPEC §8's SLA limits count from payment in hours, not days.
    sameDay: SAME_DAY,
  };
}

/** Shares of the world's awkward reference data: scarce SKUs and users who cannot be routed. */
export function worldSharesFor(k: SimKnobs): { lowStock: number; hotSellsOut: boolean; addressless: number; unserved: number } {
  const u = k.unroutable / DEFAULT_KNOBS.unroutable;
  return {
    // At the default knob: 1% of SKUs short, as in the datasets, and the hot SKU that sells out.
    lowStock: Math.min(0.5, 2 * k.stockOut),
    hotSellsOut: k.stockOut > 0,
    // At the default knob: 2.5% addressless users (as in the datasets) and 2% more living unserved.
    addressless: u,
    unserved: Math.min(1, 0.02 * u),
  };
}

/** The emitter's transport fault rates for these knobs. */
export function faultRatesFor(k: SimKnobs): FaultRates {
  const share = DEFAULT_FAULTS.late / (DEFAULT_FAULTS.late + DEFAULT_FAULTS.jitter);
  return { duplicate: k.duplicate, late: k.outOfOrder * share, jitter: k.outOfOrder * (1 - share), malformed: k.malformed };
}
