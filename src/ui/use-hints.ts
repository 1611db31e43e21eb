import { useContext, useLayoutEffect, useRef } from 'react';
import { ConsoleUiContext, type Hint } from './console-context.js';

/**
 * Publishes the keys the current view accepts right now to the hint bar, in the same frame as
 * the mode that changed them (HintBoard): published while the view renders; the layout effect
 * asks the bar to draw again only when the bar did not render with them.
 */
export function useHints(hints: Hint[]): void {
  const { hints: board } = useContext(ConsoleUiContext);
  const owner = useRef({}).current;
  board.publish(owner, hints);
  useLayoutEffect(() => {
    if (board.stale(hints)) board.redraw();
  });
  useLayoutEffect(() => () => board.release(owner), [board, owner]);
}
