// The one place where errors become exit codes and one-line messages (STYLE §4, §6).
import { OrdertrackError } from '../errors.js';

export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_EXTERNAL = 3;
export const EXIT_INTERNAL = 4;
export const EXIT_INTERRUPTED = 130;

export function exitCodeFor(err: unknown): number {
  if (err instanceof OrdertrackError) {
    if (err.domain === 'user') return EXIT_USAGE;
    if (err.domain === 'external') return EXIT_EXTERNAL;
  }
  if (fileSystemError(err)) return EXIT_EXTERNAL;
  return EXIT_INTERNAL;
}

/** A file operation the system refused (a directory where a file goes, a full disk, …): not our bug. */
function fileSystemError(err: unknown): err is NodeJS.ErrnoException & { syscall: string; path: string } {
  const e = err as NodeJS.ErrnoException;
  return e instanceof Error && typeof e.code === 'string' && typeof e.syscall === 'string' && typeof e.path === 'string';
}

/** One line for the terminal; a stack trace only with ORDERTRACK_DEBUG set. */
export function describeError(err: unknown): string {
  if (err instanceof OrdertrackError) return `ordertrack: ${err.message}`;
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') {
    if (e.code === 'ENOSPC') return `ordertrack: the disk is full (${e.message}); free space and run again`;
    if (e.code === 'EACCES' || e.code === 'EPERM') return `ordertrack: permission denied (${e.message})`;
    if (e.code === 'SQLITE_CANTOPEN') return `ordertrack: cannot open the store file: check the --store path`;
  }
  if (fileSystemError(err)) {
    const why = err.code === 'EISDIR' ? 'it is a directory' : err.code === 'ENOTDIR' ? 'a part of its path is a file' : err.code;
    return `ordertrack: cannot ${err.syscall} ${err.path}: ${why}; move it out of the way or pass another path`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `ordertrack: internal error: ${message.split('\n')[0]} (set ORDERTRACK_DEBUG=1 for details)`;
}
