// The simulator as a live source: simulated time runs `speed` times the wall clock from `start`;
// each poll pulls what the simulator has produced up to now into the message log and delivers
// from the log. A replay moves the read cursor back to the log's start: what comes before the
// replay's time, and the topics it did not choose, are delivered quiet (they rebuild the state). The position is the simulated
// time and the log index: a restart regenerates the same messages (the simulator is
// deterministic) up to there and goes on.
import { TOPICS, type SourceRecord, type TopicId, type TopicName } from '../../engine/types.js';
import { UserError } from '../../errors.js';
import type { LiveSource } from '../live-source.js';
import { messageRecord } from '../message.js';
import type { SimMessage, Simulator } from '../simulator/simulator.js';
import { MessageLog } from './message-log.js';

const TOPIC_IDS = new Map<string, TopicId>(TOPICS.map((t, i) => [t, i as TopicId]));
const ALL: ReadonlySet<TopicId> = new Set([0, 1, 2]);

interface Position {
  v: 1;
  seed: number;
  /** The simulation's start: with the seed, it fixes every message. */
  start: number;
  sim_time: number;
  cursor: number;
}

export interface SimulatorFeedOptions {
  seed: number;
  /** Simulated time at the first poll (epoch ms), unless a position says otherwise. */
  start: number;
  /** Makes the simulator for a start time (the same seed and knobs every time). */
  create: (start: number) => Simulator;
  speed: number;
  /** Wall-clock time the run starts at. */
  now: number;
  /** A position() of an earlier feed with the same seed: continue after it. */
  position?: string;
}

export class SimulatorFeed implements LiveSource {
  readonly id: string;
  readonly label: string;
  readonly speed: number;
  readonly ended = false;
  readonly delivered: Record<TopicName, number> = { order_status_events: 0, order_item_events: 0, logistics_events: 0 };
  private readonly log = new MessageLog();
  private readonly pulled: SimMessage[] = [];
  private cursor = 0;
  private simTime: number;
  private wallStart: number;
  /**
   * During a replay: log indexes below `replayFrom` are delivered quiet (they rebuild the state),
   * and those below `replayEnd` quiet too unless of a chosen topic.
   */
  private replayFrom = 0;
  private replayEnd = 0;
  private replayTopics: ReadonlySet<TopicId> = ALL;
  /** Simulated time the simulator has produced up to (-Infinity: nothing pulled yet). */
  private lastTime = -Infinity;
  private readonly start: number;
  private readonly sim: Simulator;

  constructor(private readonly opts: SimulatorFeedOptions) {
    this.id = `simulator:seed=${opts.seed}`;
    this.speed = opts.speed;
    this.label = `simulator (seed ${opts.seed})`; // the console adds the speed
    const saved = opts.position === undefined ? undefined : readPosition(opts.position, opts.seed);
    this.start = saved?.start ?? opts.start;
    this.sim = opts.create(this.start);
    this.simTime = this.start;
    this.wallStart = opts.now;
    if (saved) this.resume(saved);
  }

  poll(max: number, out: SourceRecord[], now: number): number {
    const until = this.simTime + Math.max(0, now - this.wallStart) * this.speed;
    if (this.cursor >= this.log.end) this.produce(until, max);
    let n = 0;
    while (n < max && this.cursor < this.log.end) {
      const i = this.cursor++;
      const m = this.log.at(i)!;
      const rec = messageRecord(m.topic, m.text, 0, String(m.offset));
      rec.quiet = i < this.replayEnd && (i < this.replayFrom || !this.replayTopics.has(m.topic));
      out.push(rec);
      if (!rec.quiet) this.delivered[TOPICS[m.topic]]++;
      n++;
    }
    return n;
  }

  position(): string {
    const p: Position = { v: 1, seed: this.opts.seed, start: this.start, sim_time: this.lastPulled(), cursor: this.cursor };
    return JSON.stringify(p);
  }

  plan(topics: readonly TopicName[], from: number | null): Record<TopicName, number> {
    return this.log.count(this.log.seek(from), this.cursor, ids(topics));
  }

  rewind(topics: readonly TopicName[], from: number | null): number {
    const chosen = ids(topics);
    const counts = this.log.count(this.log.seek(from), this.cursor, chosen);
    this.replayEnd = this.cursor;
    this.replayTopics = chosen;
    this.replayFrom = this.log.seek(from);
    this.cursor = this.log.start;
    return counts.order_status_events + counts.order_item_events + counts.logistics_events;
  }

  close(): void {}

  private lastPulled(): number {
    return this.lastTime === -Infinity ? this.start : this.lastTime;
  }

  private produce(until: number, max: number): void {
    this.pulled.length = 0;
    const n = this.sim.pull(until, max, this.pulled);
    for (let i = 0; i < n; i++) {
      const m = this.pulled[i]!;
      this.log.append(TOPIC_IDS.get(m.topic)!, m.text, m.time);
    }
    // Simulated time has reached `until` when the simulator had less than `max` to give.
    this.lastTime = n < max ? until : this.pulled[n - 1]!.time;
  }

  private resume(p: Position): void {
    while (this.log.end < p.cursor) {
      const before = this.log.end;
      this.produce(p.sim_time, 65_536);
      if (this.log.end === before) break;
    }
    this.cursor = Math.min(p.cursor, this.log.end);
    this.simTime = this.lastPulled();
    this.wallStart = this.opts.now;
  }
}

function readPosition(text: string, seed: number): Position {
  let p: Position;
  try {
    p = JSON.parse(text) as Position;
  } catch {
    throw badPosition('it is not JSON');
  }
  if (p.v !== 1 || p.seed !== seed || typeof p.sim_time !== 'number' || typeof p.start !== 'number') {
    throw badPosition('another seed or version');
  }
  return p;
}

function ids(topics: readonly TopicName[]): ReadonlySet<TopicId> {
  return new Set(topics.map((t) => TOPIC_IDS.get(t)!));
}

function badPosition(why: string): UserError {
  return new UserError(`the store's checkpoint is not from this simulator (${why}): pass the same --seed, or --from earliest`);
}
