// Styled text: every coloured span in the console goes through here so NO_COLOR is honoured
// in one place (theme.ts).
import type { ReactNode } from 'react';
import { Text } from 'ink';
import type { Tone } from './theme.js';
import { useTheme } from './use-theme.js';

export function Txt(props: { tone?: Tone; bold?: boolean; wrap?: 'truncate' | 'wrap'; children?: ReactNode }): React.JSX.Element {
  const theme = useTheme();
  return (
    <Text {...theme.style(props.tone ?? 'plain', props.bold)} wrap={props.wrap}>
      {props.children}
    </Text>
  );
}
