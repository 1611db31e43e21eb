// Turns cumulative figures (EngineStats, the runtime's pause count) into Prometheus counter
// increments. The engine already counts everything on its hot path; here we only add, once per
// commit, how far each figure moved since the last sync, so a scrape never walks engine state.
import type { Counter } from 'prom-client';

export interface Sample {
  counter: Counter<string>;
  labels: Record<string, string>;
  value: number;
}

export class CounterSync {
  /** Last synced value per series (counter + label values). */
  private last = new Map<string, number>();
  /** Counters by identity: prom-client's types do not expose a metric's name. */
  private readonly ids = new Map<Counter<string>, number>();

  /**
   * Adds each sample's growth since the previous sync. When any series went backwards (or
   * vanished), the figures come from a fresh engine (a replay restarts its counters at 0), so the
   * whole snapshot is counted from zero: per-series detection would miss a series that restarted
   * and already grew past its old value, and undercount it.
   */
  sync(samples: readonly Sample[]): void {
    const keys = samples.map((s) => this.key(s));
    const now = new Map<string, number>();
    samples.forEach((s, i) => now.set(keys[i]!, s.value));
    let fresh = false;
    for (const [key, prev] of this.last) {
      if ((now.get(key) ?? 0) < prev) {
        fresh = true;
        break;
      }
    }
    samples.forEach((s, i) => {
      const prev = fresh ? 0 : (this.last.get(keys[i]!) ?? 0);
      const d = s.value - prev;
      // inc by 0 still creates the series, so it shows from its first sight.
      if (d >= 0 && Number.isFinite(d)) s.counter.inc(s.labels, d);
    });
    this.last = now;
  }

  private key(s: Sample): string {
    let id = this.ids.get(s.counter);
    if (id === undefined) this.ids.set(s.counter, (id = this.ids.size));
    let key = String(id);
    for (const k of Object.keys(s.labels).sort()) key += `\u0000${k}=${s.labels[k]}`;
    return key;
  }

  /** Forget the baseline: the next sync counts every figure from zero (the engine was replaced). */
  rebase(): void {
    this.last.clear();
  }
}
