// The stock tables. SKUs are listed lowest available first, so what is running out is on top;
// LOW_STOCK only picks the warning colour.
import { clock, int } from './format.js';
import type { OpView, StockView } from './model.js';
import type { Column } from './table.js';

export const LOW_STOCK = 10;

export function sortSkus(skus: readonly StockView[]): StockView[] {
  return [...skus].sort((a, b) => a.available - b.available || b.failed_ops - a.failed_ops || a.sku_id.localeCompare(b.sku_id));
}

export const SKU_COLUMNS: Column<StockView>[] = [
  { title: 'sku', min: 9, max: 14, text: (s) => s.sku_id, tone: () => 'accent' },
  { title: 'product', min: 8, max: 28, optional: true, flex: true, text: (s) => s.product_name ?? '–', tone: (s) => (s.product_name ? undefined : 'dim') },
  {
    title: 'avail', min: 6, max: 8, align: 'right',
    text: (s) => int(s.available),
    tone: (s) => (s.available <= 0 ? 'bad' : s.available <= LOW_STOCK ? 'warn' : 'ok'),
  },
  { title: 'frozen', min: 6, max: 8, align: 'right', text: (s) => int(s.frozen) },
  { title: 'locked', min: 6, max: 8, align: 'right', optional: true, text: (s) => int(s.locked), tone: (s) => (s.locked > 0 ? undefined : 'dim') },
  { title: 'total', min: 6, max: 8, align: 'right', text: (s) => int(s.total) },
  { title: 'failed', min: 6, max: 6, align: 'right', text: (s) => int(s.failed_ops), tone: (s) => (s.failed_ops > 0 ? 'bad' : 'dim') },
];

export const skuTexts = (s: StockView): string[] => SKU_COLUMNS.map((c) => c.text(s));

export const OP_COLUMNS: Column<OpView>[] = [
  { title: 'time', min: 8, max: 8, text: (o) => clock(o.process_time), tone: () => 'dim' },
  { title: 'op', min: 8, max: 9, text: (o) => o.op_type },
  { title: 'sku', min: 9, max: 12, text: (o) => o.sku_id, tone: () => 'accent' },
  { title: 'qty', min: 4, max: 5, align: 'right', text: (o) => int(o.quantity) },
  { title: 'status', min: 7, max: 7, text: (o) => o.status, tone: (o) => (o.status === 'SUCCESS' ? 'ok' : 'bad') },
  { title: 'order', min: 10, max: 14, optional: true, text: (o) => o.order_id ?? '–' },
  { title: 'message', min: 10, max: 40, optional: true, flex: true, text: (o) => o.message ?? '', tone: () => 'warn' },
];

export const opTexts = (o: OpView): string[] => OP_COLUMNS.map((c) => c.text(o));
