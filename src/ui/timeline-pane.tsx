// An order's whole story in one pane: every event, inventory op, dispatch command, anomaly and
// operator decision, in time order, as the runtime's TimelineEntry rows give it.
import { Box, Text } from 'ink';
import { clock, fit, stamp } from './format.js';
import type { TimelineEntry } from './model.js';
import { PanelTitle } from './panel-title.js';
import type { Tone } from './theme.js';
import { Txt } from './txt.js';

export interface TimelineState {
  orderId: string;
  /** null while loading */
  entries: TimelineEntry[] | null;
  error: string | null;
  fetchedAt: number;
  scroll: number;
}

const KIND_TONE: Record<string, Tone> = {
  status: 'accent',
  anomaly: 'bad',
  command: 'warn',
  decision: 'ok',
  dispatch: 'shipped',
  logistics: 'delivered',
  inventory: 'plain',
  item: 'dim',
};

export function TimelinePane(props: { timeline: TimelineState; width: number; height: number }): React.JSX.Element {
  const { timeline: t, width } = props;
  const body = Math.max(0, props.height - 1);
  const entries = t.entries ?? [];
  const start = Math.max(0, Math.min(t.scroll, entries.length - body));
  const shown = entries.slice(start, start + body);
  const more = entries.length > body ? ` · ${start + 1}-${start + shown.length}/${entries.length}` : '';
  const detail = t.entries === null ? 'loading…' : `${entries.length} entries${more} · as of ${clock(t.fetchedAt)}`;
  const textW = Math.max(0, width - 14 - 1 - 10 - 1);
  return (
    <Box flexDirection="column" width={width} height={props.height} flexShrink={0}>
      <PanelTitle title={`timeline ${t.orderId}`} detail={detail} width={width} />
      {t.error ? (
        <Text wrap="truncate">
          <Txt tone="bad">✗ {t.error}</Txt>
        </Text>
      ) : null}
      {!t.error && t.entries?.length === 0 ? <Txt tone="dim">  no entries for this order</Txt> : null}
      {shown.map((e, i) => (
        <Text key={start + i} wrap="truncate">
          <Txt tone="dim">{stamp(e.time)}</Txt> <Txt tone={KIND_TONE[e.kind] ?? 'plain'}>{fit(e.kind, 10)}</Txt> {fit(e.text, textW)}
        </Text>
      ))}
    </Box>
  );
}
