// Order processing rules (SPEC §11): the thresholds of §7–§9 are defaults that ACTIVE rules
// override for the orders they match. A rule's `condition_expr` is a small expression over order
// fields, parsed here into a closure and never evaluated as code; its `action_expr` sets known
// parameters. Rules are ranked by priority (highest first, then rule_id), and each parameter
// takes the value of the first matching rule that sets it.
//
// Conditions: comparisons `field op literal` (op: = != <> < <= > >=; literal: 'text' or a number),
// `field IN ('a', 'b')`, AND, OR, NOT and parentheses; keywords in any case, text compared trimmed
// and case-insensitively. Fields: amount (Σ quantity × price − discount over the order's lines,
// in currency units), items (lines), category (true when any line's SKU has it), user_id,
// province, city, district (the user's default address). A field the order does not have yet
// (no address, no lines) makes its comparison false.
// Actions: `name = number`, several joined by `,`, `;` or AND (names below, in PARAMETERS).
//
// A rule is in force for an order created within [effective_time, expire_time) (either may be
// null: unbounded), so a replay decides as the live run did. A rule that does not parse is left
// out and listed in `ignored` with the reason.
import { HOUR, MINUTE } from './time/timestamp.js';

/** An `order_processing_rules` row as the stores decode it (times epoch ms). */
export interface RuleRow {
  rule_id: string;
  rule_type?: string | null;
  priority?: number | null;
  condition_expr?: string | null;
  action_expr?: string | null;
  effective_time?: number | null;
  expire_time?: number | null;
  status?: string | null;
}

/** What the rules may set, per order. Amounts in cents, durations in ms, SLA bounds in minutes. */
export interface Params {
  paymentTimeoutMs: number;
  processingTimeoutMs: number;
  deliveryTimeoutMs: number;
  missingItemsMs: number;
  slaAtRiskMinutes: number;
  slaOverdueMinutes: number;
  priorityHighCents: number;
  priorityMediumCents: number;
  freshDeliveryMs: number;
  digitalDeliveryMs: number;
  otherDeliveryMs: number;
}

/** The longest duration a rule may set. */
const MAX_DURATION_MS = 100 * 365 * 24 * HOUR;

export const DEFAULT_PARAMS: Readonly<Params> = Object.freeze({
  paymentTimeoutMs: 30 * MINUTE,
  processingTimeoutMs: 24 * HOUR,
  deliveryTimeoutMs: 72 * HOUR,
  missingItemsMs: 5 * MINUTE,
  slaAtRiskMinutes: 720,
  slaOverdueMinutes: 1440,
  priorityHighCents: 100_000,
  priorityMediumCents: 50_000,
  freshDeliveryMs: 24 * HOUR,
  digitalDeliveryMs: 48 * HOUR,
  otherDeliveryMs: 72 * HOUR,
});

/** action_expr names → the parameter and the factor from the rule's unit to the parameter's. */
export const PARAMETERS: Readonly<Record<string, readonly [keyof Params, number]>> = {
  payment_timeout_minutes: ['paymentTimeoutMs', MINUTE],
  processing_timeout_hours: ['processingTimeoutMs', HOUR],
  processing_timeout_minutes: ['processingTimeoutMs', MINUTE],
  delivery_timeout_hours: ['deliveryTimeoutMs', HOUR],
  missing_items_minutes: ['missingItemsMs', MINUTE],
  sla_at_risk_minutes: ['slaAtRiskMinutes', 1],
  sla_overdue_minutes: ['slaOverdueMinutes', 1],
  priority_high_amount: ['priorityHighCents', 100],
  priority_medium_amount: ['priorityMediumCents', 100],
  delivery_hours_fresh: ['freshDeliveryMs', HOUR],
  delivery_hours_digital: ['digitalDeliveryMs', HOUR],
  delivery_hours_other: ['otherDeliveryMs', HOUR],
};

/** The order fields a condition reads; undefined: the order does not have it (yet). */
export interface OrderFacts {
  amount: number | undefined;
  items: number;
  categories: readonly string[];
  user_id: string | undefined;
  province: string | undefined;
  city: string | undefined;
  district: string | undefined;
}

type Condition = (f: OrderFacts) => boolean;

interface Rule {
  id: string;
  priority: number;
  from: number;
  until: number;
  when: Condition;
  sets: [keyof Params, number][];
}

export class RuleBook {
  /** The ACTIVE rules that parsed, best first. */
  private readonly rules: Rule[] = [];
  /** ACTIVE rules left out because they do not parse (rules not ACTIVE are skipped without a word). */
  readonly ignored: { rule_id: string; reason: string }[] = [];

  constructor(rows: readonly RuleRow[] = []) {
    for (const r of rows) {
      if (String(r.status ?? '').trim().toUpperCase() !== 'ACTIVE') continue;
      try {
        this.rules.push({
          id: String(r.rule_id),
          priority: r.priority ?? 0,
          from: r.effective_time ?? -Infinity,
          until: r.expire_time ?? Infinity,
          when: parseCondition(r.condition_expr ?? ''),
          sets: parseAction(r.action_expr ?? ''),
        });
      } catch (e) {
        this.ignored.push({ rule_id: String(r.rule_id), reason: (e as Error).message });
      }
    }
    this.rules.sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Rules in force for some order (ACTIVE and parsed). */
  get size(): number {
    return this.rules.length;
  }

  /** The parameters for an order created at `createTime` with these facts (facts read only if a rule is in force). */
  paramsFor(createTime: number, facts: () => OrderFacts): Readonly<Params> {
    let out: Params | undefined;
    let f: OrderFacts | undefined;
    let set = 0;
    for (const rule of this.rules) {
      if (!(createTime >= rule.from && createTime < rule.until)) continue;
      f ??= facts();
      if (!rule.when(f)) continue;
      out ??= { ...DEFAULT_PARAMS };
      for (const [name, value] of rule.sets) {
        const bit = 1 << PARAM_BITS[name];
        if (set & bit) continue;
        set |= bit;
        out[name] = value;
      }
    }
    return out ?? DEFAULT_PARAMS;
  }
}

const PARAM_BITS = Object.fromEntries(Object.keys(DEFAULT_PARAMS).map((k, i) => [k, i])) as Record<keyof Params, number>;

// ---- parsing ------------------------------------------------------------------------------

type Token = { kind: 'word' | 'text' | 'number' | 'op' | '(' | ')' | ','; value: string };

function tokens(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:([A-Za-z_][A-Za-z0-9_]*)|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)|(<=|>=|<>|!=|=|<|>)|([(),]))/y;
  let at = 0;
  for (;;) {
    while (at < src.length && /\s/.test(src[at]!)) at++;
    if (at >= src.length) return out;
    re.lastIndex = at;
    const m = re.exec(src);
    if (!m) throw new Error(`condition_expr: unexpected '${src.slice(at, at + 12)}'`);
    at = re.lastIndex;
    if (m[1] !== undefined) out.push({ kind: 'word', value: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'text', value: m[2].replace(/''/g, "'") });
    else if (m[3] !== undefined) out.push({ kind: 'number', value: m[3] });
    else if (m[4] !== undefined) out.push({ kind: 'op', value: m[4] });
    else out.push({ kind: m[5] as '(' | ')' | ',', value: m[5]! });
  }
}

type Field = 'amount' | 'items' | 'category' | 'user_id' | 'province' | 'city' | 'district';
const FIELDS: ReadonlySet<string> = new Set<Field>(['amount', 'items', 'category', 'user_id', 'province', 'city', 'district']);
const norm = (s: string): string => s.trim().toLowerCase();

/** Parses a condition_expr; empty means every order. Throws an Error saying what is wrong. */
export function parseCondition(src: string): Condition {
  const ts = tokens(src);
  if (ts.length === 0) return () => true;
  let i = 0;
  const peekWord = (w: string): boolean => ts[i]?.kind === 'word' && ts[i]!.value.toUpperCase() === w;
  const fail = (what: string): never => {
    throw new Error(`condition_expr: ${what}${i < ts.length ? ` at '${ts[i]!.value}'` : ' at the end'}`);
  };
  /** `next (word next)*`, joined left to right. */
  const chain = (word: string, next: () => Condition, join: (a: Condition, b: Condition) => Condition) => (): Condition => {
    let left = next();
    while (peekWord(word)) {
      i++;
      left = join(left, next());
    }
    return left;
  };
  const and = chain('AND', () => not(), (a, b) => (f) => a(f) && b(f));
  const or = chain('OR', and, (a, b) => (f) => a(f) || b(f));
  const not = (): Condition => {
    if (peekWord('NOT')) {
      i++;
      const inner = not();
      return (f) => !inner(f);
    }
    if (ts[i]?.kind === '(') {
      i++;
      const inner = or();
      if (ts[i]?.kind !== ')') fail("expected ')'");
      i++;
      return inner;
    }
    return comparison();
  };
  const literal = (): string | number => {
    const t = ts[i];
    if (t?.kind === 'text') return i++, t.value;
    if (t?.kind === 'number') return i++, Number(t.value);
    return fail('expected a quoted text or a number');
  };
  const comparison = (): Condition => {
    const t = ts[i];
    if (t?.kind !== 'word' || !FIELDS.has(t.value.toLowerCase())) return fail(`expected a field (${[...FIELDS].join(', ')})`);
    const field = t.value.toLowerCase() as Field;
    i++;
    if (peekWord('IN')) {
      i++;
      if (ts[i]?.kind !== '(') fail("expected '(' after IN");
      i++;
      const values: (string | number)[] = [literal()];
      while (ts[i]?.kind === ',') i++, values.push(literal());
      if (ts[i]?.kind !== ')') fail("expected ')'");
      i++;
      const tests = values.map((v) => compare(field, '=', v));
      return (f) => tests.some((c) => c(f));
    }
    const op = ts[i];
    if (op?.kind !== 'op') return fail('expected a comparison (= != <> < <= > >=)');
    i++;
    return compare(field, op.value, literal());
  };
  const c = or();
  if (i < ts.length) fail('unexpected text');
  return c;
}

function compare(field: Field, op: string, value: string | number): Condition {
  const numeric = field === 'amount' || field === 'items';
  if (numeric !== (typeof value === 'number')) throw new Error(`condition_expr: ${field} is compared with ${numeric ? 'a number' : 'a quoted text'}`);
  const v = typeof value === 'string' ? norm(value) : value;
  const test = (a: string | number): boolean => {
    const b = typeof a === 'string' ? norm(a) : a;
    switch (op) {
      case '=':
        return b === v;
      case '!=':
      case '<>':
        return b !== v;
      case '<':
        return b < v;
      case '<=':
        return b <= v;
      case '>':
        return b > v;
      default:
        return b >= v;
    }
  };
  if (field === 'category') {
    // Any line's category: `category = 'fresh'` holds when one line is fresh, `!=` when none is.
    if (op === '!=' || op === '<>') return (f) => f.categories.length > 0 && !f.categories.some((c) => norm(c) === v);
    return (f) => f.categories.some(test);
  }
  return (f) => {
    const a = f[field as Exclude<Field, 'category'>];
    return a !== undefined && test(a);
  };
}

/** Parses an action_expr into the parameters it sets. Throws an Error saying what is wrong. */
export function parseAction(src: string): [keyof Params, number][] {
  const out: [keyof Params, number][] = [];
  for (const part of src.split(/\s*(?:,|;|\bAND\b)\s*/i)) {
    if (part.trim() === '') continue;
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!m) throw new Error(`action_expr: expected name = number, not '${part.trim()}'`);
    const name = m[1]!.toLowerCase();
    const known = Object.hasOwn(PARAMETERS, name) ? PARAMETERS[name] : undefined;
    if (!known) throw new Error(`action_expr: unknown parameter ${m[1]} (known: ${Object.keys(PARAMETERS).join(', ')})`);
    const value = Math.round(Number(m[2]) * known[1]);
    // Timeouts and delivery times are added to event times: keep what they give a date.
    if (known[1] >= MINUTE && value > MAX_DURATION_MS) throw new Error(`action_expr: ${m[1]} = ${m[2]} is more than 100 years`);
    out.push([known[0], value]);
  }
  if (out.length === 0) throw new Error('action_expr: sets nothing');
  return out;
}
