// End to end, as an operator meets it: the real `ordertrack demo` in a real terminal (tmux),
// an anomaly resolved with keystrokes, and the decision found in the store afterwards.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './support/outputs.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const SESSION = `ordertrack-e2e-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

const screen = (): string => tmux('capture-pane', '-p', '-t', SESSION);

async function waitFor(what: string, test: (s: string) => boolean, ms = 30_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = screen();
    if (test(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function press(...keys: string[]): Promise<void> {
  for (const k of keys) {
    tmux('send-keys', '-t', SESSION, k);
    await new Promise((r) => setTimeout(r, 150));
  }
}

afterAll(() => {
  try {
    tmux('kill-session', '-t', SESSION);
  } catch {
    // already gone
  }
});

describe('ordertrack demo under tmux', () => {
  it('shows live data, resolves an anomaly with keystrokes, and keeps the decision in the store', async () => {
    const store = join(tempDir('demo-e2e'), 'demo.sqlite');
    // CI=true as a CI runner sets it: at a real terminal the console must still draw live.
    const cmd = `CI=true node ${CLI} demo --store ${store} --operator e2e-tester --seed 3; echo DEMO-EXIT=$?; sleep 60`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '40', cmd);

    const overview = await waitFor('live figures', (s) => /● LIVE/.test(s) && /records\s+[1-9][\d,]*/.test(s));
    expect(overview).toMatch(/\[1 Overview\]/);
    expect(overview.split('\n').filter((l) => l.includes('[1 Overview]'))).toHaveLength(1);
    expect(overview).toMatch(/source +simulator \(seed 3\) ×60\s*$/m);

    await press('2');
    // The demo runs on: the chosen anomaly can resolve itself (its payment arrives) between the
    // choice and the confirmation, which the console answers with 'already resolved'. Then the
    // operator takes the next one, as a person would.
    let orderId = '';
    let type = '';
    for (let attempt = 1; ; attempt++) {
      await waitFor('a pending anomaly', (s) => /\[2 Anomalies \d+\]/.test(s) && /^› .*PENDING/m.test(s));
      await press('r');
      const choice = await waitFor('the resolve prompt', (s) => /resolve \S+ \S+ with/.test(s));
      [, orderId, type] = /resolve (\S+) (\S+) with/.exec(choice)!;
      await press('Enter');
      await waitFor('the note prompt', (s) => /— note/.test(s));
      await press('-l', 'stuck in e2e');
      await press('Enter');
      await waitFor('the confirmation', (s) => s.includes(`resolve ${orderId} ${type} with`) && /stuck in e2e/.test(s));
      await press('y');
      const result = await waitFor('the result', (s) => s.includes(`${orderId} ${type} resolved with`) || s.includes(`${orderId} ${type} is already resolved`));
      if (result.includes(`${orderId} ${type} resolved with`)) break;
      expect(attempt).toBeLessThan(5);
    }

    await press('q');
    await waitFor('the demo to exit', (s) => /DEMO-EXIT=0/.test(s));
    expect(screen()).toMatch(/demo: \d+ records processed; store kept at /);

    const db = new Database(store, { readonly: true });
    try {
      const decisions = db.prepare('SELECT order_id, abnormal_type, decision, operator, note FROM anomaly_decisions').all();
      expect(decisions).toEqual([{ order_id: orderId, abnormal_type: type, decision: 'RESOLVE', operator: 'e2e-tester', note: 'stuck in e2e' }]);
      const audit = db.prepare('SELECT operator, action, target, reason FROM audit_log').all();
      expect(audit).toEqual([{ operator: 'e2e-tester', action: 'RESOLVE', target: `${orderId}/${type}`, reason: 'stuck in e2e' }]);
    } finally {
      db.close();
    }
  });
});
