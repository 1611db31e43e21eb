// View 2: the anomalies table (sortable, filterable), an order timeline pane, and the
// acknowledge / resolve prompts. Layout: the timeline sits beside the table from 140 columns,
// below it otherwise; prompts and the filter line take the bottom lines.
import { useMemo } from 'react';
import { Box } from 'ink';
import { ANOMALY_COLUMNS, DEFAULT_ANOMALY_SORT, anomalyKey, anomalyTexts, sortAnomalies } from './anomaly-columns.js';
import type { Hint } from './console-context.js';
import { DialogView, dialogHeight, dialogHints } from './dialog-view.js';
import { FILTER_HINTS, FilterLine } from './filter-line.js';
import { freshness } from './freshness.js';
import { viewHints } from './keys.js';
import { navigate } from './list-keys.js';
import { PanelTitle } from './panel-title.js';
import { Table } from './table.js';
import { TimelinePane } from './timeline-pane.js';
import { useAnomalyActions } from './use-anomaly-actions.js';
import { useDialog } from './use-dialog.js';
import type { AnomalyView, ConsoleHandle } from './model.js';
import { matches, useFilter } from './use-filter.js';
import { useHints } from './use-hints.js';
import { usePersistentState } from './use-persistent-state.js';
import { useSelection } from './use-selection.js';
import { matchText, useStoreSearch } from './use-store-search.js';
import { useTimeline } from './use-timeline.js';
import type { ScreenProps } from './view-props.js';
import { useKeys } from './use-keys.js';

export function AnomaliesScreen({ snapshot, now, width, height, active }: ScreenProps): React.JSX.Element {
  const dialog = useDialog();
  const filter = useFilter('anomalies');
  const flows = useAnomalyActions(dialog.ask);
  const timeline = useTimeline();
  const [sort, setSort] = usePersistentState('anomalies.sort', DEFAULT_ANOMALY_SORT);
  const found = useStoreSearch(findAnomalies, filter.query, snapshot.anomalies.rows, anomalyKey);
  const all = found.all;
  const rows = useMemo(
    () => sortAnomalies(all.filter((r) => matches(anomalyTexts(r), filter.query)), sort.column, sort.desc),
    [all, filter.query, sort],
  );
  const sel = useSelection('anomalies', rows.map(anomalyKey));
  const selected = sel.index >= 0 ? rows[sel.index] : undefined;

  const side = timeline.state !== null && width >= 140;
  const paneW = side ? Math.floor(width * 0.45) : width;
  const tableW = side ? width - paneW - 1 : width;
  const avail = height - 1 - (filter.editing ? 1 : 0) - dialogHeight(dialog.step);
  const paneH = timeline.state === null ? 0 : side ? avail : Math.max(4, Math.floor(avail * 0.55));
  const tableH = side || timeline.state === null ? avail : avail - paneH;

  useKeys(
    (input, key) => {
      if (timeline.state) {
        if (key.escape) return timeline.close();
        const to = navigate(input, key, timeline.state.scroll, timeline.state.entries?.length ?? 0, paneH - 1);
        if (to !== null) return timeline.scrollTo(Math.max(0, Math.min(to, (timeline.state.entries?.length ?? 1) - (paneH - 1))));
      } else {
        const to = navigate(input, key, sel.index, rows.length, tableH - 1);
        if (to !== null) return sel.moveTo(to);
        if (key.escape && filter.query) return filter.setQuery('');
      }
      if (input === '/') return filter.setEditing(true);
      if (input === 's') return setSort({ column: (sort.column + 1) % ANOMALY_COLUMNS.length, desc: false });
      if (input === 'S') return setSort({ ...sort, desc: !sort.desc });
      if (!selected) return;
      if (key.return) return void timeline.open(selected.order_id);
      if (!flows) return;
      // Once decided, the row moves to its new status group: the selection goes on to the row that
      // was below it, the next to work on, and a timeline open on the order shows the decision.
      const below = rows[sel.index + 1];
      const after = (decided: boolean): void => {
        if (!decided) return;
        if (below) sel.select(anomalyKey(below));
        if (timeline.state?.orderId === selected.order_id) void timeline.open(selected.order_id);
      };
      if (input === 'a') return void flows.acknowledge(selected).then(after);
      if (input === 'r') return void flows.resolve(selected).then(after);
    },
    active && !dialog.step && !filter.editing,
  );

  // action keys are hinted only when they can act: not read-only, and a row is selected
  useHints(hintsFor(dialog.step ? dialogHints(dialog.step) : null, filter.editing, timeline.state !== null, filter.query !== '', !flows || !selected));

  const col = ANOMALY_COLUMNS[sort.column]!;
  const detail =
    `${snapshot.anomalies.open} open · ` +
    (found.searched ? matchText(found, rows.length) : `${rows.length === all.length ? all.length : `${rows.length}/${all.length}`} shown`) +
    ` · sort ${col.title}${sort.desc ? '▼' : '▲'}` +
    (filter.query && !filter.editing ? ` · /${filter.query}` : '');
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <PanelTitle title="anomalies" detail={detail} fresh={freshness(snapshot.anomalies.updated_at, now, snapshot.run.live)} width={width} />
      <Box flexDirection={side ? 'row' : 'column'} flexShrink={0}>
        <Box height={tableH} width={tableW} flexShrink={0}>
          <Table
            columns={ANOMALY_COLUMNS}
            rows={rows}
            rowKey={anomalyKey}
            width={tableW}
            height={tableH}
            selected={sel.index}
            sort={sort}
            empty={filter.query ? `no anomaly matches "${filter.query}"` : 'no anomalies'}
          />
        </Box>
        {side ? <Box width={1} flexShrink={0} /> : null}
        {timeline.state ? <TimelinePane timeline={timeline.state} width={paneW} height={paneH} /> : null}
      </Box>
      {filter.editing ? <FilterLine filter={filter} width={width} /> : null}
      {dialog.step ? <DialogView step={dialog.step} close={dialog.close} width={width} /> : null}
    </Box>
  );
}

const findAnomalies = (h: ConsoleHandle, query: string, limit: number): AnomalyView[] | null => h.findAnomalies?.(query, limit) ?? null;

function hintsFor(dialog: Hint[] | null, filtering: boolean, timeline: boolean, filtered: boolean, noActions: boolean): Hint[] {
  if (dialog) return dialog;
  if (filtering) return FILTER_HINTS;
  if (timeline) {
    const keys: Hint[] = [{ key: '↑↓', label: 'scroll' }, { key: 'esc', label: 'close timeline' }, { key: '↵', label: 'refresh' }];
    return noActions ? keys : [...keys, { key: 'a', label: 'ack' }, { key: 'r', label: 'resolve' }];
  }
  const keys: Hint[] = viewHints('anomalies', noActions);
  return filtered ? [...keys, { key: 'esc', label: 'clear filter' }] : keys;
}
