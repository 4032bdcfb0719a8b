/**
 * Our end of an OpenFlow channel to a real switch, made of nothing but OfpFramer and a codec:
 * every message that arrives is decoded and re-encoded, and any failure or difference in bytes
 * is recorded in `problems`; echo requests are answered; the rest wait in an inbox for `next`.
 * The codec is the OpenFlow 1.3 one or the 1.0 one.
 */
import type { Socket } from 'node:net';
import { OfpFramer } from '../../core/openflow/index.js';

export interface MessageCodec<M> {
  decode(raw: Buffer): M;
  encode(msg: M): Buffer;
}

interface Message { readonly type: string; readonly xid: number }

export class CodecCheckChannel<M extends Message> {
  private readonly framer = new OfpFramer();
  private readonly inbox: M[] = [];
  private waiter: (() => void) | undefined;
  readonly received: { raw: Buffer; msg?: M }[] = [];
  readonly problems: string[] = [];

  constructor(private readonly sock: Socket, private readonly codec: MessageCodec<M>) {
    sock.on('data', (chunk: Buffer) => {
      for (const raw of this.framer.push(chunk)) this.onMessage(Buffer.from(raw));
    });
  }

  private onMessage(raw: Buffer): void {
    let msg: M;
    try {
      msg = this.codec.decode(raw);
    } catch (e) {
      this.problems.push(`decode failed: ${String(e)} for ${raw.toString('hex').slice(0, 128)}`);
      this.received.push({ raw });
      return;
    }
    this.received.push({ raw, msg });
    const again = this.codec.encode(msg);
    if (!again.equals(raw)) this.problems.push(`${msg.type} re-encoded differently:\n ${raw.toString('hex')}\n ${again.toString('hex')}`);
    if (msg.type === 'ECHO_REQUEST') {
      const { xid, data } = msg as unknown as { xid: number; data: Buffer };
      this.send({ type: 'ECHO_REPLY', xid, data } as unknown as M);
      return;
    }
    this.inbox.push(msg);
    this.waiter?.();
  }

  send(msg: M): void {
    this.sock.write(this.codec.encode(msg));
  }

  sendRaw(bytes: Buffer): void {
    this.sock.write(bytes);
  }

  /** The next message (in arrival order) that satisfies `pred`; earlier non-matching ones stay queued. */
  async next<T extends M>(pred: (m: M) => m is T, timeoutMs?: number): Promise<T>;
  async next(pred: (m: M) => boolean, timeoutMs?: number): Promise<M>;
  async next(pred: (m: M) => boolean, timeoutMs = 5_000): Promise<M> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.inbox.findIndex(pred);
      if (i >= 0) return this.inbox.splice(i, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; queued: ${this.inbox.map((m) => m.type).join(', ') || 'nothing'}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => { clearTimeout(t); resolve(); };
      });
    }
  }
}
