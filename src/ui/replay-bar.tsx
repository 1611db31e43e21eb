// Replay progress in one line (done/total, percentage, ETA), shown under every view while a
// replay runs so the rest of the console stays in use.
import { Text } from 'ink';
import { bar, compact, pct, span } from './format.js';
import type { ReplayProgress } from './model.js';
import { Txt } from './txt.js';

export function replaySummary(r: ReplayProgress): string {
  const figures = `${compact(r.done)}/${compact(r.total)} ${pct(r.done, r.total)}`;
  if (r.state === 'done') return `replay done · ${compact(r.done)} records re-read`;
  if (r.state === 'failed') return `replay failed at ${figures}${r.message ? ` · ${r.message}` : ''}`;
  return `${figures} · ETA ${r.eta_ms === null ? 'estimating' : span(r.eta_ms)}`;
}

export function ReplayBar(props: { replay: ReplayProgress; width: number }): React.JSX.Element {
  const r = props.replay;
  const summary = replaySummary(r);
  if (r.state !== 'running') {
    return (
      <Text wrap="truncate">
        <Txt tone={r.state === 'done' ? 'ok' : 'bad'}>{summary}</Txt>
      </Text>
    );
  }
  const barW = Math.max(10, Math.min(40, props.width - summary.length - 12));
  const filled = bar(r.done, r.total, barW);
  return (
    <Text wrap="truncate">
      <Txt tone="key">replay </Txt>
      <Txt tone="accent">{filled}</Txt>
      <Txt tone="dim">{'░'.repeat(Math.max(0, barW - filled.length))}</Txt> {summary}
    </Text>
  );
}
