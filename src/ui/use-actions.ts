import type { ConsoleActions } from './model.js';
import { useHandle } from './use-handle.js';

/** The operator's actions, or null in read-only mode (every action key is then hidden). */
export const useActions = (): ConsoleActions | null => useHandle().actions;
