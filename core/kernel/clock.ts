// Clock: the one source of time for services, so tests can drive timeouts and ageing
// without sleeping (Faucet passes `now` as an argument for the same reason).

export interface Clock {
  /** Wall-clock milliseconds since the Unix epoch, for timestamps shown to people. */
  now(): number;
  /** Monotonic milliseconds from an arbitrary origin, for durations and expiry. */
  monotonic(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};

/** A clock that moves only when told; both readings advance together. */
export class ManualClock implements Clock {
  constructor(
    private wall = 0,
    private mono = 0,
  ) {}
  now(): number {
    return this.wall;
  }
  monotonic(): number {
    return this.mono;
  }
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`clock cannot move backwards (${ms} ms)`);
    this.wall += ms;
    this.mono += ms;
  }
}
