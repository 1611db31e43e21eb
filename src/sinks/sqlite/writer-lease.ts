// One engine writes a store at a time: a replay or a live run holds `<store>.lock`, a small file
// naming its process, from before its first write until it ends. Two engines on one store would
// each keep their own copy of the stock and state and undo each other's work. The file is made
// with O_EXCL, so of two starting at once one wins; a holder that was killed leaves the file
// behind, and the next engine on this host finds its process gone and takes the store over.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { UserError } from '../../errors.js';

export interface LeaseHolder {
  pid: number;
  host: string;
  /** What holds it: `replay`, `live run`. */
  command: string;
  since: number;
}

const lockPath = (store: string): string => `${store}.lock`;

export class WriterLease {
  private constructor(
    private readonly path: string,
    private readonly owned: boolean,
  ) {}

  /**
   * Takes the store for this process (`:memory:` needs none). A holder in this process (the
   * demo's engine restarting) shares it; one alive elsewhere refuses with a UserError.
   */
  static acquire(store: string, command: string, now: number): WriterLease | undefined {
    if (store === ':memory:') return undefined;
    const path = lockPath(store);
    for (let attempt = 0; attempt < 3; attempt++) {
      const me: LeaseHolder = { pid: process.pid, host: hostname(), command, since: now };
      let fd: number;
      try {
        fd = openSync(path, 'wx');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
          const code = (err as NodeJS.ErrnoException).code ?? 'error';
          throw new UserError(`cannot open store ${store}: its lock file ${path} cannot be made (${code}): check the --store path`, { cause: err });
        }
        const holder = readHolder(path);
        if (holder?.pid === process.pid && holder.host === me.host) return new WriterLease(path, false);
        if (holder !== undefined && holderAlive(holder)) throw inUse(store, holder);
        if (holder === undefined && justMade(path)) throw new UserError(`store ${store} is being taken by another engine just now: try again`);
        // Left by a process that is gone (or cut off while writing it): take the store over.
        try {
          unlinkSync(path);
        } catch {
          // Another engine took it over first: the next attempt meets its file.
        }
        continue;
      }
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      return new WriterLease(path, true);
    }
    throw new UserError(`cannot lock store ${store}: ${path} keeps changing hands; try again`);
  }

  /** The engine alive on another process that holds the store, if any. */
  static activeHolder(store: string): LeaseHolder | undefined {
    if (store === ':memory:') return undefined;
    const holder = readHolder(lockPath(store));
    if (holder === undefined || (holder.pid === process.pid && holder.host === hostname())) return undefined;
    return holderAlive(holder) ? holder : undefined;
  }

  release(): void {
    if (!this.owned) return;
    if (readHolder(this.path)?.pid !== process.pid) return;
    try {
      unlinkSync(this.path);
    } catch {
      // Already gone.
    }
  }
}

function inUse(store: string, h: LeaseHolder): UserError {
  return new UserError(
    `store ${store} is in use by a ${h.command} (pid ${h.pid} on ${h.host}): stop that ${h.command} first, or pass another --store`,
  );
}

function readHolder(path: string): LeaseHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Partial<LeaseHolder>;
    if (typeof h.pid !== 'number' || typeof h.host !== 'string') return undefined;
    return { pid: h.pid, host: h.host, command: typeof h.command === 'string' ? h.command : 'live run', since: Number(h.since) };
  } catch {
    return undefined;
  }
}

/** A file without a holder yet that is younger than a second: its maker is writing it now. */
function justMade(path: string): boolean {
  try {
    return Math.abs(Date.now() - statSync(path).mtimeMs) < 1000;
  } catch {
    return false;
  }
}

/** On this host: its process exists. On another host we cannot tell, so it counts as alive. */
function holderAlive(h: LeaseHolder): boolean {
  return h.host !== hostname() || processAlive(h.pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
