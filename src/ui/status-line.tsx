// The line above the hints: the outcome of the last operator action, in the runtime's words.
import { Text } from 'ink';
import type { Status } from './console-context.js';
import { Txt } from './txt.js';

export function StatusLine(props: { status: Status | null }): React.JSX.Element {
  const s = props.status;
  if (!s) return <Text> </Text>;
  const [mark, tone] = s.ok === true ? (['✓', 'ok'] as const) : s.ok === false ? (['✗', 'bad'] as const) : (['·', 'dim'] as const);
  return (
    <Text wrap="truncate">
      <Txt tone={tone}>
        {mark} {s.message}
      </Txt>
    </Text>
  );
}
