// The runtime handle reaches components through context, never through imports of the runtime
// (STYLE §7); the hooks beside this file are the only readers.
import { createContext } from 'react';
import type { ConsoleHandle } from './model.js';

export const HandleContext = createContext<ConsoleHandle | null>(null);
