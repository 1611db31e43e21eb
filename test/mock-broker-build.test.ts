// The test broker's launcher is compiled into a cache that other checkouts may share (a worktree
// with node_modules linked): a binary is rebuilt when it was built from another launcher.c, even
// if it is newer than this one, and kept when it was built from this one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const BUILD = join(import.meta.dirname, '..', 'tools', 'mock-broker', 'build.sh');
const dir = mkdtempSync(join(tmpdir(), 'ordertrack-launcher-'));
const out = join(dir, 'mock-broker');
const build = (): string => execFileSync('sh', [BUILD, out], { encoding: 'utf8' }).trim();
const isElf = (): boolean => readFileSync(out).subarray(0, 4).toString('latin1') === '\x7fELF';

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('builds the launcher, rebuilds one built from another source, and keeps one built from this source', () => {
  expect(build()).toBe(out);
  expect(isElf()).toBe(true);
  const sum = readFileSync(`${out}.src`, 'utf8');

  // A binary newer than launcher.c but recorded as built from other source text.
  writeFileSync(out, '#!/bin/sh\necho stale\n', { mode: 0o755 });
  writeFileSync(`${out}.src`, '1 1\n');
  build();
  expect(isElf()).toBe(true);
  expect(readFileSync(`${out}.src`, 'utf8')).toBe(sum);

  const built = statSync(out).mtimeMs;
  build();
  expect(statSync(out).mtimeMs).toBe(built);
}, 120_000);
