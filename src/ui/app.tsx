// The whole console. It provides the runtime handle, the theme (NO_COLOR) and the frame's
// plumbing through context, and renders the frame; everything below reads them with hooks.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ConsoleFrame } from './console-frame.js';
import { ConsoleUiContext, HintBoard, type ConsoleUi, type Status } from './console-context.js';
import { HandleContext } from './handle-context.js';
import type { ConsoleHandle } from './model.js';
import { createTheme, ThemeContext } from './theme.js';

export interface AppProps {
  handle: ConsoleHandle;
  onQuit: () => void;
  /** Environment for NO_COLOR; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Wall clock for ages and freshness; defaults to Date.now (tests pin it). */
  clock?: () => number;
  /** How long an action's outcome stays on the status line (default 15 s). */
  statusMs?: number;
}

const STATUS_MS = 15_000;

export function App(props: AppProps): React.JSX.Element {
  const env = props.env ?? process.env;
  const noColor = env['NO_COLOR'] ?? '';
  const theme = useMemo(() => createTheme({ NO_COLOR: noColor }), [noColor]);
  // the count is read by the key handler at the moment a key arrives (ref) and drawn (state)
  const locks = useRef(0);
  const [locked, setLocked] = useState(false);
  const hints = useRef(new HintBoard()).current;
  const [status, setStatus] = useState<Status | null>(null);
  // An outcome goes after a while (one minutes old would read as news); an action still in
  // flight ("planning replay…") stays until its outcome replaces it.
  useEffect(() => {
    if (status === null || status.message.endsWith('…')) return;
    const t = setTimeout(() => setStatus((s) => (s === status ? null : s)), props.statusMs ?? STATUS_MS);
    return () => clearTimeout(t);
  }, [status, props.statusMs]);
  const store = useRef(new Map<string, unknown>()).current;
  const lock = useCallback((delta: 1 | -1) => {
    locks.current = Math.max(0, locks.current + delta);
    setLocked(locks.current > 0);
  }, []);
  const isLocked = useCallback(() => locks.current > 0, []);
  const clock = props.clock ?? Date.now;
  const ui = useMemo<ConsoleUi>(() => ({ clock, lock, hints, setStatus, store }), [clock, lock, hints, store]);
  return (
    <HandleContext.Provider value={props.handle}>
      <ThemeContext.Provider value={theme}>
        <ConsoleUiContext.Provider value={ui}>
          <ConsoleFrame onQuit={props.onQuit} locked={locked} isLocked={isLocked} status={status} />
        </ConsoleUiContext.Provider>
      </ThemeContext.Provider>
    </HandleContext.Provider>
  );
}
