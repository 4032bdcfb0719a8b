/**
 * OpenFlowServer: where switches meet the controller.
 *
 * It listens for active switches (`tcp:HOST:PORT`, default tcp:0.0.0.0:6653) and dials passive
 * ones (`--connect tcp:HOST:PORT`, the switch side of `ptcp:`), redialling with backoff while
 * the server runs. Each connection gets an OfChannel and a Datapath; once the handshake is done
 * the Datapath is registered. A connection that fails its handshake is logged and closed.
 */
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { parseEndpoint, type TcpEndpoint } from '../../core/config/endpoint.js';
import type { Clock } from '../../core/kernel/clock.js';
import type { Logger } from '../../core/telemetry/logger.js';
import { Datapath } from '../datapaths/datapath.js';
import type { DatapathRegistry } from '../datapaths/datapath-registry.js';
import { DEFAULT_CHANNEL_TIMERS, OfChannel, type OfChannelTimers } from './of-channel.js';

export interface OpenFlowServerOptions {
  /**
   * `tcp:HOST:PORT` to listen on, or host and port (port 0 picks a free one, which the config
   * syntax does not allow: tests). Undefined: do not listen.
   */
  listen?: string | { host: string; port: number };
  /** Passive switches to dial, `tcp:HOST:PORT` each. */
  connect?: readonly string[];
  timers?: Partial<OfChannelTimers>;
  /** The whole handshake (HELLO to barrier) must finish within this. Default 15 s. */
  handshakeTimeoutMs?: number;
  /** First redial delay for `connect` targets; doubles up to 8 s. Default 1 s. */
  redialMs?: number;
}

export function parseTcpEndpoint(text: string, what: string): TcpEndpoint {
  const parsed = parseEndpoint(text);
  if (!parsed.ok) throw new Error(`${what}: ${parsed.reason}`);
  if (parsed.endpoint.kind !== 'tcp') throw new Error(`${what}: expected tcp:HOST:PORT, got ${JSON.stringify(text)}`);
  return parsed.endpoint;
}

export class OpenFlowServer {
  private server: Server | undefined;
  private readonly timers: OfChannelTimers;
  private readonly channels = new Set<OfChannel>();
  private readonly dialTimers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly registry: DatapathRegistry,
    private readonly log: Logger,
    private readonly clock: Clock,
    private readonly options: OpenFlowServerOptions,
  ) {
    this.timers = { ...DEFAULT_CHANNEL_TIMERS, ...options.timers };
  }

  /** The bound listen address (after start), for tests that listen on port 0. */
  get address(): { host: string; port: number } | undefined {
    const a = this.server?.address() as AddressInfo | null | undefined;
    return a ? { host: a.address, port: a.port } : undefined;
  }

  async start(): Promise<void> {
    const targets = (this.options.connect ?? []).map((t) => parseTcpEndpoint(t, 'connect'));
    if (this.options.listen !== undefined) {
      const listen = this.options.listen;
      const ep = typeof listen === 'string' ? parseTcpEndpoint(listen, 'listen') : listen;
      const server = createServer((socket) => this.accept(socket));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(ep.port, ep.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      server.on('error', (err) => this.log.error('OpenFlow listener error', { err }));
      this.server = server;
      this.log.info('OpenFlow listening', { address: `${this.address?.host}:${this.address?.port}` });
    }
    for (const t of targets) this.dial(t, this.options.redialMs ?? 1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.dialTimers) clearTimeout(t);
    this.dialTimers.clear();
    for (const ch of [...this.channels]) ch.close('controller stopping');
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    if (this.stopped) {
      socket.destroy();
      return;
    }
    void this.run(socket);
  }

  /** Runs one connection to its end; resolves when it closes. */
  private run(socket: Socket): Promise<string> {
    const channel = new OfChannel(socket, this.log.child({ component: 'ofchannel' }), this.timers);
    this.channels.add(channel);
    const closed = new Promise<string>((resolve) => channel.onClose((reason) => {
      this.channels.delete(channel);
      resolve(reason);
    }));
    const dp = new Datapath(channel);
    const limit = this.options.handshakeTimeoutMs ?? 15_000;
    const timer = setTimeout(() => channel.close(`handshake not finished within ${limit} ms`), limit);
    timer.unref();
    dp.handshake(this.clock.now()).then(
      () => {
        clearTimeout(timer);
        if (!channel.closed) this.registry.register(dp);
      },
      (err: unknown) => {
        clearTimeout(timer);
        this.log.warn('switch handshake failed', { address: channel.address, reason: err instanceof Error ? err.message : String(err) });
        channel.close('handshake failed');
      },
    );
    return closed;
  }

  private dial(target: TcpEndpoint, delayMs: number): void {
    if (this.stopped) return;
    const where = `${target.host}:${target.port}`;
    const socket = tcpConnect({ host: target.host, port: target.port });
    let connected = false;
    socket.once('connect', () => {
      connected = true;
      this.log.info('connected to passive switch', { target: where });
      void this.run(socket).then((reason) => {
        this.log.info('passive switch connection ended; redialling', { target: where, reason });
        this.redial(target, this.options.redialMs ?? 1000);
      });
    });
    socket.once('error', (err) => {
      if (connected) return; // the channel reports it
      this.log.debug('passive switch not reachable', { target: where, reason: err.message });
      socket.destroy();
      this.redial(target, Math.min(delayMs * 2, 8000));
    });
  }

  private redial(target: TcpEndpoint, delayMs: number): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.dialTimers.delete(t);
      this.dial(target, delayMs);
    }, delayMs);
    t.unref();
    this.dialTimers.add(t);
  }
}
