// The file source for a directory (SPEC §13): its tape.ndjson when there is one (exact arrival
// order), else its per-topic NDJSON files merged by event time.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BoundedSource } from '../source.js';
import { EVENT_FILES, isFile, openDirectorySource, TAPE_FILE } from './directory-source.js';
import type { FileSourceOptions } from './file-record.js';
import { REFERENCE_TABLES } from './reference-files.js';
import { openTapeSource } from './tape-source.js';

export function openSource(dir: string, opts: FileSourceOptions): BoundedSource {
  const tape = join(resolve(dir), TAPE_FILE);
  return isFile(tape) ? openTapeSource(tape, opts) : openDirectorySource(dir, opts);
}

/** Names that look like data (a misnamed topic file reads as no data at all, without a word). */
const DATA_FILE = /\.(nd)?jsonl?$|\.csv$/i;

/** The names a reference table is read from. */
const REFERENCE_FILES = REFERENCE_TABLES.flatMap((t) => [`${t}.ndjson`, `${t}.csv`]);

/** The files directly in `dir`, sorted; undefined when it cannot be listed. */
function filesIn(dir: string): string[] | undefined {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
  } catch {
    return undefined;
  }
}

/**
 * What the user is told the source leaves unread: data files under names it does not read (in the
 * directory and in its reference/), and the topic files beside a tape (which is read instead).
 * Empty when the directory is as expected.
 */
export function unreadFiles(dir: string): string[] {
  const names = filesIn(dir);
  if (names === undefined) return []; // opening the source says what is wrong with the directory
  const tape = names.includes(TAPE_FILE);
  const notes: string[] = [];
  const stray = names.filter((n) => n !== TAPE_FILE && !EVENT_FILES.includes(n) && DATA_FILE.test(n));
  if (stray.length > 0) {
    notes.push(`${stray.join(', ')} in ${dir} ${stray.length > 1 ? 'are' : 'is'} not read: a source reads ${EVENT_FILES.join(', ')} or ${TAPE_FILE}`);
  }
  const beside = tape ? names.filter((n) => EVENT_FILES.includes(n)) : [];
  if (beside.length > 0) {
    notes.push(`${beside.join(', ')} in ${dir} ${beside.length > 1 ? 'are' : 'is'} not read: the ${TAPE_FILE} there is read instead`);
  }
  const ref = join(dir, 'reference');
  const strayRef = (filesIn(ref) ?? []).filter((n) => !REFERENCE_FILES.includes(n) && DATA_FILE.test(n));
  if (strayRef.length > 0) {
    notes.push(
      `${strayRef.join(', ')} in ${ref} ${strayRef.length > 1 ? 'are' : 'is'} not read: reference/ reads ${REFERENCE_TABLES.join(', ')} (each .ndjson or .csv)`,
    );
  }
  return notes;
}
