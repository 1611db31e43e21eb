// The reference data the simulator's traffic needs, written as `<dir>/reference/<table>.ndjson`
// (the form `loadReferenceDir` and `ordertrack db seed` read), for every kind of output.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { prepareOutDir } from '../../sinks/out-paths.js';
import type { ReferenceSeed } from '../../sinks/store.js';
import { NdjsonWriter } from './ndjson-writer.js';

const REFERENCE_TABLES = ['product_inventory', 'product_info', 'user_address', 'logistics_area_info'] as const;

/** Writes the tables (engine form; stock times as ISO text); returns rows per file. */
export function writeReferenceFiles(dir: string, ref: ReferenceSeed): Record<string, number> {
  prepareOutDir(join(dir, 'reference'));
  const out: Record<string, number> = {};
  for (const table of REFERENCE_TABLES) {
    const w = new NdjsonWriter(join(dir, 'reference', `${table}.ndjson`));
    for (const row of ref[table]) {
      const r = row as unknown as Record<string, unknown>;
      w.json(typeof r.update_time === 'number' ? { ...r, update_time: new Date(r.update_time).toISOString() } : r);
    }
    w.close();
    out[`reference/${table}.ndjson`] = w.lines;
  }
  return out;
}

/** The reference files written into `dir`. */
export function referencePaths(dir: string): string[] {
  return REFERENCE_TABLES.map((table) => join(dir, 'reference', `${table}.ndjson`));
}

/**
 * Refuses to write over files that are there (an earlier data set, someone's own files) unless
 * `replace` (--force): `hint` says where else to write.
 */
export function refuseOverwrite(paths: readonly string[], replace: boolean | undefined, hint: string): void {
  if (replace) return;
  const there = paths.filter((p) => existsSync(p));
  if (there.length === 0) return;
  const more = there.length > 1 ? ` and ${there.length - 1} more file${there.length > 2 ? 's' : ''}` : '';
  throw new UserError(`this would replace ${there[0]}${more}: pass --force to replace ${there.length > 1 ? 'them' : 'it'}, or ${hint}`);
}

/** Refuses a directory whose CSV tables a reader would take alongside the NDJSON ones written. */
export function refuseClashingCsv(dir: string, what: string): void {
  for (const table of REFERENCE_TABLES) {
    const csv = join(dir, 'reference', `${table}.csv`);
    if (existsSync(csv)) throw new UserError(`${csv} exists and would clash with the ${table}.ndjson written beside it: ${what}`);
  }
}
