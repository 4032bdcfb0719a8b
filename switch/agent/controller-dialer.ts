/**
 * Keeps one active connection to a controller target (`tcp:HOST:PORT`) alive: dial, hand the
 * socket to the agent as an OfpChannel, and after any loss (refused, reset, echo timeout,
 * hello failure) dial again after an exponentially growing delay. The delay resets once a
 * connection gets through the HELLO exchange.
 */
import { connect, type Socket } from 'node:net';
import type { TcpEndpoint } from '../../core/config/index.js';
import type { Logger } from '../../core/telemetry/index.js';
import { ReconnectBackoff, type BackoffOptions } from './reconnect-backoff.js';

export interface ControllerDialerOptions {
  target: TcpEndpoint;
  backoff: BackoffOptions;
  /** Limit for the TCP connect itself. Default 5 s. */
  connectTimeoutMs?: number;
  logger: Logger;
  /**
   * Called with each connected socket; returns a hook through which the dialer learns when that
   * connection has ended and whether it got through the HELLO exchange (which resets backoff).
   */
  onConnected(socket: Socket, peer: string): { onEnd(cb: (handshook: boolean) => void): void };
}

export class ControllerDialer {
  private readonly backoff: ReconnectBackoff;
  private retryTimer: NodeJS.Timeout | undefined;
  private socket: Socket | undefined;
  private stopped = false;
  private attempts = 0;
  readonly label: string;
  private readonly log: Logger;

  constructor(private readonly options: ControllerDialerOptions) {
    this.backoff = new ReconnectBackoff(options.backoff);
    const { host, port } = options.target;
    this.label = `tcp:${host.includes(':') ? `[${host}]` : host}:${port}`;
    this.log = options.logger.child({ controller: this.label });
  }

  /** Connection attempts made so far (for tests and logs). */
  get attemptCount(): number {
    return this.attempts;
  }

  start(): void {
    this.dial();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.socket?.destroy();
  }

  private dial(): void {
    if (this.stopped) return;
    this.attempts++;
    const { host, port } = this.options.target;
    const socket = connect({ host, port });
    this.socket = socket;
    let settled = false;
    const connectTimer = setTimeout(() => socket.destroy(new Error('connect timeout')), this.options.connectTimeoutMs ?? 5000).unref();
    const failed = (err: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      socket.destroy();
      this.log.debug('controller connect failed', { error: err.message });
      this.scheduleRetry();
    };
    socket.once('error', failed);
    socket.once('close', () => failed(new Error('closed before connecting')));
    socket.once('connect', () => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      socket.removeAllListeners('error');
      socket.removeAllListeners('close');
      socket.on('error', () => {}); // the channel records the reason; keep node from throwing
      this.log.info('connected to controller');
      const session = this.options.onConnected(socket, `${host}:${port}`);
      session.onEnd((handshook) => {
        if (handshook) this.backoff.reset();
        this.scheduleRetry();
      });
    });
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const delay = this.backoff.nextDelay();
    this.log.debug('reconnecting later', { delayMs: delay });
    this.retryTimer = setTimeout(() => this.dial(), delay);
    this.retryTimer.unref();
  }
}
