// Plumbing between the App frame and the view in it: the clock, the modal key lock, the hint bar,
// the status line and per-view state that outlives a view switch. One context, read by the
// one-line hooks use-now, use-key-lock, use-hints, use-status and use-persistent-state.
import { createContext } from 'react';

export interface Hint {
  key: string;
  label: string;
}

export interface Status {
  /** true ✓, false ✗, null neutral (an action in flight, or a note such as "cancelled") */
  ok: boolean | null;
  message: string;
}

/**
 * The view's hints, handed to the hint bar within the same render: the view publishes them while
 * it renders, and the bar, drawn after the view, reads them. A frame costs the whole screen's
 * layout and text measuring, so a view switch draws one frame, not a second one for its hints.
 * Only when the view alone re-renders (its own state changed its hints) is the bar asked to
 * draw again (`redraw`).
 */
export class HintBoard {
  private hints: Hint[] = [];
  private owner: object | null = null;
  private view = '';
  private drawn = '';
  /** Set by the hint bar while it is mounted: draws it again. */
  redraw: () => void = () => {};

  /** Called while the view switch renders: a view other than the last one starts with no hints. */
  enter(view: string): void {
    if (view === this.view) return;
    this.view = view;
    this.owner = null;
    this.hints = [];
  }

  /** Called while the owning view renders. */
  publish(owner: object, hints: Hint[]): void {
    this.owner = owner;
    this.hints = hints;
  }

  /** The owning view unmounted: its hints go, unless another view has published since. */
  release(owner: object): void {
    if (this.owner !== owner) return;
    this.owner = null;
    this.hints = [];
    if (this.drawn !== '') this.redraw();
  }

  /** The hints to draw now (called while the bar renders). */
  take(): Hint[] {
    this.drawn = signature(this.hints);
    return this.hints;
  }

  /** Whether the bar shows other hints than these (the view re-rendered without it). */
  stale(hints: Hint[]): boolean {
    return this.drawn !== signature(hints);
  }
}

function signature(hints: Hint[]): string {
  return hints.map((h) => `${h.key}\u0000${h.label}`).join('\u0001');
}

export interface ConsoleUi {
  clock: () => number;
  /** +1 when a modal input opens, -1 when it closes; global keys fire only at 0. */
  lock(delta: 1 | -1): void;
  /** The keys the current view accepts, for the hint bar (use-hints). */
  hints: HintBoard;
  setStatus(status: Status | null): void;
  /** View state kept across view switches (sort, filter, selection, replay form). */
  store: Map<string, unknown>;
}

export const ConsoleUiContext = createContext<ConsoleUi>({
  clock: Date.now,
  lock: () => {},
  hints: new HintBoard(),
  setStatus: () => {},
  store: new Map(),
});
