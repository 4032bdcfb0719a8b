// EventBus: typed publish/subscribe inside one process.
//
// `M` maps event names to payload types (the application uses SluiceEvents). Delivery is
// synchronous and in registration order; a listener may return a promise, which the bus
// does not await but watches: a rejection is logged like a throw. A listener that throws
// or rejects never breaks emit() or the listeners after it — one faulty plugin must not
// silence another's view of the network.
//
// Streams (gRPC server-streaming, tests) use subscribe(): an async iterator over a bounded
// buffer. A slow consumer loses the oldest events and learns how many via `dropped`,
// rather than growing memory without limit.
//
// Cost: emit() walks an array that on()/off() replace (copy-on-write), so emitting does not
// allocate when no listener is async.

import type { Logger } from '../telemetry/logger.js';
import type { Disposable } from './disposable.js';

export type EventListener<T> = (payload: T) => void | Promise<void>;
export type EventName<M> = keyof M & string;

/** One delivered event; a union over K, so `switch (ev.type)` narrows the payload. */
export type BusEvent<M, K extends EventName<M> = EventName<M>> = K extends unknown ? { type: K; payload: M[K] } : never;

export interface SubscriptionOptions {
  /** Events held for a consumer that has not caught up; oldest are dropped beyond it. Default 1024. */
  bufferSize?: number;
}

export interface EventSubscription<M, K extends EventName<M>> extends AsyncIterableIterator<BusEvent<M, K>>, Disposable {
  /** Events discarded because the buffer was full. */
  readonly dropped: number;
}

export interface WaitOptions<T> {
  predicate?: (payload: T) => boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export class EventBusTimeoutError extends Error {
  override readonly name = 'EventBusTimeoutError';
}

export class EventBus<M extends object> {
  private readonly listeners = new Map<string, ReadonlyArray<EventListener<never>>>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  on<K extends EventName<M>>(type: K, listener: EventListener<M[K]>): Disposable {
    const current = this.listeners.get(type) ?? [];
    this.listeners.set(type, [...current, listener as EventListener<never>]);
    return { dispose: () => this.off(type, listener) };
  }

  /** Removes one registration of `listener` (the earliest, if it was added twice). */
  off<K extends EventName<M>>(type: K, listener: EventListener<M[K]>): void {
    const current = this.listeners.get(type);
    if (current === undefined) return;
    const idx = current.indexOf(listener as EventListener<never>);
    if (idx < 0) return;
    const next = current.filter((_, i) => i !== idx);
    if (next.length === 0) this.listeners.delete(type);
    else this.listeners.set(type, next);
  }

  once<K extends EventName<M>>(type: K, listener: EventListener<M[K]>): Disposable {
    const wrapper: EventListener<M[K]> = (payload) => {
      this.off(type, wrapper);
      return listener(payload);
    };
    return this.on(type, wrapper);
  }

  listenerCount(type: EventName<M>): number {
    return this.listeners.get(type)?.length ?? 0;
  }

  emit<K extends EventName<M>>(type: K, payload: M[K]): void {
    const list = this.listeners.get(type) as ReadonlyArray<EventListener<M[K]>> | undefined;
    if (list === undefined) return;
    for (const listener of list) {
      let result: void | Promise<void>;
      try {
        result = listener(payload);
      } catch (err) {
        this.log.error('event listener threw', { event: type, listener: listener.name || '(anonymous)', err });
        continue;
      }
      if (result !== undefined && typeof (result as Promise<void>).then === 'function') this.watch(type, listener, result);
    }
  }

  /** Resolves once every async listener started so far has settled (tests, orderly shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  subscribe<K extends EventName<M>>(types: readonly K[], options: SubscriptionOptions = {}): EventSubscription<M, K> {
    return new BufferedSubscription<M, K>(this, types, options.bufferSize ?? 1024);
  }

  /** The next `type` event (matching `predicate`), or a rejection on timeout/abort. */
  waitFor<K extends EventName<M>>(type: K, options: WaitOptions<M[K]> = {}): Promise<M[K]> {
    return new Promise<M[K]>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const cleanup = () => {
        registration.dispose();
        if (timer !== undefined) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        cleanup();
        reject(options.signal?.reason ?? new Error('aborted'));
      };
      const registration = this.on(type, (payload) => {
        if (options.predicate !== undefined && !options.predicate(payload)) return;
        cleanup();
        resolve(payload);
      });
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(() => {
          cleanup();
          reject(new EventBusTimeoutError(`no ${type} event within ${options.timeoutMs} ms`));
        }, options.timeoutMs);
      }
      if (options.signal !== undefined) {
        if (options.signal.aborted) onAbort();
        else options.signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  }

  private watch(type: string, listener: EventListener<never>, result: Promise<void>): void {
    const tracked = Promise.resolve(result).then(
      () => undefined,
      (err: unknown) => {
        this.log.error('async event listener failed', { event: type, listener: listener.name || '(anonymous)', err });
      },
    );
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }
}

class BufferedSubscription<M extends object, K extends EventName<M>> implements EventSubscription<M, K> {
  private readonly buffer: Array<BusEvent<M, K>> = [];
  private readonly registrations: Disposable[];
  private waiter: ((r: IteratorResult<BusEvent<M, K>>) => void) | undefined;
  private closed = false;
  dropped = 0;

  constructor(
    bus: EventBus<M>,
    types: readonly K[],
    private readonly capacity: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`bufferSize must be a positive integer, got ${capacity}`);
    this.registrations = types.map((type) => bus.on(type, (payload) => this.push({ type, payload } as BusEvent<M, K>)));
  }

  private push(event: BusEvent<M, K>): void {
    if (this.closed) return;
    if (this.waiter !== undefined) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value: event, done: false });
      return;
    }
    if (this.buffer.length >= this.capacity) {
      this.buffer.shift();
      this.dropped++;
    }
    this.buffer.push(event);
  }

  next(): Promise<IteratorResult<BusEvent<M, K>>> {
    const event = this.buffer.shift();
    if (event !== undefined) return Promise.resolve({ value: event, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  return(): Promise<IteratorResult<BusEvent<M, K>>> {
    this.dispose();
    return Promise.resolve({ value: undefined, done: true });
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const r of this.registrations) r.dispose();
    this.buffer.length = 0;
    const w = this.waiter;
    this.waiter = undefined;
    w?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
