// Prompts as promises, so a multi-step operator action reads as a straight async function:
//   const note = await ask.text('note');  if (note === null) return;  // Esc cancels
// One prompt is open at a time; while it is, the global keys are locked (use-key-lock).
import { useMemo, useState } from 'react';
import { useKeyLock } from './use-key-lock.js';

export type DialogStep =
  | { kind: 'text'; id: number; label: string; initial: string; validate?: (v: string) => string | null; resolve(v: string | null): void }
  | { kind: 'choice'; id: number; label: string; options: readonly string[]; index: number; resolve(v: string | null): void }
  | { kind: 'confirm'; id: number; lines: string[]; resolve(ok: boolean): void };

export interface Ask {
  /** Resolves with the typed text, or null on Esc. `validate` returns an error to show, or null. */
  text(label: string, opts?: { initial?: string; validate?: (v: string) => string | null }): Promise<string | null>;
  /** Resolves with the picked option, or null on Esc. */
  choice(label: string, options: readonly string[], initial?: number): Promise<string | null>;
  /** Resolves true on y, false on n or Esc. */
  confirm(lines: string[]): Promise<boolean>;
}

export interface Dialog {
  step: DialogStep | null;
  ask: Ask;
  close(): void;
}

let nextId = 1;

export function useDialog(): Dialog {
  const [step, setStep] = useState<DialogStep | null>(null);
  useKeyLock(step !== null);
  const ask = useMemo<Ask>(
    () => ({
      text: (label, opts = {}) =>
        new Promise((resolve) =>
          setStep({ kind: 'text', id: nextId++, label, initial: opts.initial ?? '', validate: opts.validate, resolve }),
        ),
      choice: (label, options, initial = 0) =>
        new Promise((resolve) => setStep({ kind: 'choice', id: nextId++, label, options, index: Math.max(0, initial), resolve })),
      confirm: (lines) => new Promise((resolve) => setStep({ kind: 'confirm', id: nextId++, lines, resolve })),
    }),
    [],
  );
  return useMemo(() => ({ step, ask, close: () => setStep(null) }), [step, ask]);
}
