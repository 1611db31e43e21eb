// The replay start as typed: `earliest`, or a time. A time without a zone is read as UTC, the
// zone every ordertrack output and this console display use (SPEC §1).
import { parseTimeLoose, UTC } from '../engine/time/timestamp.js';
import { dateTime } from './format.js';

export type ParsedFrom = { ok: true; from: number | null } | { ok: false; error: string };

export function parseFrom(text: string): ParsedFrom {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === 'earliest') return { ok: true, from: null };
  const ms = /^\d+$/.test(t) ? Number(t) : parseTimeLoose(t, UTC);
  if (ms === undefined || !Number.isFinite(ms)) return { ok: false, error: "use 2026-11-20T08:00 (UTC), epoch ms or 'earliest'" };
  return { ok: true, from: ms };
}

export const fromLabel = (from: number | null): string => (from === null ? 'earliest' : dateTime(from));
