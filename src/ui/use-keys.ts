// useInput with two fixes for a console full of modes. The handler and the `active` flag are
// read from a ref updated in a layout effect, so a mode change (a prompt opening) takes effect
// before the very next key, instead of after Ink re-subscribes in a passive effect; and the
// stdin listener is subscribed once, not again on every render.
import { useCallback, useLayoutEffect, useRef } from 'react';
import { useInput, type Key } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

export function useKeys(handler: KeyHandler, active = true): void {
  const current = useRef({ handler, active });
  useLayoutEffect(() => {
    current.current = { handler, active };
  });
  const stable = useCallback<KeyHandler>((input, key) => {
    if (current.current.active) current.current.handler(input, key);
  }, []);
  useInput(stable);
}
