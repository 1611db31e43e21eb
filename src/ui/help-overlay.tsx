// `?`: the current view's keys beside the ones that work everywhere; action keys are left out
// when read-only, as they do nothing there.
import { Box, Text } from 'ink';
import { fit } from './format.js';
import { GLOBAL_KEYS, MORE_HELP, VIEWS, viewHints, type KeyHelp, type ViewId } from './keys.js';
import { PanelTitle } from './panel-title.js';
import { Txt } from './txt.js';

export function HelpOverlay(props: { view: ViewId; readOnly: boolean; width: number; height: number }): React.JSX.Element {
  const name = VIEWS.find((v) => v.id === props.view)?.name ?? props.view;
  const own = [...viewHints(props.view, props.readOnly), ...(MORE_HELP[props.view] ?? [])];
  const everywhere: KeyHelp[] = [
    ...VIEWS.map((v) => ({ key: v.key, label: v.name })),
    { key: '/', label: 'filter (views with tables)' },
    ...GLOBAL_KEYS.filter((k) => k.key !== '1-6'),
    { key: 'esc', label: 'close help' },
  ];
  const colW = Math.floor((props.width - 1) / 2);
  const rows = props.height - 1;
  return (
    <Box flexDirection="column" width={props.width} height={props.height} flexShrink={0}>
      <PanelTitle title="help" detail="keys" width={props.width} />
      <Box flexShrink={0}>
        <Section
          title={`${name}${props.readOnly ? ' (read-only: actions hidden)' : ''}`}
          keys={own.length ? own : [{ key: '', label: 'no keys of its own' }]}
          width={colW}
          height={rows}
        />
        <Box width={1} flexShrink={0} />
        <Section title="everywhere" keys={everywhere} width={props.width - colW - 1} height={rows} />
      </Box>
    </Box>
  );
}

function Section(props: { title: string; keys: KeyHelp[]; width: number; height: number }): React.JSX.Element {
  return (
    <Box flexDirection="column" width={props.width} flexShrink={0}>
      <Text wrap="truncate">
        <Txt tone="title">{props.title}</Txt>
      </Text>
      {props.keys.slice(0, Math.max(0, props.height - 1)).map((k, i) => (
        <Text key={i} wrap="truncate">
          {'  '}
          <Txt tone="key">{fit(k.key, 6)}</Txt> {k.label}
        </Text>
      ))}
    </Box>
  );
}
