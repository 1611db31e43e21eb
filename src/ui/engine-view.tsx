// View 5: how the engine itself is doing: rows through each stage, what it holds in memory,
// the quality of its input (SPEC §2) and why records were dead-lettered.
import { Box, Text } from 'ink';
import { freshness } from './freshness.js';
import { bar, bytes, compact, fit, int, pct } from './format.js';
import type { ConsoleSnapshot } from './model.js';
import { PanelTitle } from './panel-title.js';
import { Table, type Column } from './table.js';
import type { Tone } from './theme.js';
import { Txt } from './txt.js';
import type { ViewProps } from './view-props.js';

type Stage = ConsoleSnapshot['engine']['stages'][number];

const STAGE_COLUMNS: Column<Stage>[] = [
  { title: 'stage', min: 12, max: 24, flex: true, text: (s) => s.name },
  { title: 'rows', min: 9, max: 12, align: 'right', text: (s) => int(s.rows) },
  { title: 'rows/s', min: 7, max: 9, align: 'right', text: (s) => compact(s.rows_per_sec), tone: (s) => (s.rows_per_sec > 0 ? 'ok' : 'dim') },
];

export function EngineView({ snapshot, now, width, height }: ViewProps): React.JSX.Element {
  const e = snapshot.engine;
  const fresh = freshness(e.updated_at, now, snapshot.run.live);
  const leftW = Math.floor(width * 0.5);
  const rightW = width - leftW - 1;
  const dq = e.data_quality;
  const figures: { title: string; rows: [string, string, Tone?][] }[] = [
    {
      title: 'memory & state',
      rows: [
        ['orders in memory', int(e.orders_in_memory)],
        ['timers', int(e.timers)],
        ['rss', bytes(e.rss_bytes)],
        ['heap', bytes(e.heap_bytes)],
      ],
    },
    {
      title: 'data quality',
      rows: [
        ['records checked', int(dq.total)],
        ['late', `${int(dq.late)} · ${pct(dq.late, dq.total)}`, dq.late > 0 ? 'warn' : undefined],
        ['duplicates', `${int(dq.duplicates)} · ${pct(dq.duplicates, dq.total)}`],
        ['schema violations', `${int(dq.schema_violations)} · ${pct(dq.schema_violations, dq.total)}`, dq.schema_violations > 0 ? 'bad' : undefined],
        ['null order ids', `${int(dq.null_order_ids)} · ${pct(dq.null_order_ids, dq.total)}`, dq.null_order_ids > 0 ? 'bad' : undefined],
      ],
    },
  ];
  const usedRight = figures.reduce((n, f) => n + 1 + f.rows.length, 0);
  const dlH = Math.max(0, height - 1 - usedRight);
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <PanelTitle title="engine" detail={`${e.stages.length} stages`} fresh={fresh} width={width} />
      <Box flexShrink={0}>
        <Box width={leftW} height={height - 1} flexShrink={0}>
          <Table columns={STAGE_COLUMNS} rows={e.stages} rowKey={(s) => s.name} width={leftW} height={height - 1} empty="no stage figures yet" />
        </Box>
        <Box width={1} flexShrink={0} />
        <Box flexDirection="column" width={rightW} flexShrink={0}>
          {figures.map((f) => (
            <Box key={f.title} flexDirection="column" flexShrink={0}>
              <PanelTitle title={f.title} width={rightW} />
              {f.rows.map(([label, value, tone]) => (
                <Text key={label} wrap="truncate">
                  <Txt tone="dim">{fit(label, 18)}</Txt> <Txt tone={tone ?? 'plain'}>{value}</Txt>
                </Text>
              ))}
            </Box>
          ))}
          <DeadLetters reasons={e.dead_letters_by_reason} width={rightW} height={dlH} />
        </Box>
      </Box>
    </Box>
  );
}

function DeadLetters(props: { reasons: { reason: string; count: number }[]; width: number; height: number }): React.JSX.Element | null {
  if (props.height <= 0) return null;
  const sorted = [...props.reasons].sort((a, b) => b.count - a.count);
  const total = sorted.reduce((n, r) => n + r.count, 0);
  const room = props.height - 1;
  const cut = sorted.length > room;
  const shown = sorted.slice(0, cut ? room - 1 : room);
  const max = sorted[0]?.count ?? 0;
  const nameW = Math.min(24, Math.max(8, ...shown.map((r) => r.reason.length)));
  const barW = Math.max(0, props.width - nameW - 8);
  return (
    <Box flexDirection="column" flexShrink={0}>
      <PanelTitle title="dead letters by reason" detail={int(total)} width={props.width} />
      {shown.length === 0 && room > 0 ? <Txt tone="dim">  none</Txt> : null}
      {shown.map((r) => (
        <Text key={r.reason} wrap="truncate">
          {fit(r.reason, nameW)} {fit(compact(r.count), 6, 'right')} <Txt tone="warn">{bar(r.count, max, barW)}</Txt>
        </Text>
      ))}
      {cut ? <Txt tone="dim">  … {sorted.length - shown.length} more reasons</Txt> : null}
    </Box>
  );
}
