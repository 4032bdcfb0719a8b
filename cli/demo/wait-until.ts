/**
 * Polls a condition until it holds: how the demo waits for things that converge on their own
 * (switches connecting, LLDP finding links, hosts being learned) without knowing which event
 * will be the last one. Bounded, and the error says what was awaited and what was last seen.
 */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
}

export async function waitUntil(
  what: string,
  check: () => boolean,
  opts: { timeoutMs: number; intervalMs?: number; progress?: () => string; signal?: AbortSignal },
): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (opts.signal?.aborted) throw new WaitTimeoutError(`${what}: stopped`);
    if (Date.now() - started > opts.timeoutMs) {
      throw new WaitTimeoutError(`${what}: not reached within ${opts.timeoutMs} ms${opts.progress ? ` (${opts.progress()})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 50));
  }
  return Date.now() - started;
}
