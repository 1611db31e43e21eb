import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, parseAction, parseCondition, RuleBook, type OrderFacts, type RuleRow } from './rules.js';
import { HOUR, MINUTE } from './time/timestamp.js';

const facts = (f: Partial<OrderFacts> = {}): OrderFacts => ({
  amount: 600, items: 2, categories: ['fresh', 'other'], user_id: 'U1', province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu', ...f,
});

describe('condition_expr', () => {
  it('compares fields with text (trimmed, any case) and numbers, with AND, OR, NOT, IN and parentheses', () => {
    const holds = (src: string, f = facts()) => parseCondition(src)(f);
    expect(holds("category = 'fresh' AND amount > 500")).toBe(true);
    expect(holds("category = ' FRESH ' and amount > 600")).toBe(false);
    expect(holds("city = 'Ningbo' OR (items >= 2 AND NOT province = 'Jiangsu')")).toBe(true);
    expect(holds("city IN ('Ningbo', 'hangzhou')")).toBe(true);
    expect(holds('amount <= 600 and amount >= 600 and amount <> 1 and amount != 2 and amount < 601')).toBe(true);
    expect(holds("user_id = 'O''Neil'", facts({ user_id: "O'Neil" }))).toBe(true);
    expect(holds('')).toBe(true);
  });

  it('reads category as any line\'s, and a field the order lacks as false', () => {
    expect(parseCondition("category = 'digital'")(facts())).toBe(false);
    expect(parseCondition("category != 'digital'")(facts())).toBe(true);
    expect(parseCondition("category != 'fresh'")(facts())).toBe(false);
    expect(parseCondition("category != 'fresh'")(facts({ categories: [] }))).toBe(false);
    expect(parseCondition('amount > 0')(facts({ amount: undefined }))).toBe(false);
    expect(parseCondition("NOT city = 'Hangzhou'")(facts({ city: undefined }))).toBe(true);
  });

  it('refuses what it cannot read, saying where', () => {
    expect(() => parseCondition("colour = 'red'")).toThrow("condition_expr: expected a field (amount, items, category, user_id, province, city, district) at 'colour'");
    expect(() => parseCondition("amount > 'big'")).toThrow('condition_expr: amount is compared with a number');
    expect(() => parseCondition("city = 3")).toThrow('condition_expr: city is compared with a quoted text');
    expect(() => parseCondition("(amount > 1")).toThrow("condition_expr: expected ')' at the end");
    expect(() => parseCondition('amount > 1 amount')).toThrow("condition_expr: unexpected text at 'amount'");
    expect(() => parseCondition('amount > 1; DROP TABLE x')).toThrow("condition_expr: unexpected '; DROP TABLE'");
  });
});

describe('action_expr', () => {
  it('sets known parameters in their units', () => {
    expect(parseAction('payment_timeout_minutes = 15, delivery_hours_fresh=12; priority_high_amount = 500.5 AND sla_overdue_minutes = 2000')).toEqual([
      ['paymentTimeoutMs', 15 * MINUTE],
      ['freshDeliveryMs', 12 * HOUR],
      ['priorityHighCents', 50_050],
      ['slaOverdueMinutes', 2000],
    ]);
  });

  it('refuses unknown names, other forms and an empty action', () => {
    expect(() => parseAction('payment_timeout = 15')).toThrow(/^action_expr: unknown parameter payment_timeout \(known: payment_timeout_minutes, /);
    expect(() => parseAction('payment_timeout_minutes := 15')).toThrow("action_expr: expected name = number, not 'payment_timeout_minutes := 15'");
    expect(() => parseAction(' ')).toThrow('action_expr: sets nothing');
    expect(() => parseAction('constructor = 1')).toThrow(/^action_expr: unknown parameter constructor/);
    // Durations are added to event times; amounts and SLA minutes are only compared.
    expect(() => parseAction('delivery_hours_other = 900000')).toThrow('action_expr: delivery_hours_other = 900000 is more than 100 years');
    expect(parseAction('priority_high_amount = 900000000')).toEqual([['priorityHighCents', 90_000_000_000]]);
  });
});

describe('RuleBook', () => {
  const rule = (r: Partial<RuleRow> & { rule_id: string }): RuleRow => ({ status: 'ACTIVE', priority: 0, condition_expr: '', action_expr: 'payment_timeout_minutes = 1', ...r });
  const T = Date.UTC(2026, 10, 20);

  it('gives the defaults with no rule in force, without reading the order', () => {
    const book = new RuleBook([rule({ rule_id: 'R1', status: 'INACTIVE' }), rule({ rule_id: 'R2', effective_time: T + 1 })]);
    expect(book.size).toBe(1);
    expect(book.paramsFor(T, () => facts())).toBe(DEFAULT_PARAMS);
    expect(new RuleBook().paramsFor(T, () => { throw new Error('read'); })).toBe(DEFAULT_PARAMS);
  });

  it('applies a rule to orders created within [effective_time, expire_time)', () => {
    const book = new RuleBook([rule({ rule_id: 'R1', effective_time: T, expire_time: T + HOUR })]);
    expect(book.paramsFor(T - 1, () => facts()).paymentTimeoutMs).toBe(DEFAULT_PARAMS.paymentTimeoutMs);
    expect(book.paramsFor(T, () => facts()).paymentTimeoutMs).toBe(MINUTE);
    expect(book.paramsFor(T + HOUR, () => facts()).paymentTimeoutMs).toBe(DEFAULT_PARAMS.paymentTimeoutMs);
    expect(book.paramsFor(NaN, () => facts()).paymentTimeoutMs).toBe(DEFAULT_PARAMS.paymentTimeoutMs);
  });

  it('lets the highest priority (then the lowest rule_id) set each parameter, and lower ones the rest', () => {
    const book = new RuleBook([
      rule({ rule_id: 'R3', priority: 1, action_expr: 'payment_timeout_minutes = 20, sla_at_risk_minutes = 100' }),
      rule({ rule_id: 'R1', priority: 10, condition_expr: "category = 'fresh'", action_expr: 'payment_timeout_minutes = 15' }),
      rule({ rule_id: 'R2', priority: 10, condition_expr: "category = 'fresh'", action_expr: 'payment_timeout_minutes = 5' }),
    ]);
    expect(book.paramsFor(T, () => facts())).toEqual({ ...DEFAULT_PARAMS, paymentTimeoutMs: 15 * MINUTE, slaAtRiskMinutes: 100 });
    expect(book.paramsFor(T, () => facts({ categories: ['other'] }))).toEqual({ ...DEFAULT_PARAMS, paymentTimeoutMs: 20 * MINUTE, slaAtRiskMinutes: 100 });
  });

  it('leaves out a rule that does not parse, with the reason', () => {
    const book = new RuleBook([rule({ rule_id: 'R1', condition_expr: 'amount >' }), rule({ rule_id: 'R2', action_expr: 'speed = 3' })]);
    expect(book.size).toBe(0);
    expect(book.ignored).toEqual([
      { rule_id: 'R1', reason: 'condition_expr: expected a quoted text or a number at the end' },
      { rule_id: 'R2', reason: expect.stringMatching(/^action_expr: unknown parameter speed/) },
    ]);
  });
});
