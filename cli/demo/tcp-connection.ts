/**
 * One TCP connection of an emulated host: enough of RFC 9293 to put a real-looking flow on the
 * wire (three-way handshake, data with acknowledgements, orderly FIN close) and to survive the
 * losses a reactive SDN network causes while it is still learning (the first frames of a flow
 * may be flooded, or dropped while a path is installed).
 *
 * Deliberately small: one segment in flight at a time (stop-and-wait) with a fixed
 * retransmission timeout, no congestion control, no reordering buffer (an out-of-order segment
 * is answered with a duplicate ACK and dropped; the sender retransmits it). The segments
 * themselves are exact: sequence and acknowledgement numbers, flags, MSS option, and checksums
 * (the host builds frames with core/packet, which computes them).
 */
import { TCP_FLAG, type TcpOption, type TcpSegment } from '../../core/packet/tcp.js';

export type TcpState =
  | 'SYN_SENT' | 'SYN_RECEIVED' | 'ESTABLISHED' | 'FIN_WAIT_1' | 'FIN_WAIT_2' | 'CLOSING'
  | 'TIME_WAIT' | 'LAST_ACK' | 'CLOSED';

/** What the connection asks its host to put on the wire; the host adds addresses and ports. */
export interface TcpSegmentOut {
  flags: number;
  seq: number;
  ack: number;
  window: number;
  options: TcpOption[];
  payload: Uint8Array;
}

export interface TcpConnectionOptions {
  send: (segment: TcpSegmentOut) => void;
  /** Retransmission timeout. Default 200 ms. */
  rtoMs?: number;
  /** Transmissions of one segment before the connection is aborted. Default 8. */
  maxTransmissions?: number;
  /** Our maximum segment size (advertised in the SYN). Default 1460. */
  mss?: number;
  /** Initial send sequence number; random by default. */
  iss?: number;
}

export class TcpAbortError extends Error {
  override readonly name = 'TcpAbortError';
}

const WINDOW = 64240;

/** Sequence-space arithmetic is modulo 2^32 (RFC 9293 §3.4). */
function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}
/** a >= b in sequence space. */
function seqGe(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}

interface InFlight {
  segment: TcpSegmentOut;
  /** Sequence number the peer's ACK must reach to acknowledge this segment. */
  end: number;
  transmissions: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  done: { resolve: () => void; reject: (err: Error) => void };
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (err: Error) => void } {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  // A caller that never awaits (a server connection nobody watches) must not leave an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export class TcpConnection {
  private stateNow: TcpState;
  private sndNxt: number;
  private rcvNxt = 0;
  private peerMss = 536;
  private inFlight: InFlight | undefined;
  /** Segments waiting for the one in flight to be acknowledged. */
  private readonly queue: { flags: number; payload: Uint8Array; done: InFlight['done'] }[] = [];
  private readonly establishedSignal = deferred();
  private readonly closedSignal = deferred();
  private readonly received: Uint8Array[] = [];
  private readonly rtoMs: number;
  private readonly maxTransmissions: number;
  private readonly mss: number;
  readonly iss: number;
  bytesReceived = 0;
  bytesSent = 0;
  bytesAcked = 0;
  segmentsSent = 0;
  segmentsReceived = 0;
  retransmissions = 0;

  private constructor(private readonly opts: TcpConnectionOptions, state: TcpState) {
    this.stateNow = state;
    this.rtoMs = opts.rtoMs ?? 200;
    this.maxTransmissions = opts.maxTransmissions ?? 8;
    this.mss = opts.mss ?? 1460;
    this.iss = (opts.iss ?? Math.floor(Math.random() * 0x1_0000_0000)) >>> 0;
    this.sndNxt = this.iss;
  }

  /** Active open: sends the SYN. */
  static connect(opts: TcpConnectionOptions): TcpConnection {
    const c = new TcpConnection(opts, 'SYN_SENT');
    c.enqueue(TCP_FLAG.SYN, new Uint8Array(0)).catch(() => undefined);
    return c;
  }

  /** Passive open: `syn` arrived on a listening port; answers with SYN-ACK. */
  static accept(opts: TcpConnectionOptions, syn: TcpSegment): TcpConnection {
    const c = new TcpConnection(opts, 'SYN_RECEIVED');
    c.rcvNxt = seqAdd(syn.seq, 1);
    c.notePeerMss(syn.options);
    c.enqueue(TCP_FLAG.SYN | TCP_FLAG.ACK, new Uint8Array(0)).catch(() => undefined);
    return c;
  }

  get state(): TcpState {
    return this.stateNow;
  }

  /** Resolves when the handshake completes; rejects if the connection is refused or aborted. */
  get established(): Promise<void> {
    return this.establishedSignal.promise;
  }

  /** Resolves when both FINs are acknowledged (TIME_WAIT or CLOSED); rejects on abort. */
  get closed(): Promise<void> {
    return this.closedSignal.promise;
  }

  /** Everything received in order, concatenated. */
  receivedData(): Buffer {
    return Buffer.concat(this.received);
  }

  /** Sends `data` in MSS-sized segments; resolves when the peer has acknowledged all of it. */
  async write(data: Uint8Array): Promise<void> {
    if (this.stateNow !== 'ESTABLISHED') throw new TcpAbortError(`cannot write in ${this.stateNow}`);
    const sends: Promise<void>[] = [];
    const size = Math.min(this.mss, this.peerMss);
    for (let at = 0; at < data.length; at += size) {
      sends.push(this.enqueue(TCP_FLAG.PSH | TCP_FLAG.ACK, data.subarray(at, Math.min(at + size, data.length))));
    }
    await Promise.all(sends);
  }

  /** Active close: sends FIN; resolves when the close handshake is complete. */
  async close(): Promise<void> {
    if (this.stateNow === 'ESTABLISHED') {
      this.stateNow = 'FIN_WAIT_1';
      this.enqueue(TCP_FLAG.FIN | TCP_FLAG.ACK, new Uint8Array(0)).catch(() => undefined);
    }
    return this.closed;
  }

  /** Stops timers and fails whatever is waiting (host shutdown). */
  abort(reason: string): void {
    this.fail(new TcpAbortError(reason));
  }

  receive(seg: TcpSegment): void {
    this.segmentsReceived++;
    if (this.stateNow === 'CLOSED') return;
    if (seg.flags & TCP_FLAG.RST) {
      this.fail(new TcpAbortError(this.stateNow === 'SYN_SENT' ? 'connection refused' : 'connection reset by peer'));
      return;
    }
    if (this.stateNow === 'SYN_SENT') {
      const synAck = TCP_FLAG.SYN | TCP_FLAG.ACK;
      if ((seg.flags & synAck) === synAck && seg.ack === seqAdd(this.iss, 1)) {
        this.rcvNxt = seqAdd(seg.seq, 1);
        this.notePeerMss(seg.options);
        this.acknowledge(seg.ack);
        this.stateNow = 'ESTABLISHED';
        this.sendAck();
        this.establishedSignal.resolve();
      }
      return;
    }
    if (seg.flags & TCP_FLAG.SYN) {
      // A retransmitted SYN or SYN-ACK: our answer was lost. Repeat it.
      if (this.stateNow === 'SYN_RECEIVED' && this.inFlight) this.transmit(this.inFlight);
      else this.sendAck();
      return;
    }
    if (seg.flags & TCP_FLAG.ACK) this.acknowledge(seg.ack);

    let needAck = false;
    if (seg.payload.length > 0) {
      needAck = true;
      if (seg.seq === this.rcvNxt && this.acceptsData()) {
        this.received.push(Buffer.from(seg.payload));
        this.bytesReceived += seg.payload.length;
        this.rcvNxt = seqAdd(this.rcvNxt, seg.payload.length);
      }
    }
    if (seg.flags & TCP_FLAG.FIN) {
      needAck = true;
      const finSeq = seqAdd(seg.seq, seg.payload.length);
      if (finSeq === this.rcvNxt) this.peerFin();
    }
    // Every data segment and FIN is acknowledged, duplicates too: that is how a peer whose ACK
    // was lost learns it may stop retransmitting. The passive close answers with FIN-ACK instead.
    if (needAck && this.stateNow !== 'LAST_ACK') this.sendAck();
  }

  private acceptsData(): boolean {
    return this.stateNow === 'ESTABLISHED' || this.stateNow === 'FIN_WAIT_1' || this.stateNow === 'FIN_WAIT_2';
  }

  private peerFin(): void {
    this.rcvNxt = seqAdd(this.rcvNxt, 1);
    switch (this.stateNow) {
      case 'ESTABLISHED':
        // Passive close: our application has nothing more to send, so ACK and FIN go together.
        this.stateNow = 'LAST_ACK';
        this.enqueue(TCP_FLAG.FIN | TCP_FLAG.ACK, new Uint8Array(0)).catch(() => undefined);
        break;
      case 'FIN_WAIT_1':
        this.stateNow = 'CLOSING';
        break;
      case 'FIN_WAIT_2':
        this.stateNow = 'TIME_WAIT';
        this.closedSignal.resolve();
        break;
    }
  }

  private acknowledge(ack: number): void {
    const f = this.inFlight;
    if (!f || !seqGe(ack, f.end)) return;
    if (f.timer) clearTimeout(f.timer);
    this.inFlight = undefined;
    this.bytesAcked += f.segment.payload.length;
    const flags = f.segment.flags;
    if (flags & TCP_FLAG.SYN && this.stateNow === 'SYN_RECEIVED') {
      this.stateNow = 'ESTABLISHED';
      this.establishedSignal.resolve();
    }
    if (flags & TCP_FLAG.FIN) {
      if (this.stateNow === 'FIN_WAIT_1') this.stateNow = 'FIN_WAIT_2';
      else if (this.stateNow === 'CLOSING') {
        this.stateNow = 'TIME_WAIT';
        this.closedSignal.resolve();
      } else if (this.stateNow === 'LAST_ACK') {
        this.stateNow = 'CLOSED';
        this.closedSignal.resolve();
      }
    }
    f.done.resolve();
    this.startNext();
  }

  private enqueue(flags: number, payload: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ flags, payload: Buffer.from(payload), done: { resolve, reject } });
      if (!this.inFlight) this.startNext();
    });
  }

  private startNext(): void {
    const next = this.queue.shift();
    if (!next) return;
    const syn = (next.flags & TCP_FLAG.SYN) !== 0;
    const seq = this.sndNxt;
    // SYN and FIN each take one sequence number, data its length.
    const length = next.payload.length + (syn ? 1 : 0) + (next.flags & TCP_FLAG.FIN ? 1 : 0);
    this.sndNxt = seqAdd(this.sndNxt, length);
    this.bytesSent += next.payload.length;
    const segment: TcpSegmentOut = {
      flags: next.flags,
      seq,
      ack: next.flags & TCP_FLAG.ACK ? this.rcvNxt : 0,
      window: WINDOW,
      options: syn ? [{ kind: 'mss', mss: this.mss }] : [],
      payload: next.payload,
    };
    const f: InFlight = { segment, end: this.sndNxt, transmissions: 0, timer: undefined, done: next.done };
    this.inFlight = f;
    this.transmit(f);
  }

  private transmit(f: InFlight): void {
    if (f.timer) clearTimeout(f.timer);
    if (f.transmissions >= this.maxTransmissions) {
      this.fail(new TcpAbortError(`no acknowledgement after ${f.transmissions} transmissions`));
      return;
    }
    if (f.transmissions > 0) this.retransmissions++;
    f.transmissions++;
    // The ACK field of a retransmission carries what we know now, not what we knew then.
    if (f.segment.flags & TCP_FLAG.ACK) f.segment.ack = this.rcvNxt;
    this.segmentsSent++;
    this.opts.send(f.segment);
    f.timer = setTimeout(() => this.transmit(f), this.rtoMs);
  }

  private sendAck(): void {
    this.segmentsSent++;
    this.opts.send({ flags: TCP_FLAG.ACK, seq: this.sndNxt, ack: this.rcvNxt, window: WINDOW, options: [], payload: new Uint8Array(0) });
  }

  private notePeerMss(options: readonly TcpOption[]): void {
    for (const o of options) if (o.kind === 'mss') this.peerMss = o.mss;
  }

  private fail(err: Error): void {
    this.stateNow = 'CLOSED';
    const f = this.inFlight;
    this.inFlight = undefined;
    if (f) {
      if (f.timer) clearTimeout(f.timer);
      f.done.reject(err);
    }
    for (const q of this.queue.splice(0)) q.done.reject(err);
    this.establishedSignal.reject(err);
    this.closedSignal.reject(err);
  }
}
