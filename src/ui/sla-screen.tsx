// View 4: delivery outcomes per 5-minute window (ON_TIME / AT_RISK / OVERDUE, SPEC §8) as one
// chart, per-warehouse figures, and the in-flight orders at risk. `/` filters both tables.
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import { FILTER_HINTS, FilterLine } from './filter-line.js';
import { freshness } from './freshness.js';
import { compact, fit, int } from './format.js';
import { viewHints } from './keys.js';
import { LineChart } from './line-chart.js';
import { PanelTitle } from './panel-title.js';
import { IN_FLIGHT_COLUMNS, WAREHOUSE_COLUMNS, inFlightTexts, sortInFlight, warehouseTexts } from './sla-columns.js';
import { Table } from './table.js';
import type { Tone } from './theme.js';
import { Txt } from './txt.js';
import { matches, useFilter } from './use-filter.js';
import { useHints } from './use-hints.js';
import type { ScreenProps } from './view-props.js';
import { useKeys } from './use-keys.js';

const SERIES: { key: 'on_time' | 'at_risk' | 'overdue'; name: string; tone: Tone }[] = [
  { key: 'on_time', name: 'on-time', tone: 'onTime' },
  { key: 'at_risk', name: 'at-risk', tone: 'atRisk' },
  { key: 'overdue', name: 'overdue', tone: 'overdue' },
];

export function SlaScreen({ snapshot, now, width, height, active }: ScreenProps): React.JSX.Element {
  const sla = snapshot.sla;
  const filter = useFilter('sla');
  const warehouses = useMemo(() => sla.warehouses.filter((w) => matches(warehouseTexts(w), filter.query)), [sla.warehouses, filter.query]);
  const inFlight = useMemo(() => sortInFlight(sla.in_flight.filter((o) => matches(inFlightTexts(o), filter.query))), [sla.in_flight, filter.query]);

  useKeys(
    (input, key) => {
      if (input === '/') filter.setEditing(true);
      else if (key.escape && filter.query) filter.setQuery('');
    },
    active && !filter.editing,
  );
  useHints(filter.editing ? FILTER_HINTS : [...viewHints('sla', false), ...(filter.query ? [{ key: 'esc', label: 'clear filter' }] : [])]);

  const fresh = freshness(sla.updated_at, now, snapshot.run.live);
  const rest = height - 2 - (filter.editing ? 1 : 0);
  const chartH = Math.max(4, Math.floor(rest * 0.4));
  const tablesH = rest - chartH;
  const side = width >= 110;
  const whW = side ? Math.floor(width * 0.5) : width;
  const ifW = side ? width - whW - 1 : width;
  const whH = side ? tablesH : Math.floor(tablesH / 2);
  const ifH = side ? tablesH : tablesH - whH;
  const sum = (k: 'on_time' | 'at_risk' | 'overdue'): number => sla.windows.reduce((n, w) => n + w[k], 0);
  const counts = sla.in_flight_counts;
  const inFlightAll = counts.at_risk + counts.overdue;
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <PanelTitle
        title="logistics SLA"
        detail={`${sla.windows.length}×5min · in flight: ${int(counts.at_risk)} at risk, ${int(counts.overdue)} overdue`}
        fresh={fresh}
        width={width}
      />
      <Text wrap="truncate">
        {SERIES.map((s) => (
          <Txt key={s.key} tone={s.tone}>
            {fit(`■ ${s.name} ${compact(sum(s.key))}`, Math.floor(width / 4))}
          </Txt>
        ))}
      </Text>
      <LineChart series={SERIES.map((s) => sla.windows.map((w) => w[s.key]))} tones={SERIES.map((s) => s.tone)} width={width} height={chartH} stretch />
      <Box flexDirection={side ? 'row' : 'column'} flexShrink={0}>
        <Box flexDirection="column" width={whW} height={whH} flexShrink={0}>
          <PanelTitle title="warehouses" detail={int(warehouses.length)} width={whW} />
          <Table columns={WAREHOUSE_COLUMNS} rows={warehouses} rowKey={(w) => w.warehouse_id} width={whW} height={whH - 1} empty="no deliveries yet" />
        </Box>
        {side ? <Box width={1} flexShrink={0} /> : null}
        <Box flexDirection="column" width={ifW} height={ifH} flexShrink={0}>
          <PanelTitle
            title="in flight at risk"
            detail={inFlightAll > sla.in_flight.length ? `${int(inFlight.length)} longest of ${int(inFlightAll)}` : int(inFlight.length)}
            width={ifW}
          />
          <Table columns={IN_FLIGHT_COLUMNS} rows={inFlight} rowKey={(o) => o.order_id} width={ifW} height={ifH - 1} empty="none at risk" />
        </Box>
      </Box>
      {filter.editing ? <FilterLine filter={filter} width={width} /> : null}
    </Box>
  );
}
