// A one-line text field of our own (no extra package): printable keys append, Backspace/Delete
// remove the last character, Ctrl-U clears, Enter submits, Esc cancels. The value is kept in a
// ref as well as state so fast typing (several keys before a re-render) loses nothing.
import { useRef, useState } from 'react';
import { Text } from 'ink';
import { Txt } from './txt.js';
import { useKeys } from './use-keys.js';

export interface TextInputProps {
  initial?: string;
  /** Cells the value may take; longer values show their end, where the typing is. */
  width: number;
  onChange?(value: string): void;
  onSubmit(value: string): void;
  onCancel(): void;
}

export function TextInput(props: TextInputProps): React.JSX.Element {
  const value = useRef(props.initial ?? '');
  const [shown, setShown] = useState(value.current);
  const set = (next: string): void => {
    value.current = next;
    setShown(next);
    props.onChange?.(next);
  };
  useKeys((input, key) => {
    if (key.return) return props.onSubmit(value.current);
    if (key.escape) return props.onCancel();
    if (key.backspace || key.delete) return set(value.current.slice(0, -1));
    if (key.ctrl && input === 'u') return set('');
    if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
    // a paste arrives as one string; keep only its printable part
    const printable = input.replace(/[\u0000-\u001f\u007f]/g, '');
    if (printable) set(value.current + printable);
  });
  const room = Math.max(1, props.width - 1);
  return (
    <Text wrap="truncate">
      {shown.length > room ? '…' + shown.slice(-(room - 1)) : shown}
      <Txt tone="accent">█</Txt>
    </Text>
  );
}
