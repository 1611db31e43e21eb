// A source directory of NDJSON files, one per topic (SPEC §13): each file is read in its own
// order, like a Kafka partition, and the three are merged by taking, of their next lines, the one
// with the smallest event time (ties: items, then status, then logistics). A line without a
// readable event time (bad JSON included) takes the time of the line before it in its file; a
// file's first such lines go first (−Infinity). Blank lines are skipped but keep their number.
//
// Position (JSON): {"kind":"directory","files":{"<file>":{"line":n,"time":t|null}}}: per file
// the number of the last line the merge took and that line's effective time (null: −Infinity).
// That is all the merge's state, so a source reopened there continues in the very same order.
// While records still come quiet (replay --from), "quietUntil" holds the time they end at.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BoundedSource, InputProgress } from '../source.js';
import { T_ITEM, T_LOGISTICS, T_STATUS, TOPICS } from '../../engine/types.js';
import type { SourceRecord, TopicId, TopicName } from '../../engine/types.js';
import { UserError } from '../../errors.js';
import { FileLane } from './file-lane.js';
import {
  badPosition,
  changed,
  fileRecord,
  QuietPrefix,
  timeFromJson,
  timeToJson,
  type FileSourceOptions,
} from './file-record.js';

/** Merge tie order (SPEC §13). */
const MERGE_ORDER: readonly TopicId[] = [T_ITEM, T_STATUS, T_LOGISTICS];

export const EVENT_FILES: readonly string[] = TOPICS.map((t) => `${t}.ndjson`);
export const TAPE_FILE = 'tape.ndjson';

interface SavedLane {
  line: number;
  time: number;
}

export function openDirectorySource(dir: string, opts: FileSourceOptions): BoundedSource {
  const id = resolve(dir);
  checkDirectory(id);
  const saved = opts.position === undefined ? undefined : readPosition(id, opts.position);
  const lanes: FileLane[] = [];
  try {
    for (const topic of MERGE_ORDER) {
      const file = `${TOPICS[topic]}.ndjson`;
      const path = join(id, file);
      const at = saved?.lanes.get(file) ?? { line: 0, time: -Infinity };
      if (!isFile(path)) {
        if (at.line > 0) throw changed(path, `is gone, but the saved source position has read ${at.line} lines of it`);
        continue;
      }
      lanes.push(new FileLane(topic, file, path, opts, at.line, at.time));
    }
  } catch (err) {
    for (const l of lanes) l.close();
    throw err;
  }
  if (lanes.length === 0) {
    throw new UserError(
      `${id} holds no event files: put ${EVENT_FILES.join(', ')} (any of them) or a ${TAPE_FILE} there`,
    );
  }
  return new DirectorySource(id, lanes, new QuietPrefix(saved ? saved.quietUntil : opts.quietUntil));
}

class DirectorySource implements BoundedSource {
  readonly id: string;
  private readonly lanes: FileLane[];
  private readonly counts: QuietPrefix;

  constructor(id: string, lanes: FileLane[], counts: QuietPrefix) {
    this.id = id;
    this.lanes = lanes;
    this.counts = counts;
  }

  get delivered(): Record<TopicName, number> {
    return this.counts.delivered;
  }

  next(max: number, out: SourceRecord[]): number {
    const lanes = this.lanes;
    let n = 0;
    while (n < max) {
      let best: FileLane | undefined;
      let bestTime = Infinity;
      for (const lane of lanes) {
        const h = lane.head();
        // Strictly smaller: on a tie the lane earlier in MERGE_ORDER stays.
        if (h !== undefined && (best === undefined || h.time < bestTime)) {
          best = lane;
          bestTime = h.time;
        }
      }
      if (best === undefined) break;
      const l = best.pop();
      if (!l.keep) continue;
      const quiet = this.counts.quiet(best.topic, l.time);
      out.push(fileRecord(best.topic, l.value, l.parseError, l.own, l.text, best.file, l.line, l.last, null, quiet));
      n++;
    }
    return n;
  }

  progress(): InputProgress {
    let read = 0;
    let total = 0;
    for (const l of this.lanes) {
      read += l.bytesRead;
      total += l.bytesTotal;
    }
    return { read, total };
  }

  position(): string {
    const files: Record<string, { line: number; time: number | null }> = {};
    for (const l of this.lanes) files[l.file] = { line: l.consumed, time: timeToJson(l.prevTime) };
    return JSON.stringify({ kind: 'directory', files, quietUntil: this.counts.toJson() });
  }

  close(): void {
    for (const l of this.lanes) l.close();
  }
}

function checkDirectory(id: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(id).isDirectory();
  } catch {
    throw new UserError(
      `Source directory ${id} does not exist: pass the directory that holds ${EVENT_FILES.join(', ')} or ${TAPE_FILE}`,
    );
  }
  if (!isDir) throw new UserError(`${id} is a file, not a source directory: pass the directory that holds it`);
}

/** Whether `path` exists; a name that exists but is no regular file is a UserError. */
export function isFile(path: string): boolean {
  let st;
  try {
    st = statSync(path);
  } catch {
    return false;
  }
  if (!st.isFile()) {
    throw new UserError(`${path} is not a regular file: replace it with the NDJSON file or remove it`);
  }
  return true;
}

function readPosition(id: string, text: string): { lanes: Map<string, SavedLane>; quietUntil: number | undefined } {
  let pos: unknown;
  try {
    pos = JSON.parse(text);
  } catch {
    throw badPosition(id, 'it is not JSON');
  }
  const p = pos as { kind?: unknown; files?: unknown; quietUntil?: unknown };
  if (p === null || typeof p !== 'object' || p.kind !== 'directory' || typeof p.files !== 'object' || p.files === null) {
    throw badPosition(id, 'it is not the position of a source directory');
  }
  const out = new Map<string, SavedLane>();
  for (const [file, v] of Object.entries(p.files as Record<string, unknown>)) {
    const e = v as { line?: unknown; time?: unknown } | null;
    const ok = EVENT_FILES.includes(file) && e !== null && typeof e === 'object' && Number.isSafeInteger(e.line);
    if (!ok || (e.line as number) < 0) throw badPosition(id, `bad entry for ${file}`);
    out.set(file, { line: e.line as number, time: timeFromJson(e.time, id) });
  }
  return { lanes: out, quietUntil: QuietPrefix.fromJson(p.quietUntil, id) };
}
