// The replay view's detailed progress: a wide bar, the figures, and the runtime's message.
import { Box, Text } from 'ink';
import { bar, int, pct, span } from './format.js';
import type { ReplayProgress } from './model.js';
import { PanelTitle } from './panel-title.js';
import { fromLabel } from './replay-from.js';
import { Txt } from './txt.js';

export function ReplayProgressPanel(props: { replay: ReplayProgress; now: number; width: number }): React.JSX.Element {
  const r = props.replay;
  const barW = Math.max(10, props.width - 2);
  const filled = bar(r.done, r.total, barW);
  const tone = r.state === 'failed' ? 'bad' : r.state === 'done' ? 'ok' : 'accent';
  const eta = r.state !== 'running' ? r.state : r.eta_ms === null ? 'ETA estimating' : `ETA ${span(r.eta_ms)}`;
  return (
    <Box flexDirection="column" width={props.width} flexShrink={0}>
      <PanelTitle title={`replay ${r.state}`} detail={`from ${fromLabel(r.from)} · ${r.topics.join(', ')}`} width={props.width} />
      <Text wrap="truncate">
        <Txt tone={tone}>{filled}</Txt>
        <Txt tone="dim">{'░'.repeat(Math.max(0, barW - filled.length))}</Txt>
      </Text>
      <Text wrap="truncate">
        <Txt tone="title">{pct(r.done, r.total)}</Txt> {int(r.done)} / {int(r.total)} records · {eta} · started {span(props.now - r.started_at)} ago
      </Text>
      {r.message ? (
        <Text wrap="truncate">
          <Txt tone={r.state === 'failed' ? 'bad' : 'dim'}>{r.message}</Txt>
        </Text>
      ) : null}
    </Box>
  );
}
