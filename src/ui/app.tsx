// The whole console. It provides the runtime handle, the theme (NO_COLOR) and the frame's
// plumbing through context, and renders the frame; everything below reads them with hooks.
import { useCallback, useMemo, useRef, useState } from 'react';
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
}

export function App(props: AppProps): React.JSX.Element {
  const env = props.env ?? process.env;
  const noColor = env['NO_COLOR'] ?? '';
  const theme = useMemo(() => createTheme({ NO_COLOR: noColor }), [noColor]);
  // the count is read by the key handler at the moment a key arrives (ref) and drawn (state)
  const locks = useRef(0);
  const [locked, setLocked] = useState(false);
  const hints = useRef(new HintBoard()).current;
  const [status, setStatus] = useState<Status | null>(null);
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
