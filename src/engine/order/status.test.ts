import { describe, expect, it } from 'vitest';
import { targetOf } from './ledger.js';
import { L_FROZEN, L_NONE, L_RELEASED, L_RESTOCKED, L_SHIPPED } from './order-state.js';
import { bit, isAllowedTransition, S_CANCELLED, S_DELIVERED, S_PAID, S_PENDING, S_PROCESSING, S_REFUNDED, S_SHIPPED, standardizeCancelReason } from './status.js';

describe('order status rules', () => {
  it('allows exactly the SPEC §3 transitions', () => {
    expect(isAllowedTransition(-1, S_PENDING)).toBe(true);
    expect(isAllowedTransition(-1, S_PAID)).toBe(false);
    expect(isAllowedTransition(S_PENDING, S_PAID)).toBe(true);
    expect(isAllowedTransition(S_PAID, S_SHIPPED)).toBe(false);
    expect(isAllowedTransition(S_DELIVERED, S_REFUNDED)).toBe(true);
    expect(isAllowedTransition(S_CANCELLED, S_PAID)).toBe(false);
  });

  it('standardizes cancel reasons', () => {
    expect(standardizeCancelReason(null)).toBe('UNKNOWN');
    expect(standardizeCancelReason('  ')).toBe('UNKNOWN');
    expect(standardizeCancelReason(' User_Cancel ')).toBe('USER_CANCEL');
    expect(standardizeCancelReason('用戶取消')).toBe('USER_CANCEL');
    expect(standardizeCancelReason('库存不足')).toBe('STOCK_OUT');
    expect(standardizeCancelReason('PAYMENT_TIMEOUT')).toBe('PAYMENT_TIMEOUT');
    expect(standardizeCancelReason('支付超時')).toBe('PAYMENT_TIMEOUT');
    expect(standardizeCancelReason('changed my mind')).toBe('OTHER');
  });

  it('derives the ledger target from the reached set', () => {
    expect(targetOf(bit(S_PENDING))).toBe(L_NONE);
    expect(targetOf(bit(S_PROCESSING))).toBe(L_FROZEN);
    expect(targetOf(bit(S_PAID) | bit(S_CANCELLED))).toBe(L_RELEASED);
    expect(targetOf(bit(S_PAID) | bit(S_REFUNDED))).toBe(L_RELEASED);
    expect(targetOf(bit(S_DELIVERED) | bit(S_CANCELLED))).toBe(L_SHIPPED);
    expect(targetOf(bit(S_SHIPPED) | bit(S_REFUNDED))).toBe(L_RESTOCKED);
  });
});
