// The last line: the keys that do something right now, and nothing else.
import { Text } from 'ink';
import { useContext, useLayoutEffect, useReducer } from 'react';
import { ConsoleUiContext, type Hint } from './console-context.js';
import { Txt } from './txt.js';

/**
 * `only`: hints that stand instead of the view's (a question, the help); otherwise the view's
 * hints (published while it rendered, before this bar: HintBoard) followed by `after`.
 */
export function HintBar(props: { only?: Hint[]; after: Hint[]; width: number }): React.JSX.Element {
  const { hints: board } = useContext(ConsoleUiContext);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useLayoutEffect(() => {
    board.redraw = redraw;
    return () => {
      board.redraw = () => {};
    };
  }, [board]);
  const view = board.take();
  const hints = props.only ?? [...view, ...props.after];
  return (
    <Text wrap="truncate">
      {hints.map((h, i) => (
        <Txt key={`${h.key}${i}`}>
          {i > 0 ? '  ' : ''}
          <Txt tone="key">{h.key}</Txt>
          <Txt tone="dim"> {h.label}</Txt>
        </Txt>
      ))}
    </Text>
  );
}
