import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { tick, testHandle } from './fixtures.js';
import { consoleUnavailable, runConsole } from './run-console.js';

/** A terminal's two ends, enough for Ink: a sized TTY stdout and a raw-mode-capable stdin. */
function fakeTerminal(): { stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream; written: () => string; type(s: string): void } {
  const out: string[] = [];
  const stdout = Object.assign(new EventEmitter(), {
    isTTY: true,
    columns: 100,
    rows: 30,
    write: (s: string) => {
      out.push(s);
      return true;
    },
  });
  let pending: string | null = null;
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    setRawMode: () => stdin,
    setEncoding: () => stdin,
    resume: () => stdin,
    pause: () => stdin,
    ref: () => stdin,
    unref: () => stdin,
    read: () => {
      const d = pending;
      pending = null;
      return d;
    },
  });
  return {
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    written: () => out.join(''),
    type: (s) => {
      pending = s;
      stdin.emit('readable');
    },
  };
}

describe('runConsole', () => {
  it('draws the console and resolves when the operator quits with q', async () => {
    const term = fakeTerminal();
    let resolved = false;
    const done = runConsole(testHandle().handle, { stdin: term.stdin, stdout: term.stdout, env: { NO_COLOR: '1' } }).then(() => (resolved = true));
    await tick(150);
    expect(term.written()).toContain('status funnel');
    expect(resolved).toBe(false);
    term.type('q');
    await done;
    expect(resolved).toBe(true);
  });

  it('resolves cleanly on Ctrl-C too', async () => {
    const term = fakeTerminal();
    const done = runConsole(testHandle().handle, { stdin: term.stdin, stdout: term.stdout, env: {} });
    await tick(100);
    term.type('\u0003');
    await expect(done).resolves.toBeUndefined();
  });
});

describe('consoleUnavailable', () => {
  const MESSAGE = 'the console needs a terminal (TTY): run it in one; for CI or scripts use `run` (demo: --headless) or `replay`';
  it('is null only when both stdout and stdin are terminals', () => {
    expect(consoleUnavailable({ isTTY: true }, { isTTY: true })).toBeNull();
    expect(consoleUnavailable({ isTTY: false }, { isTTY: true })).toBe(MESSAGE);
    expect(consoleUnavailable({ isTTY: true }, {})).toBe(MESSAGE);
    expect(consoleUnavailable({}, {})).toBe(MESSAGE);
  });
});
