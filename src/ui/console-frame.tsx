// The frame around the views: tabs, the view (or help), replay progress, status and key hints.
// It owns the global keys (1-6, ?, q) and sizes everything from the terminal so the frame is
// always exactly one line shorter than the terminal: a frame as tall as the screen makes Ink
// clear and redraw the whole screen on every update, which flickers.
import { useState } from 'react';
import { Box } from 'ink';
import type { Hint, Status } from './console-context.js';
import { HelpOverlay } from './help-overlay.js';
import { HintBar } from './hint-bar.js';
import { GLOBAL_KEYS, VIEWS, type ViewId } from './keys.js';
import { ReplayBar } from './replay-bar.js';
import { StatusLine } from './status-line.js';
import { TooSmall, MIN_COLUMNS, MIN_ROWS } from './too-small.js';
import { TopBar } from './top-bar.js';
import { useActions } from './use-actions.js';
import { useNow } from './use-now.js';
import { useSnapshot } from './use-snapshot.js';
import { useTerminalSize } from './use-terminal-size.js';
import { ViewSwitch } from './view-switch.js';
import { useKeys } from './use-keys.js';

const NO_HINTS: Hint[] = [];

export interface ConsoleFrameProps {
  onQuit: () => void;
  /** A prompt or filter input is open (drawn state) … */
  locked: boolean;
  /** … and the same, read when a key arrives, so no key slips through between the two. */
  isLocked: () => boolean;
  status: Status | null;
}

export function ConsoleFrame(props: ConsoleFrameProps): React.JSX.Element {
  const snapshot = useSnapshot();
  const now = useNow();
  const { columns, rows } = useTerminalSize();
  const actions = useActions();
  const [view, setView] = useState<ViewId>('overview');
  const [help, setHelp] = useState(false);
  const [askQuit, setAskQuit] = useState(false);

  useKeys(
    (input, key) => {
      if (props.isLocked()) return;
      if (askQuit) {
        if (input === 'y' || input === 'Y') props.onQuit();
        else if (input === 'n' || input === 'N' || key.escape) setAskQuit(false);
        return;
      }
      if (input === 'q') {
        if (snapshot.replay?.state === 'running') setAskQuit(true);
        else props.onQuit();
        return;
      }
      if (input === '?') return setHelp((h) => !h);
      if (help && key.escape) return setHelp(false);
      const next = VIEWS.find((v) => v.key === input);
      if (next) {
        setView(next.id);
        setHelp(false);
      }
    },
    !props.locked,
  );

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) return <TooSmall columns={columns} rows={rows} />;

  const replay = snapshot.replay;
  const bodyH = rows - 1 - 3 - (replay ? 1 : 0);
  const only: Hint[] | undefined = askQuit
    ? [{ key: 'y', label: 'quit' }, { key: 'n', label: 'stay' }]
    : help
      ? [{ key: '?/esc', label: 'close help' }, { key: '1-6', label: 'views' }, { key: 'q', label: 'quit' }]
      : undefined;
  const status: Status | null = askQuit ? { ok: false, message: 'a replay is running — quit? y/n' } : props.status;
  return (
    <Box flexDirection="column" width={columns} height={rows - 1} overflowY="hidden">
      <TopBar view={view} snapshot={snapshot} now={now} width={columns} operator={actions?.operator ?? null} />
      {help ? <HelpOverlay view={view} readOnly={actions === null} width={columns} height={bodyH} /> : null}
      <Box display={help ? 'none' : 'flex'} height={bodyH} flexShrink={0}>
        <ViewSwitch view={view} snapshot={snapshot} now={now} width={columns} height={bodyH} active={!help && !askQuit} />
      </Box>
      {replay ? <ReplayBar replay={replay} width={columns} /> : null}
      <StatusLine status={status} />
      <HintBar only={only} after={props.locked ? NO_HINTS : GLOBAL_KEYS} width={columns} />
    </Box>
  );
}
