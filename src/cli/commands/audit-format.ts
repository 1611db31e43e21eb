// The audit trail for an incident report: Markdown (a table, times in UTC) or JSON lines' array.
import type { AuditEntry } from '../../sinks/sqlite/control.js';

export function formatAudit(rows: AuditEntry[], format: 'md' | 'json', since: number): string {
  const iso = (t: number) => new Date(t).toISOString();
  if (format === 'json') {
    return JSON.stringify(rows.map((r) => ({ at: iso(r.at), operator: r.operator, action: r.action, target: r.target, detail: r.detail, reason: r.reason }))) + '\n';
  }
  const cell = (s: string | null) => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `# ordertrack audit trail${since > 0 ? ` since ${iso(since)}` : ''}`,
    '',
    `${rows.length} action(s).`,
    '',
    '| When (UTC) | Operator | Action | Target | Detail | Reason |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${iso(r.at)} | ${cell(r.operator)} | ${r.action} | ${cell(r.target)} | ${cell(r.detail)} | ${cell(r.reason)} |`),
  ];
  return lines.join('\n') + '\n';
}
