// Reads a file's lines from the last one back, for the tape's pre-scan: the last line of each
// topic is usually near the end, so most tapes are decided after a few chunks. Lines are as
// LineReader gives them (a "\r" before "\n" dropped, a BOM at byte 0 dropped, identified by the
// byte offset where they start).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ioError } from './line-reader.js';

const NL = 10;
const CR = 13;

/**
 * Calls `visit(line, offset)` for each line starting at or after byte `from` (a line start), last
 * line first, until `visit` returns false.
 */
export function eachLineBackward(
  path: string,
  from: number,
  visit: (line: string, offset: number) => boolean,
  chunkSize = 1 << 20,
): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw ioError(path, err);
  }
  try {
    let pos = fstatSync(fd).size;
    // The bytes from `pos` up to the first "\n" after it: the start of a line cut by a chunk.
    let tail: Buffer = Buffer.alloc(0);
    // The segment after the file's final "\n" is no line (LineReader gives none either).
    let atEnd = true;
    const line = (data: Buffer, s: number, e: number, offset: number): boolean => {
      const skip = atEnd && e - s === (offset === 0 && hasBom(data, s, e) ? 3 : 0);
      atEnd = false;
      return skip || emit(data, s, e, offset, visit);
    };
    while (pos > from) {
      const start = Math.max(from, pos - chunkSize);
      const chunk = readAt(path, fd, start, pos - start);
      const data = tail.length === 0 ? chunk : Buffer.concat([chunk, tail]);
      let end = data.length;
      while (end > 0) {
        const nl = data.lastIndexOf(NL, end - 1);
        if (nl < 0) break;
        if (!line(data, nl + 1, end, start + nl + 1)) return;
        end = nl;
      }
      tail = data.subarray(0, end);
      pos = start;
    }
    line(tail, 0, tail.length, from);
  } finally {
    closeSync(fd);
  }
}

function emit(data: Buffer, s: number, e: number, offset: number, visit: (line: string, offset: number) => boolean): boolean {
  if (offset === 0 && hasBom(data, s, e)) {
    s += 3;
    offset = 3;
  }
  if (e > s && data[e - 1] === CR) e--;
  return visit(data.toString('utf8', s, e), offset);
}

function hasBom(data: Buffer, s: number, e: number): boolean {
  return e - s >= 3 && data[s] === 0xef && data[s + 1] === 0xbb && data[s + 2] === 0xbf;
}

function readAt(path: string, fd: number, at: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  try {
    while (got < length) {
      const n = readSync(fd, buf, got, length - got, at + got);
      if (n === 0) break;
      got += n;
    }
  } catch (err) {
    throw ioError(path, err);
  }
  return buf.subarray(0, got);
}
