// The file source for a directory (SPEC §13): its tape.ndjson when there is one (exact arrival
// order), else its per-topic NDJSON files merged by event time.
import { join, resolve } from 'node:path';
import type { BoundedSource } from '../source.js';
import { isFile, openDirectorySource, TAPE_FILE } from './directory-source.js';
import type { FileSourceOptions } from './file-record.js';
import { openTapeSource } from './tape-source.js';

export function openSource(dir: string, opts: FileSourceOptions): BoundedSource {
  const tape = join(resolve(dir), TAPE_FILE);
  return isFile(tape) ? openTapeSource(tape, opts) : openDirectorySource(dir, opts);
}
