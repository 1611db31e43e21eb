// Reading and comparing output directories: every NDJSON file as a sorted list of rows.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
// Every test file that makes scratch directories removes them when it is done.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ordertrack-${prefix}-`));
  made.push(dir);
  return dir;
}

/** The rows of an output table (`<out>/<table>.ndjson`) as objects, in file order. */
export function tableRows(out: string, table: string): Record<string, unknown>[] {
  return readFileSync(join(out, `${table}.ndjson`), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Rows of one NDJSON file, each re-serialised with sorted keys, sorted. */
export function rowsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => canonical(JSON.parse(l)))
    .sort();
}

export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Every `.ndjson` file of a directory, as sorted canonical rows; `drop` removes columns first. */
export function outputsOf(dir: string, drop: string[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ndjson')).sort()) {
    const rows = rowsOf(join(dir, f));
    out[f] = drop.length === 0 ? rows : rows.map((r) => canonical(without(JSON.parse(r), drop))).sort();
  }
  return out;
}

function without(row: Record<string, unknown>, drop: string[]): Record<string, unknown> {
  const copy = { ...row };
  for (const c of drop) delete copy[c];
  return copy;
}

/** Columns whose value is processing time (docs/semantics.md), and the file keyed by it. */
export const PROCESSING_TIME_COLUMNS = ['last_updated', 'process_time', 'monitoring_time', 'received_time', 'update_time'];
