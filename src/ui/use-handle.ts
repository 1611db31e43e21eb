import { useContext } from 'react';
import { HandleContext } from './handle-context.js';
import type { ConsoleHandle } from './model.js';

export function useHandle(): ConsoleHandle {
  const handle = useContext(HandleContext);
  if (!handle) throw new Error('useHandle() needs <HandleContext.Provider> (render inside <App>)');
  return handle;
}
