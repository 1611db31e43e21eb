// The replay form: which topics (all three by default), from when, and the plan → confirm →
// start flow. The plan stays on screen while the confirmation is asked, so the operator sees
// what will be re-read before saying yes.
import { int } from './format.js';
import { TOPIC_NAMES, type ReplayPlan } from './model.js';
import { fromLabel, parseFrom } from './replay-from.js';
import { useActions } from './use-actions.js';
import type { Ask } from './use-dialog.js';
import { usePersistentState } from './use-persistent-state.js';
import { useRunAction } from './use-run-action.js';
import { useStatus } from './use-status.js';

export interface ReplayForm {
  topics: string[];
  cursor: number;
  fromText: string;
  plan: ReplayPlan | null;
  move(delta: number): void;
  toggle(): void;
  editFrom(): Promise<void>;
  /** `readTo`: the run's clock (null: none yet); a start after it has nothing to re-read. */
  planAndStart(running: boolean, readTo: number | null): Promise<void>;
}

export function useReplayForm(ask: Ask): ReplayForm | null {
  const actions = useActions();
  const run = useRunAction();
  const setStatus = useStatus();
  const [topics, setTopics] = usePersistentState<string[]>('replay.topics', [...TOPIC_NAMES]);
  const [cursor, setCursor] = usePersistentState('replay.cursor', 0);
  const [fromText, setFromText] = usePersistentState('replay.from', 'earliest');
  const [plan, setPlan] = usePersistentState<ReplayPlan | null>('replay.plan', null);
  if (!actions) return null;
  return {
    topics,
    cursor,
    fromText,
    plan,
    move: (d) => setCursor((c) => Math.max(0, Math.min(TOPIC_NAMES.length - 1, c + d))),
    toggle: () => {
      const t = TOPIC_NAMES[cursor]!;
      // keep the list in TOPIC_NAMES order whatever the order of toggling
      setTopics((cur) => TOPIC_NAMES.filter((n) => (n === t ? !cur.includes(n) : cur.includes(n))));
    },
    async editFrom() {
      const text = await ask.text('start from (UTC time or earliest)', {
        initial: fromText,
        validate: (v) => {
          const p = parseFrom(v);
          return p.ok ? null : p.error;
        },
      });
      if (text !== null) setFromText(text.trim() || 'earliest');
    },
    async planAndStart(running, readTo) {
      if (running) return setStatus({ ok: false, message: 'a replay is already running; wait for it to finish' });
      if (topics.length === 0) return setStatus({ ok: false, message: 'pick at least one topic (space toggles)' });
      const parsed = parseFrom(fromText);
      if (!parsed.ok) return setStatus({ ok: false, message: parsed.error });
      // A replay throws the run's state away and rebuilds it: from a time the run has not reached
      // it would re-read nothing, and only cost the rebuild.
      if (parsed.from !== null && (readTo === null || parsed.from > readTo)) {
        return setStatus({ ok: false, message: `the run has not read as far as ${fromLabel(parsed.from)} yet (its clock: ${readTo === null ? 'none yet' : fromLabel(readTo)}): pick an earlier start` });
      }
      setStatus({ ok: null, message: 'planning replay…' });
      let p: ReplayPlan;
      try {
        p = await actions.planReplay(topics, parsed.from);
      } catch (err) {
        return setStatus({ ok: false, message: `planning failed: ${err instanceof Error ? err.message : String(err)}` });
      }
      setPlan(p);
      setStatus(null);
      const ok = await ask.confirm([`replay ${int(p.total)} records from ${fromLabel(p.from)} (${p.topics.length} topics)?`]);
      setPlan(null);
      if (!ok) return setStatus({ ok: null, message: 'replay not started' });
      await run('starting replay', () => actions.startReplay(p.topics, p.from));
    },
  };
}
