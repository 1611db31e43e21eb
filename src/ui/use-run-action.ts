// Runs an operator action and reports it on the status line: "… working" while in flight, then
// the runtime's own ActionResult message. A thrown error is shown too, never swallowed.
import { useCallback } from 'react';
import type { ActionResult } from './model.js';
import { useStatus } from './use-status.js';

export function useRunAction(): (what: string, action: () => Promise<ActionResult>) => Promise<ActionResult> {
  const setStatus = useStatus();
  return useCallback(
    async (what, action) => {
      setStatus({ ok: null, message: `${what}…` });
      let result: ActionResult;
      try {
        result = await action();
      } catch (err) {
        result = { ok: false, message: `${what} failed: ${err instanceof Error ? err.message : String(err)}` };
      }
      setStatus(result);
      return result;
    },
    [setStatus],
  );
}
