// asciichart line charts sized to a box: the newest points that fit the width, exactly
// `height` lines (the y range is pinned to start at 0 and span at least 1, so a flat or empty
// series cannot collapse the chart and shift the layout under the operator's eyes).
import { Box, Text } from 'ink';
import { plot } from 'asciichart';
import { compact } from './format.js';
import type { Tone } from './theme.js';
import { Txt } from './txt.js';
import { useTheme } from './use-theme.js';

export function LineChart(props: {
  series: readonly (readonly number[])[];
  tones: readonly Tone[];
  width: number;
  height: number;
  /** Widen short series of buckets (minutes, windows) by repeating each point, as steps. */
  stretch?: boolean;
}): React.JSX.Element {
  const theme = useTheme();
  const lines = chartLines(props.series, props.width, props.height, theme.chartColors(props.tones), props.stretch);
  return (
    <Box flexDirection="column" width={props.width} flexShrink={0}>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate">
          {i === 0 && line.startsWith('\u0000') ? <Txt tone="dim">{line.slice(1)}</Txt> : line}
        </Text>
      ))}
    </Box>
  );
}

/** The chart's text lines (no more than `height`); a lone '\0'-prefixed line means "no data". */
export function chartLines(
  series: readonly (readonly number[])[],
  width: number,
  height: number,
  colors: (string | undefined)[] | undefined,
  stretch = false,
): string[] {
  if (height <= 0) return [];
  const clean = series.map((s) => s.map((v) => (Number.isFinite(v) ? Math.max(0, v) : 0)));
  const max = Math.max(1, ...clean.flat());
  // Every label fits with a space before it: compact() writes at most 3 characters below 1000, 4 above.
  const labelWidth = max < 1000 ? 4 : 5;
  const points = width - labelWidth - 2;
  const longest = Math.max(0, ...clean.map((s) => s.length));
  const k = stretch && longest > 0 ? Math.max(1, Math.min(8, Math.floor(points / longest))) : 1;
  const recent = clean.map((s) => s.flatMap((v) => Array<number>(k).fill(v)).slice(-points)).filter((s) => s.length > 0);
  if (height < 2 || points < 2 || recent.length === 0) return ['\u0000  no data yet'];
  const text = plot(recent, {
    height: height - 1,
    min: 0,
    max,
    colors,
    format: (x) => compact(x < 10 ? Math.round(x * 10) / 10 : Math.round(x)).padStart(labelWidth),
  });
  const lines = text.split('\n').slice(0, height);
  return colors ? lines.map(mergeColorRuns) : lines;
}

/**
 * asciichart colours every cell on its own (colour, char, reset); Ink then tokenizes each of
 * those codes on every frame. One code per run of equal colour draws the same and costs far less.
 */
export function mergeColorRuns(line: string): string {
  let out = '';
  let open: string | null = null;
  let color: string | null = null;
  for (const part of line.split(/(\u001b\[\d+m)/)) {
    if (part.startsWith('\u001b[')) {
      const code = part.slice(2, -1);
      color = code === '0' || code === '39' ? null : part;
      continue;
    }
    if (part === '') continue;
    // blanks look the same in any colour, so they do not break a run
    if (color !== open && part.trim() !== '') {
      out += (open ? '\u001b[39m' : '') + (color ?? '');
      open = color;
    }
    out += part;
  }
  return open ? out + '\u001b[39m' : out;
}
