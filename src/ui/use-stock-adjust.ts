// ADJUST (SPEC §6): an operator's signed correction to a SKU's available and total stock. The
// flow asks for the delta and a reason (it goes to the audit trail), then shows available and
// total before and after, read from the newest snapshot at that moment, and waits for y/n.
import { useRef } from 'react';
import { int } from './format.js';
import type { StockView } from './model.js';
import { useActions } from './use-actions.js';
import type { Ask } from './use-dialog.js';
import { useRunAction } from './use-run-action.js';
import { useStatus } from './use-status.js';

/** Why `text` is not a usable delta for a SKU with `available` units, or null if it is. */
export function deltaProblem(text: string, available: number): string | null {
  if (!/^[+-]?\d+$/.test(text.trim())) return 'a whole number like -5 or +12';
  const d = Number(text.trim());
  if (d === 0) return 'zero changes nothing';
  if (!Number.isSafeInteger(d)) return 'too large';
  if (available + d < 0) return `only ${int(available)} available`;
  return null;
}

const signed = (d: number): string => (d > 0 ? `+${d}` : String(d));

export function useStockAdjust(ask: Ask, skus: readonly StockView[]): ((sku: StockView) => Promise<void>) | null {
  const actions = useActions();
  const run = useRunAction();
  const setStatus = useStatus();
  const latest = useRef(skus);
  latest.current = skus;
  if (!actions) return null;
  return async (picked) => {
    const raw = await ask.text(`adjust ${picked.sku_id} (available ${int(picked.available)}) by`, {
      validate: (v) => deltaProblem(v, latest.current.find((s) => s.sku_id === picked.sku_id)?.available ?? picked.available),
    });
    if (raw === null) return setStatus(null);
    const delta = Number(raw.trim());
    const reason = await ask.text(`reason for ${signed(delta)} on ${picked.sku_id}`, {
      validate: (v) => (v.trim() ? null : 'a reason is required'),
    });
    if (reason === null) return setStatus(null);
    const now = latest.current.find((s) => s.sku_id === picked.sku_id) ?? picked;
    const ok = await ask.confirm([
      `ADJUST ${now.sku_id} ${signed(delta)}: available ${int(now.available)} → ${int(now.available + delta)}, total ${int(now.total)} → ${int(now.total + delta)}`,
      `reason: ${reason.trim()}`,
    ]);
    if (!ok) return setStatus({ ok: null, message: `adjust of ${picked.sku_id} cancelled` });
    await run(`adjusting ${picked.sku_id} by ${signed(delta)}`, () => actions.adjustStock(picked.sku_id, delta, reason.trim()));
  };
}
