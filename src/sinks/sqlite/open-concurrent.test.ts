// Several processes set up one new store at once (the demo's run and its console do): none may
// fail on the lock SQLite takes to switch the file to WAL, and the schema is made once.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store.js';

const STORE_MODULE = resolve(import.meta.dirname, '../../../dist/sinks/sqlite/sqlite-store.js');
const dir = mkdtempSync(join(tmpdir(), 'ordertrack-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A process that opens and closes the store `times` times; resolves with its exit code and stderr. */
function opener(path: string, times: number): Promise<{ code: number | null; stderr: string }> {
  const code = `const { SqliteStore } = await import(${JSON.stringify(STORE_MODULE)});
    for (let i = 0; i < ${times}; i++) SqliteStore.open(${JSON.stringify(path)}).close();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((r) => child.on('exit', (c) => r({ code: c, stderr })));
}

it('opens a new store from four processes at once, each many times, without a lock error', async () => {
  for (let round = 0; round < 3; round++) {
    const path = join(dir, `store-${round}.sqlite`);
    const results = await Promise.all([1, 2, 3, 4].map(() => opener(path, 25)));
    expect(results).toEqual([1, 2, 3, 4].map(() => ({ code: 0, stderr: '' })));
    const store = SqliteStore.open(path);
    try {
      expect(store.checks().every((c) => c.ok)).toBe(true);
    } finally {
      store.close();
    }
  }
}, 120_000);
