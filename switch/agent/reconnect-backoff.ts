/**
 * Exponential backoff between connection attempts, doubling from `initialMs` up to `maxMs`
 * (Open vSwitch's rconn uses 1 s doubling to 8 s by default). A small jitter keeps several
 * switches that lost the same controller from redialling in lockstep.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Fraction of the delay added at random, 0 for none. Default 0.1. */
  jitter?: number;
  random?: () => number;
}

export class ReconnectBackoff {
  private next: number;
  private readonly jitter: number;
  private readonly random: () => number;

  constructor(private readonly options: BackoffOptions) {
    if (!(options.initialMs > 0) || !(options.maxMs >= options.initialMs)) {
      throw new RangeError(`backoff needs 0 < initialMs <= maxMs, got ${options.initialMs}..${options.maxMs}`);
    }
    this.next = options.initialMs;
    this.jitter = options.jitter ?? 0.1;
    this.random = options.random ?? Math.random;
  }

  /** The delay before the next attempt; each call doubles the following one, up to the cap. */
  nextDelay(): number {
    const base = this.next;
    this.next = Math.min(this.next * 2, this.options.maxMs);
    return Math.round(base * (1 + this.jitter * this.random()));
  }

  /** After a connection that got through the handshake, start again from the shortest delay. */
  reset(): void {
    this.next = this.options.initialMs;
  }
}
