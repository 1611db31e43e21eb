// The first line: view tabs and whether the run behind the figures is alive. The active tab is
// bracketed as well as coloured, so it still shows under NO_COLOR.
import { Box, Text } from 'ink';
import { span } from './format.js';
import { VIEWS, type ViewId } from './keys.js';
import type { ConsoleSnapshot } from './model.js';
import { Txt } from './txt.js';

export function TopBar(props: { view: ViewId; snapshot: ConsoleSnapshot; now: number; width: number; operator: string | null }): React.JSX.Element {
  const { snapshot, now, width } = props;
  const run = snapshot.run;
  const hb = run.heartbeat_at === null ? 'no heartbeat' : `hb ${span(now - run.heartbeat_at)}`;
  const who = props.operator === null ? 'READ-ONLY' : props.operator;
  // A run that said it stopped is told apart from one that went silent (killed, hung, cut off).
  const state = run.live ? '● LIVE' : run.stopped ? '○ STOPPED' : '○ STALE';
  // the right side drops detail before the tabs are cut: state first, then who, then heartbeat
  const right = [state, width >= 96 ? hb : '', who].filter(Boolean).join(' · ');
  const brand = width >= 100 ? 'ordertrack ' : '';
  const open = snapshot.anomalies.open;
  return (
    <Box width={width} flexShrink={0}>
      <Box flexGrow={1} flexShrink={1}>
        <Text wrap="truncate">
          <Txt tone="title">{brand}</Txt>
          {VIEWS.map((v) => {
            const on = v.id === props.view;
            const badge = v.id === 'anomalies' && open > 0 && width >= 100 ? ` ${open}` : '';
            const label = `${v.key} ${v.name}${badge}`;
            return (
              <Txt key={v.id} tone={on ? 'tabActive' : 'tab'}>
                {on ? `[${label}]` : ` ${label} `}
              </Txt>
            );
          })}
        </Text>
      </Box>
      <Box flexShrink={0}>
        <Text wrap="truncate">
          {' '}
          <Txt tone={run.live ? 'ok' : 'stale'}>{state}</Txt>
          <Txt tone="dim">{right.slice(state.length)}</Txt>
        </Text>
      </Box>
    </Box>
  );
}
