/**
 * One OpenFlow 1.3 connection between the switch and a controller (or a management client such
 * as ovs-ofctl on the passive listener): framing, HELLO negotiation, keepalive and the answers a
 * channel gives on its own (ECHO_REPLY, OFPT_ERROR for input that does not decode). Everything
 * else goes up to the agent as decoded messages.
 *
 * Error policy: a message that fails to decode is answered with the OFPT_ERROR its decode
 * error carries and the connection stays up, because framing by ofp_header.length still knows
 * where the next message starts. A bad ofp_header.length cannot be resynchronised: the channel
 * answers and closes. A failed HELLO closes with OFPET_HELLO_FAILED (§6.3.1).
 */
import type { Socket } from 'node:net';
import { OFP_VERSION } from '../../core/openflow/constants.js';
import {
  OFPET, OFPHFC, OfpDecodeError, OfpFramer, OfpFramingError, decodeMessage, encodeMessage, errorReplyFor,
  ofpTypeName, versionBitmapElement, type OfpMessage,
} from '../../core/openflow/index.js';
import type { Logger } from '../../core/telemetry/index.js';
import type { AgentMetrics, ChannelKind } from './agent-metrics.js';
import { negotiateVersion } from './version-negotiation.js';

export interface OfpChannelOptions {
  kind: ChannelKind;
  /** "HOST:PORT" of the peer, for logs. */
  peer: string;
  /** Idle time after which an ECHO_REQUEST is sent; 0 turns keepalive off. */
  echoIntervalMs: number;
  /** How long an unanswered ECHO_REQUEST may stay unanswered before the connection is dropped. */
  echoTimeoutMs: number;
  logger: Logger;
  metrics: AgentMetrics;
  /**
   * Bytes waiting in the socket above which asynchronous messages (packet-in …) are dropped
   * rather than queued without bound behind a slow controller. Default 4 MiB.
   */
  asyncHighWaterBytes?: number;
}

export type ChannelState = 'hello' | 'ready' | 'closed';

export class OfpChannel {
  private readonly framer = new OfpFramer();
  private currentState: ChannelState = 'hello';
  private readyHandlers: (() => void)[] = [];
  private handshook = false;
  private messageHandler: ((msg: OfpMessage, raw: Buffer) => void) | undefined;
  private closeHandlers: ((reason: string) => void)[] = [];
  private closeReason = 'closed by peer';
  private lastRxAt = Date.now();
  private echoSentAt: number | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private forceCloseTimer: NodeJS.Timeout | undefined;
  private nextXid = 1;
  private readonly asyncHighWater: number;
  /** Encoded messages not yet handed to the socket, in send order; flushed as one write. */
  private outQueue: Buffer[] = [];
  private outBytes = 0;
  /** Inside onData: the chunk's end flushes, no tick needed. */
  private inChunk = false;
  private flushScheduled = false;
  private readonly flushOnTick = (): void => {
    this.flushScheduled = false;
    this.flush();
  };
  private readingPaused = false;
  readonly log: Logger;

  constructor(private readonly socket: Socket, private readonly options: OfpChannelOptions) {
    this.log = options.logger.child({ peer: options.peer, channel: options.kind });
    this.asyncHighWater = options.asyncHighWaterBytes ?? 4 * 1024 * 1024;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => {
      this.closeReason = err.message;
    });
    socket.on('close', () => this.onSocketClose());
    socket.on('drain', () => this.onDrain());
    this.send({ type: 'HELLO', xid: this.allocXid(), elements: [versionBitmapElement([OFP_VERSION])] });
    if (options.echoIntervalMs > 0) this.armProbe(options.echoIntervalMs);
  }

  get state(): ChannelState {
    return this.currentState;
  }

  get kind(): ChannelKind {
    return this.options.kind;
  }

  get peer(): string {
    return this.options.peer;
  }

  /** True once the HELLO exchange succeeded, even after the connection closed. */
  get everReady(): boolean {
    return this.handshook;
  }

  onReady(cb: () => void): void {
    this.readyHandlers.push(cb);
  }

  onMessage(cb: (msg: OfpMessage, raw: Buffer) => void): void {
    this.messageHandler = cb;
  }

  onClose(cb: (reason: string) => void): void {
    this.closeHandlers.push(cb);
  }

  allocXid(): number {
    const xid = this.nextXid;
    this.nextXid = (this.nextXid + 1) >>> 0 || 1;
    return xid;
  }

  /** Encodes and queues `msg`; a message that cannot be encoded is logged and counted, not sent. */
  send(msg: OfpMessage): boolean {
    if (this.currentState === 'closed' || this.socket.destroyed) return false;
    let buf: Buffer;
    try {
      buf = encodeMessage(msg);
    } catch (err) {
      this.options.metrics.error('internal');
      this.log.error('cannot encode outgoing message', { type: msg.type, xid: msg.xid, error: String(err) });
      return false;
    }
    this.enqueue(buf);
    this.options.metrics.sent(msg.type);
    return true;
  }

  /**
   * Queues an already encoded asynchronous message unless the socket is congested. Encoding
   * once and writing the same bytes to every interested controller keeps fan-out cheap.
   */
  sendAsync(encoded: Buffer, type: string): boolean {
    if (this.currentState !== 'ready' || this.socket.destroyed) return false;
    if (this.socket.writableLength + this.outBytes > this.asyncHighWater) {
      this.options.metrics.droppedAsync(type);
      return false;
    }
    this.enqueue(encoded);
    this.options.metrics.sent(type);
    return true;
  }

  /** Flushes what is queued, then closes; the socket is destroyed if the peer does not let go. */
  close(reason: string): void {
    if (this.currentState === 'closed') return;
    this.closeReason = reason;
    this.stopProbe();
    this.flush();
    this.socket.end();
    this.forceCloseTimer = setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  /** Closes at once without flushing (agent shutdown, dead peer). */
  destroy(reason: string): void {
    if (this.currentState === 'closed') return;
    this.closeReason = reason;
    this.dropQueue();
    this.socket.destroy();
  }

  private enqueue(buf: Buffer): void {
    this.outQueue.push(buf);
    this.outBytes += buf.length;
    if (!this.inChunk && !this.flushScheduled) {
      this.flushScheduled = true;
      process.nextTick(this.flushOnTick);
    }
  }

  /** Hands everything queued to the socket in one write; stops reading if the socket is over its high-water mark. */
  private flush(): void {
    if (this.outBytes === 0) return;
    const q = this.outQueue;
    const bytes = q.length === 1 ? q[0]! : Buffer.concat(q, this.outBytes);
    this.dropQueue();
    if (this.socket.destroyed || this.socket.writableEnded) return;
    if (!this.socket.write(bytes) && !this.readingPaused) {
      this.readingPaused = true;
      this.socket.pause();
    }
  }

  private dropQueue(): void {
    this.outQueue = [];
    this.outBytes = 0;
  }

  private onDrain(): void {
    if (!this.readingPaused) return;
    this.readingPaused = false;
    if (this.currentState !== 'closed') this.socket.resume();
  }

  private onSocketClose(): void {
    const wasReady = this.currentState === 'ready';
    if (this.currentState === 'closed') return;
    this.currentState = 'closed';
    this.stopProbe();
    this.dropQueue();
    if (this.forceCloseTimer) clearTimeout(this.forceCloseTimer);
    if (wasReady) this.options.metrics.disconnected(this.options.kind);
    this.log.info('openflow connection closed', { reason: this.closeReason });
    for (const cb of this.closeHandlers) cb(this.closeReason);
  }

  private onData(chunk: Buffer): void {
    if (this.currentState === 'closed') return;
    this.inChunk = true;
    try {
      this.onChunk(chunk);
    } finally {
      this.inChunk = false;
      this.options.metrics.flushReceived();
      this.flush();
    }
  }

  private onChunk(chunk: Buffer): void {
    this.lastRxAt = Date.now();
    let messages: Buffer[];
    try {
      messages = this.framer.push(chunk);
    } catch (err) {
      if (!(err instanceof OfpFramingError)) throw err;
      this.options.metrics.error('framing');
      this.log.warn('unframeable input, closing', { error: err.message });
      this.send(errorReplyFor(err, err.offending));
      this.close(`framing error: ${err.reason}`);
      return;
    }
    for (const raw of messages) {
      // A handler may close the channel part-way through a chunk; the rest is then moot.
      if (!this.accepting()) return;
      this.onRawMessage(raw);
    }
  }

  private accepting(): boolean {
    return this.currentState !== 'closed' && !this.socket.writableEnded;
  }

  private onRawMessage(raw: Buffer): void {
    const typeName = ofpTypeName(raw[1]!) ?? `type_${raw[1]}`;
    this.options.metrics.received(typeName);
    let msg: OfpMessage;
    try {
      msg = decodeMessage(raw);
    } catch (err) {
      if (!(err instanceof OfpDecodeError)) throw err;
      this.options.metrics.error('decode');
      this.log.debug('undecodable message answered with an error', { error: err.message });
      this.send(errorReplyFor(err, raw));
      if (this.currentState === 'hello') this.close(`bad message before HELLO: ${err.message}`);
      return;
    }
    if (this.currentState === 'hello') {
      this.onFirstMessage(msg, raw);
      return;
    }
    switch (msg.type) {
      case 'ECHO_REQUEST':
        this.send({ type: 'ECHO_REPLY', xid: msg.xid, data: msg.data });
        return;
      case 'ECHO_REPLY':
        return; // any input already counts as liveness
      case 'HELLO':
        this.log.debug('HELLO after negotiation ignored');
        return;
      default:
        this.messageHandler?.(msg, raw);
    }
  }

  private onFirstMessage(msg: OfpMessage, raw: Buffer): void {
    if (msg.type !== 'HELLO') {
      this.helloFailed(`expected OFPT_HELLO first, got OFPT_${msg.type}`, raw);
      return;
    }
    const verdict = negotiateVersion(msg);
    if (!verdict.ok) {
      this.helloFailed(verdict.reason, raw);
      return;
    }
    this.currentState = 'ready';
    this.handshook = true;
    this.options.metrics.connected(this.options.kind);
    this.log.info('openflow connection ready', { version: 'OpenFlow 1.3' });
    for (const cb of this.readyHandlers) cb();
  }

  private helloFailed(reason: string, raw: Buffer): void {
    this.options.metrics.error('hello');
    this.log.warn('version negotiation failed', { reason });
    // §6.3.1: the data of OFPHFC_INCOMPATIBLE is an ASCII explanation, not the request.
    this.send({
      type: 'ERROR', xid: raw.readUInt32BE(4), errorType: OFPET.HELLO_FAILED, code: OFPHFC.INCOMPATIBLE,
      data: Buffer.from(reason, 'ascii'),
    });
    this.close(`hello failed: ${reason}`);
  }

  private armProbe(delayMs: number): void {
    this.probeTimer = setTimeout(() => this.probe(), Math.max(1, delayMs)).unref();
  }

  private stopProbe(): void {
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
  }

  private probe(): void {
    if (this.currentState === 'closed') return;
    const { echoIntervalMs, echoTimeoutMs } = this.options;
    const now = Date.now();
    if (this.echoSentAt !== undefined) {
      if (this.lastRxAt >= this.echoSentAt) {
        this.echoSentAt = undefined;
      } else if (now - this.echoSentAt >= echoTimeoutMs) {
        this.options.metrics.error('echo_timeout');
        this.log.warn('no answer to ECHO_REQUEST, dropping connection', { timeoutMs: echoTimeoutMs });
        this.destroy(`echo timeout after ${echoTimeoutMs} ms`);
        return;
      } else {
        this.armProbe(echoTimeoutMs - (now - this.echoSentAt));
        return;
      }
    }
    const idle = now - this.lastRxAt;
    if (idle >= echoIntervalMs) {
      this.send({ type: 'ECHO_REQUEST', xid: this.allocXid(), data: Buffer.alloc(0) });
      this.echoSentAt = now;
      this.armProbe(echoTimeoutMs);
    } else {
      this.armProbe(echoIntervalMs - idle);
    }
  }
}
