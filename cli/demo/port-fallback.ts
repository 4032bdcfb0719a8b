/**
 * "The well-known port if it is free, any free port otherwise" — what the demo wants for each
 * thing it listens on (OpenFlow 6653, gRPC 50051, metrics 9464), so a second demo, or a real
 * controller already running, never stops it from starting.
 *
 * Trying and falling back beats probing first: a probe can be raced, a failed bind cannot.
 */

/** True for "address in use" however the listener reports it (net errors, grpc-js bind errors). */
export function isAddressInUse(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') return true;
  const message = err instanceof Error ? err.message : '';
  return /EADDRINUSE|address already in use/i.test(message);
}

export async function onPreferredPort<T>(preferred: number, start: (port: number) => Promise<T>): Promise<{ value: T; preferred: boolean }> {
  if (preferred === 0) return { value: await start(0), preferred: true };
  try {
    return { value: await start(preferred), preferred: true };
  } catch (err) {
    if (!isAddressInUse(err)) throw err;
    return { value: await start(0), preferred: false };
  }
}
