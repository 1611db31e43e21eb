import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { KEY, settle } from './fixtures.js';
import { TextInput } from './text-input.js';

afterEach(() => cleanup());

function setup(initial = ''): { r: ReturnType<typeof render>; seen: { changes: string[]; submitted: string | null; cancelled: boolean }; type(...keys: string[]): Promise<void> } {
  const seen = { changes: [] as string[], submitted: null as string | null, cancelled: false };
  const r = render(
    <TextInput
      initial={initial}
      width={20}
      onChange={(v) => seen.changes.push(v)}
      onSubmit={(v) => (seen.submitted = v)}
      onCancel={() => (seen.cancelled = true)}
    />,
  );
  return {
    r,
    seen,
    async type(...keys) {
      for (const k of keys) {
        r.stdin.write(k);
        await settle(r.frames);
      }
    },
  };
}

describe('TextInput', () => {
  it('appends printable keys, deletes with backspace and submits on Enter', async () => {
    const { r, seen, type } = setup();
    await type('a', 'b', 'c', KEY.backspace, 'd');
    expect(r.lastFrame()).toBe('abd█');
    expect(seen.changes).toEqual(['a', 'ab', 'abc', 'ab', 'abd']);
    await type(KEY.enter);
    expect(seen.submitted).toBe('abd');
  });

  it('cancels on Esc, clears on Ctrl-U, ignores arrows, and takes a paste whole', async () => {
    const { r, seen, type } = setup('start');
    await type(KEY.left, KEY.up, '\u0015');
    expect(r.lastFrame()).toBe('█');
    await type('pasted text');
    expect(r.lastFrame()).toBe('pasted text█');
    await type(KEY.esc);
    expect(seen.cancelled).toBe(true);
    expect(seen.submitted).toBeNull();
  });

  it('takes text and Enter that arrive in one chunk (typed fast, pasted, sent by tmux) as text, then Enter', async () => {
    const { seen, type } = setup('old');
    await type('\u0015O0000123\r');
    expect(seen.submitted).toBe('O0000123');
    const second = setup();
    await second.type('ab\u007fc\r');
    expect(second.seen.submitted).toBe('ac');
  });

  it('shows the end of a value longer than its width', async () => {
    const { r, type } = setup();
    await type('0123456789abcdefghijKLMN');
    expect(r.lastFrame()).toBe('…6789abcdefghijKLMN█'); // 20 cells: '…', the last 18, the cursor
  });
});
