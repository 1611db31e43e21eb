// The last line: the keys that do something right now, and nothing else.
import { Text } from 'ink';
import type { Hint } from './console-context.js';
import { Txt } from './txt.js';

export function HintBar(props: { hints: Hint[]; width: number }): React.JSX.Element {
  return (
    <Text wrap="truncate">
      {props.hints.map((h, i) => (
        <Txt key={`${h.key}${i}`}>
          {i > 0 ? '  ' : ''}
          <Txt tone="key">{h.key}</Txt>
          <Txt tone="dim"> {h.label}</Txt>
        </Txt>
      ))}
    </Text>
  );
}
