// The order stream: orders are placed one after another, a Poisson process whose intensity
// follows a day in China (UTC+8: quiet nights, lunch and evening peaks). `nextTime` is always
// drawn one order ahead, so a driver can tell when the next order will be placed, and so when
// everything already in the emitter's look-ahead before that time is final.
import { tellOrder, type StoryContext } from './order-story.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Order intensity by hour of the day in China (UTC+8). */
const RHYTHM = [0.5, 0.3, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 0.9, 1.1, 1.3, 1.3, 1.4, 1.2, 1.1, 1.1, 1.1, 1.1, 1.2, 1.4, 1.7, 1.9, 1.8, 1.0];
const RHYTHM_MEAN = RHYTHM.reduce((a, b) => a + b, 0) / RHYTHM.length;

export class Traffic {
  /** Orders placed so far. */
  orders = 0;
  /** Creation time of the last order placed (the start while there is none). */
  last: number;
  /** Creation time of the next order; +Infinity once `limit` orders are placed. */
  nextTime: number;

  constructor(
    private readonly ctx: StoryContext,
    start: number,
    private readonly perDay: number,
    private readonly limit = Infinity,
  ) {
    this.last = start;
    this.nextTime = limit > 0 ? this.after(start) : Infinity;
  }

  /** Places the next order (its whole future goes to the emitter) and draws when the one after comes. */
  placeNext(): void {
    const t = this.nextTime;
    tellOrder(this.ctx, ++this.orders, t);
    this.last = t;
    this.nextTime = this.orders < this.limit ? this.after(t) : Infinity;
  }

  private after(t: number): number {
    const hourOfDay = (Math.floor(t / HOUR) + 8) % 24;
    return t + Math.max(1, Math.round(this.ctx.rng.exp((DAY / this.perDay) * (RHYTHM_MEAN / RHYTHM[hourOfDay]!))));
  }
}
