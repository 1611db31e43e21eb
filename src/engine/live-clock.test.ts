// The live clock (SPEC §4): in an unbounded input a silent topic stops holding the clock after
// the idle timeout of processing time, and with no topic holding it the clock follows processing
// time minus the largest bound, so timers fire even when traffic stops.
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.js';
import type { Collector, StorePort } from './ports.js';
import type { AnomalyRow, SourceRecord, TopicId } from './types.js';

const T0 = Date.UTC(2026, 10, 20, 8, 0);
const MIN = 60_000;

function harness(idleTimeoutMs?: number) {
  const store: StorePort = { loadStock: () => undefined, recordedOp: () => undefined, loadOrder: () => undefined };
  const nop = () => {};
  const out: Collector = { deadLetter: nop, inventoryOp: nop, dispatch: nop, notification: nop, metric: nop, dataQuality: nop };
  const engine = new Engine({ store, out, idleTimeoutMs });
  let offset = 0;
  const send = (topic: TopicId, value: object, now: number) => {
    const rec: SourceRecord = {
      topic,
      partition: 0,
      value,
      parseError: false,
      time: NaN,
      raw: undefined,
      file: undefined,
      line: 0,
      offset: String(offset++),
      last: false,
      invalid: null,
      quiet: false,
    };
    engine.process(rec, now);
  };
  const anomalies = (): AnomalyRow[] => {
    const changes = { lifecycle: [], sla: [], anomalies: [] as AnomalyRow[], orderStates: [] };
    engine.drainChanges(changes);
    return changes.anomalies;
  };
  return { engine, send, anomalies };
}

const pending = (id: string, t: number) => ({ order_id: id, user_id: 'U', status: 'PENDING_PAYMENT', status_time: t });
const dispatched = (id: string, t: number) => ({ logistics_id: 'L', order_id: id, status: 'DISPATCHED', status_time: t });

describe('live clock', () => {
  it('a topic that falls silent stops holding the clock after the idle timeout', () => {
    const { send, anomalies } = harness(10_000);
    send(2, dispatched('X', T0), 1_000); // logistics holds the clock at T0 − 10 s
    send(0, pending('A', T0), 1_000);
    send(0, pending('B', T0 + 40 * MIN), 5_000); // 40 min later by event time; logistics still holds
    expect(anomalies()).toEqual([]);
    send(0, pending('C', T0 + 41 * MIN), 11_500); // logistics silent for 10.5 s: status alone holds
    const raised = anomalies();
    expect(raised.map((a) => [a.order_id, a.abnormal_type, a.detection_time])).toEqual([['A', 'PAYMENT_TIMEOUT', T0 + 41 * MIN - 5_000]]);
  });

  it('with every topic silent, the clock follows processing time minus the largest bound', () => {
    const h = harness(10_000);
    h.send(0, pending('A', T0), T0);
    h.engine.tick(T0 + 5_000);
    expect(h.anomalies()).toEqual([]);
    h.engine.tick(T0 + 31 * MIN + 10_000);
    expect(h.anomalies().map((a) => [a.order_id, a.overtime_minutes, a.detection_time])).toEqual([['A', 1, T0 + 31 * MIN]]);
  });

  it('a topic released at its last record (a directory read live) keeps processing time away until it has been silent for the idle timeout', () => {
    const h = harness(10_000);
    const rec = (value: object): SourceRecord => ({
      topic: 0, partition: 0, value, parseError: false, time: NaN, raw: undefined, file: 'f', line: 1, offset: undefined, last: true, invalid: null, quiet: false,
    });
    h.engine.process(rec(pending('A', T0)), T0 + 100 * MIN);
    h.engine.tick(T0 + 100 * MIN + 9_000);
    expect(h.anomalies()).toEqual([]);
    h.engine.tick(T0 + 100 * MIN + 10_000);
    expect(h.anomalies().map((a) => [a.order_id, a.detection_time])).toEqual([['A', T0 + 100 * MIN]]);
  });

  it('bounded input (no idle timeout) never follows processing time', () => {
    const h = harness(undefined);
    h.send(0, pending('A', T0), T0);
    h.engine.tick(T0 + 365 * 24 * 60 * MIN);
    expect(h.anomalies()).toEqual([]);
  });
});
