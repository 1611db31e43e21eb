// View 3: SKUs lowest stock first, recent inventory ops, and the ADJUST action on the
// selected SKU. The `/` filter narrows both tables.
import { useMemo } from 'react';
import { Box } from 'ink';
import type { Hint } from './console-context.js';
import { DialogView, dialogHeight, dialogHints } from './dialog-view.js';
import { FILTER_HINTS, FilterLine } from './filter-line.js';
import { freshness } from './freshness.js';
import { viewHints } from './keys.js';
import { navigate } from './list-keys.js';
import { PanelTitle } from './panel-title.js';
import { OP_COLUMNS, SKU_COLUMNS, LOW_STOCK, opTexts, skuTexts, sortSkus } from './stock-columns.js';
import type { ConsoleHandle, StockView } from './model.js';
import { Table } from './table.js';
import { useDialog } from './use-dialog.js';
import { matches, useFilter } from './use-filter.js';
import { useHints } from './use-hints.js';
import { useSelection } from './use-selection.js';
import { matchText, useStoreSearch } from './use-store-search.js';
import { useStockAdjust } from './use-stock-adjust.js';
import type { ScreenProps } from './view-props.js';
import { useKeys } from './use-keys.js';

export function StockScreen({ snapshot, now, width, height, active }: ScreenProps): React.JSX.Element {
  const stock = snapshot.stock;
  const dialog = useDialog();
  const filter = useFilter('stock');
  const found = useStoreSearch(findStock, filter.query, stock.skus, skuKey);
  const adjust = useStockAdjust(dialog.ask, found.all);
  const skus = useMemo(() => sortSkus(found.all.filter((s) => matches(skuTexts(s), filter.query))), [found.all, filter.query]);
  const ops = useMemo(() => stock.recent_ops.filter((o) => matches(opTexts(o), filter.query)), [stock.recent_ops, filter.query]);
  const sel = useSelection('stock', skus.map(skuKey));
  const selected = sel.index >= 0 ? skus[sel.index] : undefined;

  const side = width >= 120;
  const avail = height - 1 - (filter.editing ? 1 : 0) - dialogHeight(dialog.step);
  const skuW = side ? Math.floor(width * 0.48) : width;
  const opsW = side ? width - skuW - 1 : width;
  const skuH = side ? avail : Math.max(4, Math.ceil(avail * 0.55));
  const opsH = side ? avail : avail - skuH;

  useKeys(
    (input, key) => {
      const to = navigate(input, key, sel.index, skus.length, skuH - 1);
      if (to !== null) return sel.moveTo(to);
      if (key.escape && filter.query) return filter.setQuery('');
      if (input === '/') return filter.setEditing(true);
      if (input === 'd' && adjust && selected) return void adjust(selected);
    },
    active && !dialog.step && !filter.editing,
  );

  const hints: Hint[] = dialog.step
    ? dialogHints(dialog.step)
    : filter.editing
      ? FILTER_HINTS
      : [...viewHints('stock', adjust === null || !selected), ...(filter.query ? [{ key: 'esc', label: 'clear filter' }] : [])];
  useHints(hints);

  const out = stock.skus.filter((s) => s.available <= 0).length;
  const low = stock.skus.filter((s) => s.available > 0 && s.available <= LOW_STOCK).length;
  const detail =
    `${stock.skus.length} SKUs · ${out} out · ${low} low · ${stock.failed_ops} failed ops in all` +
    (found.searched ? ` · ${matchText(found, skus.length)}` : '') +
    (filter.query && !filter.editing ? ` · /${filter.query}` : '');
  const fresh = freshness(stock.updated_at, now, snapshot.run.live);
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <PanelTitle title="stock" detail={detail} fresh={fresh} width={width} />
      <Box flexDirection={side ? 'row' : 'column'} flexShrink={0}>
        <Box height={skuH} width={skuW} flexShrink={0}>
          <Table columns={SKU_COLUMNS} rows={skus} rowKey={skuKey} width={skuW} height={skuH} selected={sel.index} empty={filter.query ? `no SKU matches "${filter.query}"` : 'no SKUs'} />
        </Box>
        {side ? <Box width={1} flexShrink={0} /> : null}
        <Box flexDirection="column" height={opsH} width={opsW} flexShrink={0}>
          <PanelTitle title="recent ops" detail={`${ops.length}`} width={opsW} />
          <Table columns={OP_COLUMNS} rows={ops} rowKey={(o) => o.op_id} width={opsW} height={opsH - 1} empty={filter.query ? `no recent op matches "${filter.query}"` : 'no inventory ops yet'} />
        </Box>
      </Box>
      {filter.editing ? <FilterLine filter={filter} width={width} /> : null}
      {dialog.step ? <DialogView step={dialog.step} close={dialog.close} width={width} /> : null}
    </Box>
  );
}

const skuKey = (s: StockView): string => s.sku_id;
const findStock = (h: ConsoleHandle, query: string, limit: number): StockView[] | null => h.findStock?.(query, limit) ?? null;
