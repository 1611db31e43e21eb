import { describe, expect, it } from 'vitest';
import { DEFAULT_FAULTS } from './emitter.js';
import { DEFAULT_KNOBS, faultRatesFor, KNOB_NAMES, mixFor, resolveKnobs, worldSharesFor } from './knobs.js';
import { DEFAULT_MIX } from './order-story.js';

describe('fault knobs', () => {
  it('default to the datasets’ own shares (plus the oversold lines and the city pace only the simulator has)', () => {
    const mix = mixFor(DEFAULT_KNOBS);
    for (const [path, share] of Object.entries(DEFAULT_MIX)) {
      if (path === 'oversell' || path === 'sameDay') continue;
      expect(mix[path as keyof typeof mix], path).toBeCloseTo(share, 12);
    }
    expect(mix.oversell).toBe(DEFAULT_KNOBS.stockOut);
    expect(DEFAULT_MIX.sameDay).toBe(0);
    expect(mix.sameDay).toBeGreaterThan(0.5);
    expect(mix.sameDay).toBeLessThan(1);
    const rates = faultRatesFor(DEFAULT_KNOBS);
    for (const [kind, rate] of Object.entries(DEFAULT_FAULTS)) expect(rates[kind as keyof typeof rates], kind).toBeCloseTo(rate, 12);
    const world = worldSharesFor(DEFAULT_KNOBS);
    expect(world.lowStock).toBeCloseTo(0.01, 12);
    expect(world.addressless).toBe(1);
    expect(world.hotSellsOut).toBe(true);
  });

  it('split each knob over its paths so the paths add up to the knob', () => {
    const k = { ...DEFAULT_KNOBS, stall: 0.2, deliveryDelay: 0.3, refund: 0.4, outOfOrder: 0.09 };
    const mix = mixFor(k);
    expect(mix.stuckPaid + mix.stuckProcessing + mix.slowShip).toBeCloseTo(0.2, 12);
    expect(mix.slowDelivery + mix.lostParcel).toBeCloseTo(0.3, 12);
    expect(mix.refundBeforeShip + mix.refusedAtDoor + mix.refundAfterDelivery).toBeCloseTo(0.4, 12);
    const rates = faultRatesFor(k);
    expect(rates.late + rates.jitter).toBeCloseTo(0.09, 12);
    expect(mix.lateItems).toBeCloseTo(DEFAULT_MIX.lateItems * 6, 12);
  });

  it('turn a fault off entirely at 0', () => {
    const off = resolveKnobs(Object.fromEntries(KNOB_NAMES.map((k) => [k, 0])));
    const mix = mixFor(off);
    expect([mix.noPay, mix.problemNoPay, mix.oversell, mix.unknownSku, mix.lateItems, mix.stuckPaid, mix.lostParcel, mix.refundAfterDelivery]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(worldSharesFor(off)).toEqual({ lowStock: 0, hotSellsOut: false, addressless: 0, unserved: 0 });
    expect(faultRatesFor(off)).toEqual({ duplicate: 0, late: 0, jitter: 0, malformed: 0 });
  });

  it('fill in defaults and refuse shares outside 0..1 or unknown names', () => {
    expect(resolveKnobs({ unpaid: 0.3 })).toEqual({ ...DEFAULT_KNOBS, unpaid: 0.3 });
    expect(() => resolveKnobs({ refund: -0.1 })).toThrow(/refund must be a share from 0 to 1/);
    expect(() => resolveKnobs({ duplicate: Number.NaN })).toThrow(/duplicate/);
    expect(() => resolveKnobs({ bogus: 0.1 } as never)).toThrow(/unknown knob bogus/);
  });
});
