import type { ConsoleSnapshot } from './model.js';

/** What every view is given: the data, the wall clock, and the exact cells it may fill. */
export interface ViewProps {
  snapshot: ConsoleSnapshot;
  now: number;
  width: number;
  height: number;
}

/** Views that take keys also learn whether they have the keyboard (not under help or a prompt). */
export interface ScreenProps extends ViewProps {
  active: boolean;
}
