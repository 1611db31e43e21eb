// The one place that decides colour. Ink ignores NO_COLOR (https://no-color.org), so every
// colour, background, dim, inverse and bold in the console is looked up here by *tone*: when
// NO_COLOR is set and non-empty the lookup returns no styling at all and the frame carries no
// escape codes. Components use <Txt tone=…> (txt.tsx); charts use `chartColors`.
import { createContext } from 'react';
import * as ac from 'asciichart';
import type { TextProps } from 'ink';

export type Tone =
  | 'plain' | 'dim' | 'title' | 'key' | 'accent' | 'ok' | 'warn' | 'bad'
  | 'selected' | 'stale' | 'tab' | 'tabActive'
  // chart series, so a legend and its line share one colour
  | 'created' | 'paid' | 'shipped' | 'delivered' | 'onTime' | 'atRisk' | 'overdue' | 'records';

export type TextStyle = Pick<TextProps, 'color' | 'backgroundColor' | 'dimColor' | 'inverse' | 'bold'>;

const STYLES: Record<Tone, TextStyle> = {
  plain: {},
  dim: { color: 'gray' },
  title: { color: 'whiteBright', bold: true },
  key: { color: 'cyan', bold: true },
  accent: { color: 'cyan' },
  ok: { color: 'green' },
  warn: { color: 'yellow' },
  bad: { color: 'red' },
  selected: { inverse: true },
  stale: { color: 'white', backgroundColor: 'red', bold: true },
  tab: { color: 'gray' },
  tabActive: { color: 'black', backgroundColor: 'cyan', bold: true },
  created: { color: 'blue' },
  paid: { color: 'cyan' },
  shipped: { color: 'magenta' },
  delivered: { color: 'green' },
  onTime: { color: 'green' },
  atRisk: { color: 'yellow' },
  overdue: { color: 'red' },
  records: { color: 'cyan' },
};

// asciichart writes its own escape codes; these match the Ink colours above.
const CHART: Partial<Record<Tone, string>> = {
  created: ac.blue, paid: ac.cyan, shipped: ac.magenta, delivered: ac.green,
  onTime: ac.green, atRisk: ac.yellow, overdue: ac.red, records: ac.cyan,
};

export interface Theme {
  readonly color: boolean;
  style(tone: Tone, bold?: boolean): TextStyle;
  /** asciichart `colors` for the series tones, or undefined for none. */
  chartColors(tones: readonly Tone[]): (string | undefined)[] | undefined;
}

/** NO_COLOR counts only when set and non-empty, as the convention says. */
export function createTheme(env: Record<string, string | undefined>): Theme {
  const color = !env['NO_COLOR'];
  return {
    color,
    style: (tone, bold) => (color ? { ...STYLES[tone], ...(bold ? { bold: true } : {}) } : {}),
    chartColors: (tones) => (color ? tones.map((t) => CHART[t]) : undefined),
  };
}

export const ThemeContext = createContext<Theme>(createTheme({}));
