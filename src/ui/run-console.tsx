// Starts the console on a terminal and resolves when the operator quits (q, or Ctrl-C).
// The CLI checks for a TTY first with consoleUnavailable(); this file never exits the process.
import { render } from 'ink';
import { App } from './app.js';
import type { ConsoleHandle } from './model.js';

export interface RunConsoleOptions {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  env?: Record<string, string | undefined>;
}

export async function runConsole(handle: ConsoleHandle, opts: RunConsoleOptions = {}): Promise<void> {
  let quit: () => void = () => {};
  const instance = render(<App handle={handle} onQuit={() => quit()} env={opts.env ?? process.env} />, {
    stdin: opts.stdin ?? process.stdin,
    stdout: opts.stdout ?? process.stdout,
    // Ctrl-C unmounts like q does, so the promise below resolves and the caller can close its runtime
    exitOnCtrlC: true,
    patchConsole: false,
    // Ink 6.8's incremental renderer left the first frame's top line behind under tmux (seen at
    // 120×40, the frame scrolled by one line); the whole-frame rewrite draws in place.
    incrementalRendering: false,
  });
  quit = () => instance.unmount();
  // asked for at once: an exit before anyone waits would otherwise never be reported
  const exited = instance.waitUntilExit();
  try {
    await exited;
  } finally {
    instance.cleanup();
  }
}

const NEEDS_TTY = 'the console needs a terminal (TTY): run it in one; for CI or scripts use `run` (demo: --headless) or `replay`';

/** Why the console cannot start on these streams (one line for the CLI to print), or null. */
export function consoleUnavailable(stdout: { isTTY?: boolean }, stdin: { isTTY?: boolean }): string | null {
  return stdout.isTTY && stdin.isTTY ? null : NEEDS_TTY;
}
