// Orders by current status, in lifecycle order, with bars scaled to the largest status.
import { Box, Text } from 'ink';
import type { Freshness } from './freshness.js';
import { bar, fit, int } from './format.js';
import { PanelTitle } from './panel-title.js';
import type { Tone } from './theme.js';
import { Txt } from './txt.js';

const TONE: Record<string, Tone> = {
  DELIVERED: 'ok',
  CANCELLED: 'warn',
  EXPIRED: 'warn',
  REFUNDED: 'bad',
};

export function FunnelPanel(props: { funnel: { status: string; count: number }[]; fresh: Freshness; width: number; height: number }): React.JSX.Element {
  const { funnel, width } = props;
  const rows = funnel.slice(0, Math.max(0, props.height - 1));
  const max = Math.max(0, ...funnel.map((f) => f.count));
  const total = funnel.reduce((n, f) => n + f.count, 0);
  const nameW = Math.min(15, Math.max(...funnel.map((f) => f.status.length), 6));
  const countW = Math.max(5, ...funnel.map((f) => int(f.count).length));
  const barW = Math.max(0, width - nameW - countW - 2);
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      <PanelTitle title="status funnel" detail={int(total)} fresh={props.fresh} width={width} />
      {rows.length === 0 ? <Txt tone="dim">  no orders yet</Txt> : null}
      {rows.map((f) => (
        <Text key={f.status} wrap="truncate">
          <Txt tone={TONE[f.status] ?? 'plain'}>{fit(f.status, nameW)}</Txt> {fit(int(f.count), countW, 'right')}{' '}
          <Txt tone={TONE[f.status] ?? 'accent'}>{bar(f.count, max, barW)}</Txt>
        </Text>
      ))}
    </Box>
  );
}
