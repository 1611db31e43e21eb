// Where a command writes its files (--out, --report): made ready before any work, so a path that
// cannot take them is a one-line error at once, not an internal error after a long run that
// loses its summary. Directories are made a level at a time: Node's recursive mkdir spins
// forever on a parent that exists but refuses new entries with ENOENT (/proc).
import { accessSync, closeSync, constants, mkdirSync, openSync, statSync, type Stats, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';

function errCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? 'error';
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (err) {
    const code = errCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UserError(`cannot read ${path} (${code}): check the path and its permissions`, { cause: err });
  }
}

/** The directory `path` (created with its missing parents); UserError, naming `flag`, if it cannot be one. */
export function prepareOutDir(path: string, flag = '--out'): string {
  return makeDir(resolve(path), `${flag} ${path}`);
}

/** An --out that is the source directory or its reference/ would overwrite what is read (the stock seed among it). */
export function refuseOutOverSource(out: string, source: string): void {
  const o = resolve(out);
  const s = resolve(source);
  if (o === s || o === join(s, 'reference')) {
    throw new UserError(`--out ${out} is a directory the source is read from: the outputs would overwrite its files; pass another directory`);
  }
}

/** The file `path` will be written at the end (its directory made now); UserError if it cannot be. */
export function prepareOutFile(path: string, flag = '--report'): string {
  const file = resolve(path);
  if (statOrUndefined(file)?.isDirectory()) {
    throw new UserError(`${flag} ${path} is a directory: pass a file name (e.g. ${join(path, 'summary.json')})`);
  }
  makeDir(dirname(file), `${flag} ${path}`);
  // Opened for appending (changing nothing that is there), the one sure test; a file made for
  // the test goes again, so a run that fails later leaves no empty report behind.
  const existed = statOrUndefined(file) !== undefined;
  try {
    closeSync(openSync(file, 'a'));
    if (!existed) unlinkSync(file);
  } catch (err) {
    throw new UserError(`${flag} ${path}: cannot write it (${errCode(err)}): pass a file you can write`, { cause: err });
  }
  return file;
}

/** `label` starts each error: the flag and the path as given. */
function makeDir(dir: string, label: string): string {
  const missing: string[] = [];
  for (let at = dir; ; ) {
    const st = statOrUndefined(at);
    if (st !== undefined) {
      if (!st.isDirectory()) throw new UserError(`${label}: ${at} is a file, not a directory`);
      break;
    }
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (err) {
      if (errCode(err) === 'EEXIST' && statOrUndefined(d)?.isDirectory()) continue;
      throw new UserError(`${label}: cannot create ${d} (${errCode(err)}): pass a directory you can write to`, { cause: err });
    }
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw new UserError(`${label}: cannot write in ${dir} (${errCode(err)}): pass a directory you can write to`, { cause: err });
  }
  return dir;
}
