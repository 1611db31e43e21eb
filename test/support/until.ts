// Waiting in tests for something another process or a background loop brings about.

/**
 * Resolves once `check` holds, polling every 50 ms; rejects naming `what` after `ms`. The
 * deadline is generous on purpose: it bounds a hang, it does not measure speed (a loaded machine
 * may take a while: a group member that misses its session is evicted and rejoins, and so on).
 */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
