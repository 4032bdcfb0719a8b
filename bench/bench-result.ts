/** One measured number from a benchmark. `value` is in `unit` (e.g. "msgs/s"); higher is better unless the unit says time. */
export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  /** Mean cost of one operation, when the benchmark is a per-operation loop. */
  nsPerOp?: number;
  /** Anything a reader needs to interpret the number: sizes, peer figures, ratios. */
  extra?: Record<string, unknown>;
}

/** A module under bench/ named `<name>.bench.ts` exports `run()`. */
export interface BenchModule {
  run(): Promise<BenchResult[]>;
}

/**
 * Times `op` for `iterations` calls after a warm-up, stopping early at `maxMs` so every loop is bounded.
 * Returns ops/s and ns/op from the calls actually made.
 */
export function timeLoop(op: () => void, iterations: number, maxMs = 5_000): { opsPerSec: number; nsPerOp: number; count: number } {
  const warm = Math.min(1_000, Math.ceil(iterations / 10));
  for (let i = 0; i < warm; i++) op();
  const deadline = process.hrtime.bigint() + BigInt(maxMs) * 1_000_000n;
  const start = process.hrtime.bigint();
  let count = 0;
  // Check the clock every 256 calls: reading it per call would dominate cheap operations.
  while (count < iterations) {
    op();
    count++;
    if ((count & 255) === 0 && process.hrtime.bigint() > deadline) break;
  }
  const ns = Number(process.hrtime.bigint() - start);
  return { opsPerSec: (count * 1e9) / ns, nsPerOp: ns / count, count };
}
