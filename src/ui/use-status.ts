import { useContext } from 'react';
import { ConsoleUiContext, type Status } from './console-context.js';

export const useStatus = (): ((status: Status | null) => void) => useContext(ConsoleUiContext).setStatus;
