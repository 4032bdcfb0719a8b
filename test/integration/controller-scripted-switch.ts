/**
 * A tiny scripted OpenFlow switch for controller integration tests: a real TCP peer speaking
 * real wire bytes, with the handshake answers built in and every behaviour overridable, so a
 * test can make it misbehave (wrong version, silent on echo, erroring on a request).
 */
import { connect, type Socket } from 'node:net';
import { decodeMessage, encodeMessage } from '../../core/openflow/codec.js';
import { OFPMPF_REPLY_MORE } from '../../core/openflow/constants.js';
import { OfpFramer } from '../../core/openflow/framing.js';
import { versionBitmapElement } from '../../core/openflow/hello-elements.js';
import type { OfpMessage } from '../../core/openflow/messages/index.js';
import type { PortDesc } from '../../core/openflow/port-desc.js';

export function port(portNo: number, name = `p${portNo}`): PortDesc {
  return {
    portNo, hwAddr: `02:00:00:00:00:${portNo.toString(16).padStart(2, '0')}`, name, config: 0, state: 4,
    curr: 0, advertised: 0, supported: 0, peer: 0, currSpeed: 0, maxSpeed: 0,
  };
}

export interface ScriptedSwitchOptions {
  dpid: bigint;
  ports?: PortDesc[];
  /** Header version of our HELLO (default 4). */
  helloVersion?: number;
  /** Versions in our HELLO bitmap; undefined = no bitmap element. Default [4]. */
  bitmap?: number[] | undefined;
  /** Answer ECHO_REQUEST (default true). */
  answerEcho?: boolean;
  /** Split PORT_DESC into this many REPLY_MORE parts (default 1). */
  portDescParts?: number;
  /**
   * Called for every message before the built-in answers; return true when handled. `sw.send`
   * answers from inside.
   */
  script?: (msg: OfpMessage, sw: ScriptedSwitch) => boolean;
}

export class ScriptedSwitch {
  readonly received: OfpMessage[] = [];
  /** Raw frames we could not decode (e.g. the controller's reply in another version). */
  readonly rawReceived: Buffer[] = [];
  private readonly framer = new OfpFramer();
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(
    readonly socket: Socket,
    readonly opts: ScriptedSwitchOptions,
  ) {
    socket.on('data', (chunk: Buffer) => {
      for (const raw of this.framer.push(chunk)) {
        this.rawReceived.push(Buffer.from(raw));
        let msg: OfpMessage;
        try {
          msg = decodeMessage(raw);
        } catch {
          this.wake();
          continue;
        }
        this.received.push(msg);
        this.handle(msg);
        this.wake();
      }
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  static async connect(port: number, opts: ScriptedSwitchOptions): Promise<ScriptedSwitch> {
    const socket = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const sw = new ScriptedSwitch(socket, opts);
    const bitmap = opts.bitmap === undefined && 'bitmap' in opts ? undefined : opts.bitmap ?? [4];
    sw.send({ type: 'HELLO', xid: 1, version: opts.helloVersion ?? 4, elements: bitmap ? [versionBitmapElement(bitmap)] : [] });
    return sw;
  }

  send(msg: OfpMessage): void {
    if (!this.closed) this.socket.write(Buffer.from(encodeMessage(msg)));
  }

  writeRaw(bytes: Buffer): void {
    if (!this.closed) this.socket.write(bytes);
  }

  close(): void {
    this.socket.destroy();
  }

  /** Waits until `pred` holds over what was received (or the socket closed, when `orClose`). */
  async waitFor(pred: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error('ScriptedSwitch.waitFor timed out');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  messages<T extends OfpMessage['type']>(type: T): Extract<OfpMessage, { type: T }>[] {
    return this.received.filter((m): m is Extract<OfpMessage, { type: T }> => m.type === type);
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private handle(msg: OfpMessage): void {
    if (this.opts.script?.(msg, this)) return;
    switch (msg.type) {
      case 'FEATURES_REQUEST':
        this.send({ type: 'FEATURES_REPLY', xid: msg.xid, datapathId: this.opts.dpid, nBuffers: 0, nTables: 254, auxiliaryId: 0, capabilities: 0x4f, reserved: 0 });
        return;
      case 'MULTIPART_REQUEST':
        if (msg.body.mpType === 'PORT_DESC') {
          const ports = this.opts.ports ?? [port(1), port(2)];
          const parts = Math.max(1, this.opts.portDescParts ?? 1);
          const per = Math.ceil(ports.length / parts);
          for (let i = 0; i < parts; i++) {
            const slice = ports.slice(i * per, (i + 1) * per);
            this.send({ type: 'MULTIPART_REPLY', xid: msg.xid, flags: i < parts - 1 ? OFPMPF_REPLY_MORE : 0, body: { mpType: 'PORT_DESC', ports: slice } });
          }
        } else if (msg.body.mpType === 'FLOW') {
          this.send({ type: 'MULTIPART_REPLY', xid: msg.xid, flags: 0, body: { mpType: 'FLOW', stats: [] } });
        }
        return;
      case 'BARRIER_REQUEST':
        this.send({ type: 'BARRIER_REPLY', xid: msg.xid });
        return;
      case 'ECHO_REQUEST':
        if (this.opts.answerEcho ?? true) this.send({ type: 'ECHO_REPLY', xid: msg.xid, data: msg.data });
        return;
      case 'ROLE_REQUEST':
        this.send({ type: 'ROLE_REPLY', xid: msg.xid, role: msg.role, generationId: msg.generationId });
        return;
      default:
        return;
    }
  }
}
