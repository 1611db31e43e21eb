// Where each topic's last delivered line is, so the file sources can flag it `last` (SPEC §4)
// without reading ahead: the file is read from its end, and usually only its last chunk is needed.
// Without --from/--to that is the topic's last non-blank line. With them it is the topic's last
// line whose effective time is kept; a line without a readable time takes the time of the nearest
// timed line of its topic before it, so going backward such lines wait (only the latest of them
// matters) until that timed line is found, or the start of the scan (then: the inherited time).
import type { TopicId } from '../../engine/types.js';
import { eventTimeFilterActive, inRange, isBlank, type FileSourceOptions } from './file-record.js';
import { eachLineBackward } from './reverse-lines.js';

/** A line's topic (undefined: none we know, never delivered as one) and own event time. */
export interface LineProbe {
  topic: TopicId | undefined;
  time: number | undefined;
}

/**
 * Per topic, the byte offset of its last line at or after byte `from` that --from/--to keeps (−1:
 * none). `probe` reads a line, its time only when `withTime`; `inherited` are the per-topic times
 * a line at `from` without its own time would take; `topics` are those the file can hold.
 */
export function lastKeptOffsets(
  path: string,
  from: number,
  opts: FileSourceOptions,
  inherited: readonly number[],
  topics: readonly TopicId[],
  probe: (text: string, withTime: boolean) => LineProbe,
): number[] {
  const filtered = eventTimeFilterActive(opts);
  const found = [-1, -1, -1];
  /** Per topic: offset of its latest line without a time after its timed lines seen so far. */
  const untimed = [-1, -1, -1];
  let missing = topics.length;
  eachLineBackward(path, from, (text, offset) => {
    if (isBlank(text)) return true;
    const { topic, time } = probe(text, filtered);
    if (topic === undefined || found[topic]! >= 0) return true;
    if (filtered && time === undefined) {
      if (untimed[topic]! < 0) untimed[topic] = offset;
      return true;
    }
    if (!filtered || inRange(time!, opts)) {
      found[topic] = untimed[topic]! >= 0 ? untimed[topic]! : offset;
      return --missing > 0;
    }
    untimed[topic] = -1;
    return true;
  });
  for (const t of topics) {
    if (found[t]! < 0 && untimed[t]! >= 0 && inRange(inherited[t]!, opts)) found[t] = untimed[t]!;
  }
  return found;
}
