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
  if (input.length <= 1 || input.startsWith('\u001b') || ![...input].some((c) => c in EDIT_KEYS)) return [[input, key]];
  const plain: Key = { ...key, return: false, backspace: false, delete: false, tab: false, ctrl: false, meta: false, shift: false, escape: false };
  const keys: [string, Key][] = [];
  let text = '';
  for (const c of input) {
    const edit = EDIT_KEYS[c];
    if (edit === undefined) {
      if (c >= ' ') text += c;
      continue;
    }
    if (text !== '') keys.push([text, plain]);
    text = '';
    keys.push([edit[0], { ...plain, ...edit[1] }]);
  }
  if (text !== '') keys.push([text, plain]);
  return keys;
}

/** The editing keys a chunk of text may hold, as the input and key Ink gives for each alone. */
const EDIT_KEYS: Record<string, [string, Partial<Key>]> = {
  '\r': ['', { return: true }],
  '\n': ['', { return: true }],
  '\u007f': ['', { backspace: true }],
  '\b': ['', { backspace: true }],
  '\t': ['', { tab: true }],
  '\u0015': ['u', { ctrl: true }],
};
