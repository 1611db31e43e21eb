import { Text } from 'ink';
import { Txt } from './txt.js';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

/** Shown instead of everything else: a squeezed console would mislead more than it helps. */
export function TooSmall(props: { columns: number; rows: number }): React.JSX.Element {
  return (
    <Text wrap="truncate">
      <Txt tone="warn">
        terminal too small (need {MIN_COLUMNS}×{MIN_ROWS}, have {props.columns}×{props.rows})
      </Txt>
    </Text>
  );
}
