/**
 * Adapters between handler functions and grpc-js calls.
 *
 * `unary` lets a service write `async (request) => response` and throw the typed errors of
 * backend-errors.ts; the status mapping happens once, here. `ServerStreams` runs server-streaming
 * calls fed by backend subscriptions: it unsubscribes when the client goes away, bounds what a
 * slow client can make the server buffer, and can end every open stream on shutdown (grpc-js's
 * tryShutdown would otherwise wait forever for Watch/Subscribe calls that never finish).
 */
import { status, type handleUnaryCall, type ServerUnaryCall, type ServerWritableStream } from '@grpc/grpc-js';
import type { Unsubscribe } from './backend.js';
import { toStatusError } from './status-errors.js';

export function unary<Req, Res>(
  fn: (request: Req, call: ServerUnaryCall<Req, Res>) => Res | Promise<Res>,
): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    // Promise.resolve().then() so a synchronous throw takes the same path as a rejection.
    Promise.resolve()
      .then(() => fn(call.request, call))
      .then(
        (response) => callback(null, response),
        (err: unknown) => callback(toStatusError(err)),
      );
  };
}

/**
 * Live messages a stream may have queued for one client before it is cut off. Events are small;
 * this is minutes of normal traffic but bounds memory if a client stops reading during a storm.
 */
export const DEFAULT_STREAM_QUEUE_LIMIT = 50_000;

/** How a stream's producer hands messages over. */
export interface StreamSink<Res> {
  /** A live message; ends the stream with RESOURCE_EXHAUSTED if the client is too far behind. */
  (message: Res): void;
  /**
   * A message of an initial replay (e.g. a topology snapshot). Never counted against the limit:
   * its size is that of the state, which the server holds anyway, and a large fabric must not
   * make every Watch fail at the start.
   */
  replay(message: Res): void;
}

type AnyStream = ServerWritableStream<unknown, unknown>;

export class ServerStreams {
  private readonly open = new Map<AnyStream, () => void>();

  constructor(private readonly queueLimit = DEFAULT_STREAM_QUEUE_LIMIT) {}

  /** Number of server-streaming calls currently open. */
  get size(): number {
    return this.open.size;
  }

  /**
   * Runs one streaming call: `start` gets a `send` function and returns how to stop. `start` may
   * throw a typed error (e.g. an invalid filter) and the call ends with the mapped status.
   */
  run<Req, Res>(call: ServerWritableStream<Req, Res>, start: (send: StreamSink<Res>) => Unsubscribe): void {
    const stream = call as unknown as AnyStream;
    let unsubscribe: Unsubscribe | undefined;
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      this.open.delete(stream);
      unsubscribe?.();
    };
    const fail = (err: unknown): void => {
      if (finished) return;
      finish();
      call.emit('error', toStatusError(err));
    };
    const send = ((message: Res): void => {
      if (finished) return;
      if (call.writableLength >= this.queueLimit) {
        finish();
        call.emit('error', {
          code: status.RESOURCE_EXHAUSTED,
          details: `client is not reading: ${call.writableLength} messages queued`,
        });
        return;
      }
      call.write(message);
    }) as StreamSink<Res>;
    send.replay = (message: Res): void => {
      if (!finished) call.write(message);
    };
    call.on('cancelled', finish);
    call.on('close', finish);
    this.open.set(stream, () => {
      if (finished) return;
      finish();
      call.emit('error', { code: status.UNAVAILABLE, details: 'sluice northbound is shutting down' });
    });
    try {
      unsubscribe = start(send);
      // The client may have gone while start() was running.
      if (finished) unsubscribe();
    } catch (err) {
      fail(err);
    }
  }

  /** Ends every open stream with UNAVAILABLE so clients know to reconnect. */
  closeAll(): void {
    for (const close of [...this.open.values()]) close();
  }
}
