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
    for (const [i, k] of keysOf(input, key)) if (current.current.active) current.current.handler(i, k);
  }, []);
  useInput(stable);
}

/**
 * The keys of one chunk of input. Ink hands over what arrives in one read as one input: typed
 * fast, pasted, or sent by tmux, `O123⏎` comes as the text `O123\r` with no Enter. Such a chunk
 * is cut into its text and its editing keys (Enter, Backspace, Tab, Ctrl-U), each handled in turn.
 * An escape sequence (an arrow, a lone Esc) is one key, as Ink parsed it.
 */
export function keysOf(input: string, key: Key): [string, Key][] {
  if (input.length <= 1 || input.startsWith('\u001b') || !/[\r\n\t\b\u007f\u0015]/.test(input)) return [[input, key]];
  const plain: Key = { ...key, return: false, backspace: false, delete: false, tab: false, ctrl: false, meta: false, shift: false, escape: false };
  const keys: [string, Key][] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') keys.push([text, plain]);
    text = '';
  };
  for (const c of input) {
    if (c === '\r' || c === '\n') {
      flush();
      keys.push(['', { ...plain, return: true }]);
    } else if (c === '\u007f' || c === '\b') {
      flush();
      keys.push(['', { ...plain, backspace: true }]);
    } else if (c === '\t') {
      flush();
      keys.push(['', { ...plain, tab: true }]);
    } else if (c === '\u0015') {
      flush();
      keys.push(['u', { ...plain, ctrl: true }]);
    } else if (c >= ' ') {
      text += c;
    }
  }
  flush();
  return keys;
}
