/**
 * OfChannel: one OpenFlow connection to a switch, from the controller's side.
 *
 * What it owns: the socket, stream framing, version negotiation (OF1.3.5 §6.3.1), xid
 * assignment, the table of pending requests with their timeouts and multipart assembly, echo
 * keepalive (§6.3.2) and write coalescing. What it does not know: DPIDs, ports, events. The
 * Datapath above it does the handshake and turns messages into events.
 *
 * Calling rules: every method is synchronous except request(); messages the switch sends
 * unsolicited (PACKET_IN, PORT_STATUS, FLOW_REMOVED, …) go to `onMessage` in arrival order,
 * and OFPT_ERRORs to `onSwitchError` with the message that caused them when the xid matches
 * something we sent.
 *
 * Cost: outgoing messages are encoded into one writer and flushed once per tick, so a burst of
 * packet-outs answering one socket read becomes one write(2).
 *
 * Robustness: input that does not decode is answered with the OFPT_ERROR the decoder names
 * (errorReplyFor) and logged; the connection carries on. Only a framing error (a length that
 * cannot be trusted) closes it, after answering.
 */
import type { Socket } from 'node:net';
import { decodeMessage, encodeMessage, errorReplyFor } from '../../core/openflow/codec.js';
import { OFP_VERSION } from '../../core/openflow/constants.js';
import { OfpDecodeError } from '../../core/openflow/decode-error.js';
import { OfpFramer, OfpFramingError } from '../../core/openflow/framing.js';
import type { Hello, OfpMessage } from '../../core/openflow/messages/index.js';
import { OfpWriter } from '../../core/openflow/ofp-writer.js';
import { helloFailed, helloFor, negotiateVersion } from '../../core/openflow/version-negotiation.js';
import type { Logger } from '../../core/telemetry/logger.js';
import { DatapathRequestError, type Dpid, type SwitchError } from '../services/datapaths.js';
import { PendingRequests } from './pending-requests.js';

/** sluice's controller speaks OpenFlow 1.3 only. */
export const CONTROLLER_VERSIONS: readonly number[] = [OFP_VERSION];

export interface OfChannelTimers {
  /** Send ECHO_REQUEST after this long without hearing from the switch. Default 5 s. */
  echoIntervalMs: number;
  /** Close when an ECHO_REQUEST is unanswered this long. Default 15 s (three intervals, as OVS's probe). */
  echoTimeoutMs: number;
  /** Default timeout of request(). Default 10 s. */
  requestTimeoutMs: number;
  /** Close when the switch sends no HELLO within this. Default 10 s. */
  helloTimeoutMs: number;
}

export const DEFAULT_CHANNEL_TIMERS: OfChannelTimers = {
  echoIntervalMs: 5_000,
  echoTimeoutMs: 15_000,
  requestTimeoutMs: 10_000,
  helloTimeoutMs: 10_000,
};

export type ChannelState = 'hello' | 'open' | 'closed';

export class OfChannel {
  /** Set by the Datapath once FEATURES_REPLY named it; used in errors and logs. */
  dpid: Dpid = 0n;
  state: ChannelState = 'hello';
  readonly address: string;

  onMessage: (msg: OfpMessage) => void = () => {};
  onSwitchError: (error: SwitchError, request: OfpMessage | undefined) => void = () => {};

  private readonly framer = new OfpFramer();
  private readonly pending = new PendingRequests(() => this.dpid);
  private readonly out = new OfpWriter(16 * 1024);
  private flushQueued = false;
  private nextXid = 1;
  private lastHeard = 0;
  private echoTimer: NodeJS.Timeout | undefined;
  private helloTimer: NodeJS.Timeout | undefined;
  private readonly opened: Promise<void>;
  private resolveOpened!: () => void;
  private rejectOpened!: (err: Error) => void;
  private readonly closedCallbacks: Array<(reason: string) => void> = [];
  private closeReason: string | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly log: Logger,
    private readonly timers: OfChannelTimers = DEFAULT_CHANNEL_TIMERS,
  ) {
    this.address = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    this.opened = new Promise<void>((resolve, reject) => {
      this.resolveOpened = resolve;
      this.rejectOpened = reject;
    });
    this.opened.catch(() => {}); // observed through whenOpen(); never an unhandled rejection
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (err) => this.close(`socket error: ${err.message}`));
    socket.on('close', () => this.close('connection closed by peer'));
    this.lastHeard = performance.now();
    this.helloTimer = setTimeout(() => this.close('no HELLO from switch'), timers.helloTimeoutMs);
    this.helloTimer.unref();
    this.writeNow(helloFor(CONTROLLER_VERSIONS));
  }

  /** Resolves once HELLOs are exchanged and OF1.3 agreed; rejects if the channel closes first. */
  whenOpen(): Promise<void> {
    return this.opened;
  }

  get closed(): boolean {
    return this.state === 'closed';
  }

  onClose(cb: (reason: string) => void): void {
    if (this.closeReason !== undefined) cb(this.closeReason);
    else this.closedCallbacks.push(cb);
  }

  /** Queues `msg` for the next flush; assigns an xid when it has none. Returns the xid. */
  send(msg: OfpMessage): number {
    if (this.state === 'closed') return msg.xid;
    if (msg.xid === 0) msg.xid = this.allocateXid();
    encodeMessage(msg, this.out);
    if (!this.flushQueued) {
      this.flushQueued = true;
      process.nextTick(() => this.flush());
    }
    return msg.xid;
  }

  /** send() plus remembering the message so an OFPT_ERROR for it can be traced back. */
  sendTracked(msg: OfpMessage): number {
    const xid = this.send(msg);
    this.pending.remember(msg);
    return xid;
  }

  request(msg: OfpMessage, timeoutMs = this.timers.requestTimeoutMs): Promise<OfpMessage[]> {
    if (msg.xid === 0) msg.xid = this.allocateXid();
    if (this.state === 'closed') return Promise.reject(new DatapathRequestError(this.dpid, msg, 'disconnected'));
    const reply = this.pending.add(msg, timeoutMs);
    this.send(msg);
    return reply;
  }

  /** BARRIER_REQUEST; once answered, errors for everything sent before it have arrived. */
  async barrier(timeoutMs = this.timers.requestTimeoutMs): Promise<void> {
    const mark = this.pending.mark;
    await this.request({ type: 'BARRIER_REQUEST', xid: 0 }, timeoutMs);
    this.pending.forgetBefore(mark);
  }

  close(reason: string): void {
    if (this.state === 'closed') return;
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    this.closeReason = reason;
    clearTimeout(this.echoTimer);
    clearTimeout(this.helloTimer);
    this.flush();
    this.socket.end();
    // A peer that never reads would keep the socket half-open forever.
    setTimeout(() => this.socket.destroy(), 1000).unref();
    this.pending.rejectAll();
    if (!wasOpen) this.rejectOpened(new Error(`OpenFlow channel ${this.address} closed before HELLO: ${reason}`));
    for (const cb of this.closedCallbacks.splice(0)) cb(reason);
  }

  private allocateXid(): number {
    const xid = this.nextXid;
    this.nextXid = this.nextXid >= 0xffffffff ? 1 : this.nextXid + 1;
    return xid;
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.out.pos === 0) return;
    if (!this.socket.destroyed) this.socket.write(this.out.toBuffer());
    this.out.reset();
  }

  /** Writes at once, bypassing coalescing (HELLO, errors before a close). */
  private writeNow(msg: OfpMessage, version?: number): void {
    const bytes = Buffer.from(encodeMessage(msg));
    if (version !== undefined) bytes[0] = version;
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  private receive(chunk: Buffer): void {
    if (this.state === 'closed') return;
    this.lastHeard = performance.now();
    let frames: Buffer[];
    try {
      frames = this.framer.push(chunk);
    } catch (err) {
      if (err instanceof OfpFramingError) {
        this.log.warn('unframeable input from switch; closing', { address: this.address, dpid: this.dpid.toString(16), reason: err.message });
        this.writeNow(errorReplyFor(err, err.offending));
        this.close(`framing error: ${err.message}`);
        return;
      }
      throw err;
    }
    for (const raw of frames) {
      if (this.closed) return; // a message in this chunk closed us
      let msg: OfpMessage;
      try {
        msg = decodeMessage(raw);
      } catch (err) {
        if (!(err instanceof OfpDecodeError)) throw err;
        if (this.state === 'hello') {
          // Before negotiation a peer of another version can only be told so.
          this.log.warn('undecodable message before HELLO; closing', { address: this.address, reason: err.message });
          this.writeNow(errorReplyFor(err, raw));
          this.close(`bad message before HELLO: ${err.message}`);
          return;
        }
        this.log.warn('undecodable message from switch; answered with OFPT_ERROR', {
          address: this.address, dpid: this.dpid.toString(16), reason: err.message,
        });
        this.send(errorReplyFor(err, raw));
        continue;
      }
      this.dispatch(msg);
    }
  }

  private dispatch(msg: OfpMessage): void {
    if (this.state === 'hello') {
      if (msg.type !== 'HELLO') {
        // §6.3.1: the first message must be HELLO.
        this.close(`expected HELLO, got ${msg.type}`);
        return;
      }
      this.negotiate(msg);
      return;
    }
    switch (msg.type) {
      case 'ECHO_REQUEST':
        this.send({ type: 'ECHO_REPLY', xid: msg.xid, data: msg.data });
        return;
      case 'ERROR': {
        const request = this.pending.error(msg);
        this.onSwitchError(msg, request);
        return;
      }
      case 'HELLO':
        return; // a second HELLO is harmless; OVS never sends one
      default:
        if (this.pending.reply(msg)) return;
        this.onMessage(msg);
    }
  }

  private negotiate(hello: Hello): void {
    clearTimeout(this.helloTimer);
    const peerVersion = hello.version ?? OFP_VERSION;
    const version = negotiateVersion(CONTROLLER_VERSIONS, hello);
    if (version === undefined) {
      this.log.warn('switch does not speak OpenFlow 1.3; refused', { address: this.address, peerVersion });
      // Sent in the peer's version when it is older, so an OF1.0-only switch can read why.
      this.writeNow(helloFailed(CONTROLLER_VERSIONS, peerVersion, hello.xid), Math.min(peerVersion, OFP_VERSION));
      this.close(`version negotiation failed: peer offered ${peerVersion}`);
      return;
    }
    this.state = 'open';
    this.scheduleEcho();
    this.resolveOpened();
  }

  private scheduleEcho(): void {
    this.echoTimer = setTimeout(() => void this.echo(), this.timers.echoIntervalMs);
    this.echoTimer.unref();
  }

  private async echo(): Promise<void> {
    if (this.state !== 'open') return;
    const idle = performance.now() - this.lastHeard;
    if (idle < this.timers.echoIntervalMs) {
      // Traffic is proof of life; check again when the interval would run out.
      this.echoTimer = setTimeout(() => void this.echo(), this.timers.echoIntervalMs - idle);
      this.echoTimer.unref();
      return;
    }
    try {
      await this.request({ type: 'ECHO_REQUEST', xid: 0, data: Buffer.alloc(0) }, this.timers.echoTimeoutMs);
    } catch {
      if (this.state === 'open') {
        this.log.warn('switch did not answer ECHO_REQUEST; closing', { address: this.address, dpid: this.dpid.toString(16), timeoutMs: this.timers.echoTimeoutMs });
        this.close('echo timeout');
      }
      return;
    }
    if (this.state === 'open') this.scheduleEcho();
  }
}
