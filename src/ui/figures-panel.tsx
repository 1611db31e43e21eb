// The pipeline's health in figures: how far the engine's clock trails the wall clock, how old
// the last checkpoint is, and whether input is being dead-lettered. Thresholds pick the tone:
// checkpoints are taken every 30 s (SPEC §12), so one older than a minute is worth a look.
import { Box, Text } from 'ink';
import type { Freshness } from './freshness.js';
import { compact, dateTime, fit, int, span } from './format.js';
import type { ConsoleSnapshot } from './model.js';
import { PanelTitle } from './panel-title.js';
import type { Tone } from './theme.js';
import { Txt } from './txt.js';

interface Row {
  label: string;
  value: string;
  tone?: Tone;
}

export function figureRows(s: ConsoleSnapshot, now: number): Row[] {
  const o = s.overview;
  const lag = o.watermark_lag_ms;
  const cpAge = o.checkpoint_at === null ? null : now - o.checkpoint_at;
  return [
    { label: 'watermark', value: o.watermark === null ? 'not yet' : dateTime(o.watermark) },
    { label: 'wm lag', value: lag === null ? '–' : span(lag), tone: lag === null ? 'dim' : lag > 300_000 ? 'bad' : lag > 60_000 ? 'warn' : 'ok' },
    {
      label: 'checkpoint',
      value: cpAge === null ? 'none yet' : `${span(cpAge)} ago`,
      // An old checkpoint is a warning only while a run should be writing them.
      tone: !s.run.live ? 'plain' : cpAge === null ? 'warn' : cpAge > 120_000 ? 'bad' : cpAge > 60_000 ? 'warn' : 'ok',
    },
    { label: 'records', value: int(o.records_total) },
    {
      label: 'dead letters',
      value: `${compact(o.dead_letters_total)} · ${o.dead_letter_rate.toFixed(o.dead_letter_rate < 10 ? 1 : 0)}/min`,
      tone: o.dead_letter_rate > 0 ? 'warn' : 'plain',
    },
    { label: 'source', value: s.run.source + (s.run.speed !== null ? ` ×${s.run.speed}` : '') },
    { label: 'store', value: s.run.store },
  ];
}

export function FiguresPanel(props: { snapshot: ConsoleSnapshot; now: number; fresh: Freshness; width: number; height: number }): React.JSX.Element {
  const rows = figureRows(props.snapshot, props.now).slice(0, Math.max(0, props.height - 1));
  const labelW = 12;
  return (
    <Box flexDirection="column" width={props.width} flexShrink={0}>
      <PanelTitle title="pipeline" fresh={props.fresh} width={props.width} />
      {rows.map((r) => (
        <Text key={r.label} wrap="truncate">
          <Txt tone="dim">{fit(r.label, labelW)}</Txt> <Txt tone={r.tone ?? 'plain'}>{fit(r.value, props.width - labelW - 1)}</Txt>
        </Text>
      ))}
    </Box>
  );
}
