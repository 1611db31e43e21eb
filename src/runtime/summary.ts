// The replay summary: what was read, rejected, applied and raised, and how fast; printed as
// text by the CLI and written as JSON by --report.
import type { RuleBook } from '../engine/rules.js';
import type { EngineStats } from '../engine/stats.js';
import type { CheckResult } from '../sinks/store.js';

export interface ReplaySummary {
  records: Record<string, number>;
  deadLetters: Record<string, number>;
  ops: Record<string, number>;
  anomalies: Record<string, number>;
  windowsEmitted: number;
  duplicates: number;
  lateRecords: number;
  badTransitions: number;
  /** Orders whose state left memory, and came back from the store. */
  evictions: number;
  reloads: number;
  /** Records processed by this run (a resumed run starts after its checkpoint). */
  processed: number;
  /** Of those, records read again only to rebuild the state before --from (counted nowhere else). */
  rebuilt: number;
  elapsedMs: number;
  recordsPerSecond: number;
  resumed: boolean;
  interrupted: boolean;
  /** How to go on: only when the run was interrupted. */
  resume?: string;
  outputs: Record<string, number>;
  /** Order processing rules in force, and those left out because they do not parse (SPEC §11). */
  rules: { inForce: number; ignored: { rule_id: string; reason: string }[] };
  checks: CheckResult[];
  ok: boolean;
}

export function summarize(x: {
  stats: EngineStats;
  processed: number;
  rebuilt?: number;
  elapsedMs: number;
  files: Record<string, number>;
  checks: CheckResult[];
  interrupted: boolean;
  resumed: boolean;
  rules: RuleBook;
  resume?: string;
}): ReplaySummary {
  const s = x.stats;
  return {
    records: { ...s.read },
    deadLetters: sorted(s.deadLetters),
    ops: sorted(s.ops),
    anomalies: sorted(s.anomalies),
    windowsEmitted: s.windowsEmitted,
    duplicates: s.duplicates,
    lateRecords: s.late,
    badTransitions: s.badTransitions,
    evictions: s.evictions,
    reloads: s.reloads,
    processed: x.processed,
    rebuilt: x.rebuilt ?? 0,
    elapsedMs: Math.round(x.elapsedMs),
    recordsPerSecond: x.elapsedMs > 0 ? Math.round((x.processed * 1000) / x.elapsedMs) : 0,
    resumed: x.resumed,
    interrupted: x.interrupted,
    ...(x.interrupted ? { resume: x.resume ?? 'run the same command again to resume' } : {}),
    outputs: x.files,
    rules: { inForce: x.rules.size, ignored: [...x.rules.ignored] },
    checks: x.checks,
    ok: x.checks.every((c) => c.ok),
  };
}

function sorted(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function total(r: Record<string, number>): number {
  let n = 0;
  for (const v of Object.values(r)) n += v;
  return n;
}

function list(r: Record<string, number>): string {
  const entries = Object.entries(r);
  return entries.length === 0 ? 'none' : entries.map(([k, v]) => `${k} ${v}`).join(', ');
}

export function formatSummary(s: ReplaySummary): string {
  const lines = [
    `records read      ${total(s.records)} (${list(s.records)})`,
    `dead letters      ${total(s.deadLetters)}${total(s.deadLetters) ? ` (${list(s.deadLetters)})` : ''}`,
    `duplicates        ${s.duplicates}, late ${s.lateRecords}, bad transitions ${s.badTransitions}`,
    `inventory ops     ${total(s.ops)}${total(s.ops) ? ` (${list(s.ops)})` : ''}`,
    `anomalies         ${total(s.anomalies)}${total(s.anomalies) ? ` (${list(s.anomalies)})` : ''}`,
    `windows emitted   ${s.windowsEmitted}`,
    `order state       ${s.evictions} left memory, ${s.reloads} came back`,
    `elapsed           ${(s.elapsedMs / 1000).toFixed(2)} s, ${s.processed} records this run${s.resumed ? ' (resumed from a checkpoint)' : ''}, ${s.recordsPerSecond} records/s`,
  ];
  if (s.rebuilt > 0) lines.push(`state rebuilt     from ${s.rebuilt} records before --from (read again, not counted above)`);
  if (s.rules.inForce + s.rules.ignored.length > 0) {
    const ignored = s.rules.ignored.map((r) => `; ignored ${r.rule_id}: ${r.reason}`).join('');
    lines.push(`rules             ${s.rules.inForce} in force${ignored}`);
  }
  if (s.interrupted) lines.push(`interrupted       checkpoint saved; ${s.resume}`);
  for (const c of s.checks) lines.push(checkLine(c));
  return lines.join('\n');
}

function checkLine(c: CheckResult): string {
  return `check ${c.ok ? 'ok  ' : 'FAIL'}        ${c.name}${c.detail ? `: ${c.detail}` : ''}`;
}

/** The summary, or with --quiet only the checks that failed (so a failing exit still says why). */
export function summaryText(s: ReplaySummary, quiet: boolean | undefined): string {
  if (!quiet) return formatSummary(s) + '\n';
  return s.checks.filter((c) => !c.ok).map((c) => checkLine(c) + '\n').join('');
}
