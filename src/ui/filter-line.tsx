// The line where a `/` filter is typed: rows narrow as you type, Enter keeps the filter,
// Esc clears it.
import { Box, Text } from 'ink';
import type { Hint } from './console-context.js';
import { TextInput } from './text-input.js';
import { Txt } from './txt.js';
import type { Filter } from './use-filter.js';

export const FILTER_HINTS: Hint[] = [
  { key: '↵', label: 'keep filter' },
  { key: 'esc', label: 'clear filter' },
];

export function FilterLine(props: { filter: Filter; width: number }): React.JSX.Element {
  const { filter } = props;
  return (
    <Box width={props.width} flexShrink={0}>
      <Text>
        <Txt tone="key">/</Txt>
      </Text>
      <Box width={props.width - 1} flexShrink={0}>
        <TextInput
          initial={filter.query}
          width={props.width - 1}
          onChange={filter.setQuery}
          onSubmit={() => filter.setEditing(false)}
          onCancel={() => {
            filter.setQuery('');
            filter.setEditing(false);
          }}
        />
      </Box>
    </Box>
  );
}
