/**
 * The requests a channel is waiting on, by xid, each with its own timeout, plus a short memory
 * of fire-and-forget messages so an OFPT_ERROR that arrives later can name what caused it.
 *
 * A request completes with every message of its reply: one message, or all parts of a
 * multipart reply up to the one without OFPMPF_REPLY_MORE (OF1.3.5 §7.3.5).
 */
import { OFPMPF_REPLY_MORE } from '../../core/openflow/constants.js';
import type { OfpMessage } from '../../core/openflow/messages/index.js';
import { DatapathRequestError, type Dpid, type SwitchError } from '../services/datapaths.js';

interface Pending {
  request: OfpMessage;
  parts: OfpMessage[];
  resolve(reply: OfpMessage[]): void;
  reject(err: DatapathRequestError): void;
  timer: NodeJS.Timeout;
}

/** How many sent-but-unanswered messages we remember for error attribution (a power of two). */
const SENT_MEMORY = 4096;

export class PendingRequests {
  private readonly pending = new Map<number, Pending>();
  /**
   * Fire-and-forget messages as a ring in send order: the message with send sequence number
   * `seq` sits at `seq % SENT_MEMORY` until `SENT_MEMORY` later ones overwrite it. Remembering
   * is two array stores, since every flow-mod and packet-out passes here; finding one (only
   * when an OFPT_ERROR arrives) scans back from the newest, so a reused xid names its latest
   * message.
   */
  private readonly sentXids = new Uint32Array(SENT_MEMORY);
  private readonly sentMsgs: Array<OfpMessage | undefined> = new Array<OfpMessage | undefined>(SENT_MEMORY).fill(undefined);
  /** Sequence numbers below this are forgotten (a barrier passed them, or the channel closed). */
  private floor = 0;
  private seq = 0;

  constructor(private readonly dpid: () => Dpid) {}

  get size(): number {
    return this.pending.size;
  }

  add(request: OfpMessage, timeoutMs: number): Promise<OfpMessage[]> {
    return new Promise<OfpMessage[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending.get(request.xid)?.request !== request) return;
        this.pending.delete(request.xid);
        reject(new DatapathRequestError(this.dpid(), request, 'timeout'));
      }, timeoutMs);
      timer.unref();
      this.pending.set(request.xid, { request, parts: [], resolve, reject, timer });
    });
  }

  /** Remembers a message that expects no reply, in case the switch answers it with an error. */
  remember(msg: OfpMessage): void {
    const i = this.seq++ & (SENT_MEMORY - 1);
    this.sentXids[i] = msg.xid;
    this.sentMsgs[i] = msg;
  }

  /** The send sequence number the next remembered message gets (a barrier's mark). */
  get mark(): number {
    return this.seq;
  }

  /**
   * Forgets messages sent before `mark`: a barrier's reply proves the switch processed them, and
   * any error they caused has arrived before it (OF1.3.5 §6.2, barrier ordering).
   */
  forgetBefore(mark: number): void {
    if (mark <= this.floor) return;
    for (let q = Math.max(this.floor, mark - SENT_MEMORY); q < mark; q++) this.sentMsgs[q & (SENT_MEMORY - 1)] = undefined;
    this.floor = mark;
  }

  /** The remembered message sent with `xid` (the latest, if reused), taken out of memory. */
  private takeSent(xid: number): OfpMessage | undefined {
    const oldest = Math.max(this.floor, this.seq - SENT_MEMORY);
    for (let q = this.seq - 1; q >= oldest; q--) {
      const i = q & (SENT_MEMORY - 1);
      const msg = this.sentMsgs[i];
      if (msg !== undefined && this.sentXids[i] === xid) {
        this.sentMsgs[i] = undefined;
        return msg;
      }
    }
    return undefined;
  }

  /**
   * Offers a received message. Returns true when it completed (or continued) a pending request,
   * so the caller does not treat it as unsolicited.
   */
  reply(msg: OfpMessage): boolean {
    const p = this.pending.get(msg.xid);
    if (p === undefined) return false;
    p.parts.push(msg);
    if (msg.type === 'MULTIPART_REPLY' && (msg.flags & OFPMPF_REPLY_MORE) !== 0) return true;
    this.pending.delete(msg.xid);
    clearTimeout(p.timer);
    p.resolve(p.parts);
    return true;
  }

  /**
   * Matches an OFPT_ERROR to what we sent. A pending request is rejected with it; the request
   * (pending or remembered) is returned so the error can be reported with its cause.
   */
  error(err: SwitchError): OfpMessage | undefined {
    const p = this.pending.get(err.xid);
    if (p !== undefined) {
      this.pending.delete(err.xid);
      clearTimeout(p.timer);
      p.reject(new DatapathRequestError(this.dpid(), p.request, 'error', err));
      return p.request;
    }
    return this.takeSent(err.xid);
  }

  /** Rejects everything still waiting: the connection is gone. */
  rejectAll(): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    this.forgetBefore(this.seq);
    for (const p of all) {
      clearTimeout(p.timer);
      p.reject(new DatapathRequestError(this.dpid(), p.request, 'disconnected'));
    }
  }
}
