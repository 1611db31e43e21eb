// View 1: throughput charts on the left, the status funnel and pipeline figures on the right.
// Every panel carries the freshness of overview.updated_at.
import { Box, Text } from 'ink';
import { FiguresPanel } from './figures-panel.js';
import { freshness } from './freshness.js';
import { compact } from './format.js';
import { FunnelPanel } from './funnel-panel.js';
import { LineChart } from './line-chart.js';
import { PanelTitle } from './panel-title.js';
import type { Tone } from './theme.js';
import { Txt } from './txt.js';
import type { ViewProps } from './view-props.js';

const SERIES: { key: 'created' | 'paid' | 'shipped' | 'delivered'; tone: Tone }[] = [
  { key: 'created', tone: 'created' },
  { key: 'paid', tone: 'paid' },
  { key: 'shipped', tone: 'shipped' },
  { key: 'delivered', tone: 'delivered' },
];

export function OverviewView({ snapshot, now, width, height }: ViewProps): React.JSX.Element {
  const o = snapshot.overview;
  const fresh = freshness(o.updated_at, now, snapshot.run.live);
  const rightW = width >= 110 ? 40 : 31;
  const leftW = width - rightW - 1;
  const topH = Math.ceil(height / 2);
  const rps = o.records_per_sec;
  const last = rps.length ? rps[rps.length - 1]! : 0;
  const peak = Math.max(0, ...rps);
  const figuresH = Math.min(8, height - 2);
  return (
    <Box width={width} height={height} flexShrink={0}>
      <Box flexDirection="column" width={leftW} flexShrink={0}>
        <PanelTitle title="records/s" detail={`now ${compact(last)} · peak ${compact(peak)}`} fresh={fresh} width={leftW} />
        <LineChart series={[rps]} tones={['records']} width={leftW} height={topH - 1} />
        <PanelTitle title="orders/min" fresh={fresh} width={leftW} />
        <Legend perMinute={o.per_minute} />
        <LineChart series={SERIES.map((s) => o.per_minute[s.key])} tones={SERIES.map((s) => s.tone)} width={leftW} height={height - topH - 2} stretch />
      </Box>
      <Box width={1} flexShrink={0} />
      <Box flexDirection="column" width={rightW} flexShrink={0}>
        <FunnelPanel funnel={o.funnel} fresh={fresh} width={rightW} height={height - figuresH} />
        <FiguresPanel snapshot={snapshot} now={now} fresh={fresh} width={rightW} height={figuresH} />
      </Box>
    </Box>
  );
}

/** Series names with their latest per-minute figure, each in its line's colour. */
function Legend(props: { perMinute: Record<'created' | 'paid' | 'shipped' | 'delivered', number[]> }): React.JSX.Element {
  return (
    <Text wrap="truncate">
      {SERIES.map((s, i) => {
        const v = props.perMinute[s.key];
        const latest = v.length ? compact(v[v.length - 1]!) : '–';
        return (
          <Txt key={s.key} tone={s.tone}>
            {i > 0 ? ' ' : ''}■{s.key} {latest}
          </Txt>
        );
      })}
    </Text>
  );
}
