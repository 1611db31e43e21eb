// The key map, in one place: the help overlay lists it and the views draw their hints from it.
// `action` keys call ConsoleActions and vanish (hint and effect) in read-only mode.

export type ViewId = 'overview' | 'anomalies' | 'stock' | 'sla' | 'engine' | 'replay';

export const VIEWS: { id: ViewId; key: string; name: string }[] = [
  { id: 'overview', key: '1', name: 'Overview' },
  { id: 'anomalies', key: '2', name: 'Anomalies' },
  { id: 'stock', key: '3', name: 'Stock' },
  { id: 'sla', key: '4', name: 'SLA' },
  { id: 'engine', key: '5', name: 'Engine' },
  { id: 'replay', key: '6', name: 'Replay' },
];

export interface KeyHelp {
  key: string;
  label: string;
  action?: boolean;
}

export const GLOBAL_KEYS: KeyHelp[] = [
  { key: '1-6', label: 'views' },
  { key: '?', label: 'help' },
  { key: 'q', label: 'quit' },
];

export const VIEW_KEYS: Record<ViewId, KeyHelp[]> = {
  overview: [],
  anomalies: [
    { key: '↑↓', label: 'select' },
    { key: '↵', label: 'timeline' },
    { key: 'a', label: 'ack', action: true },
    { key: 'r', label: 'resolve', action: true },
    { key: '/', label: 'filter' },
    { key: 's', label: 'sort' },
    { key: 'S', label: 'reverse' },
  ],
  stock: [
    { key: '↑↓', label: 'select' },
    { key: 'd', label: 'adjust', action: true },
    { key: '/', label: 'filter' },
  ],
  sla: [{ key: '/', label: 'filter' }],
  engine: [],
  replay: [
    { key: '↑↓', label: 'topic', action: true },
    { key: 'space', label: 'toggle', action: true },
    { key: 't', label: 'start time', action: true },
    { key: '↵', label: 'plan', action: true },
  ],
};

/** A view's keys as hints, without the action keys when read-only. */
export function viewHints(view: ViewId, readOnly: boolean): KeyHelp[] {
  return VIEW_KEYS[view].filter((k) => !(readOnly && k.action));
}

/** Keys that exist in more detail than the hint bar has room for, for the help overlay only. */
export const MORE_HELP: Partial<Record<ViewId, KeyHelp[]>> = {
  anomalies: [
    { key: 'j/k', label: 'select (also PgUp/PgDn, g/G)' },
    { key: 'esc', label: 'close timeline / clear filter' },
  ],
  stock: [
    { key: 'j/k', label: 'select' },
    { key: 'esc', label: 'clear filter' },
  ],
  sla: [{ key: 'esc', label: 'clear filter' }],
};
