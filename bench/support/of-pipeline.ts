/**
 * A pipelined OpenFlow 1.3 loader for the flow-install benchmark: the way a controller's flow
 * service installs in bulk (our controller's included) — every FLOW_MOD written back-to-back
 * without waiting, then one BARRIER_REQUEST; done when its BARRIER_REPLY arrives. ovs-ofctl
 * cannot do this in OpenFlow 1.3 (it waits for a barrier after every flow; --bundle needs 1.4).
 *
 * The bytes are written here by hand (not with core/openflow) so the loader does not depend on
 * the codec under test, and are what ovs-ofctl sends for the same flow text: OFPFC_ADD, table 0,
 * no timeouts, buffer_id NO_BUFFER, out_port/out_group ANY, OXM match in the order eth_type,
 * ip_proto, ipv4_dst[/mask], tcp_dst, and one APPLY_ACTIONS { OUTPUT port, max_len 0 }.
 *
 * Any OFPT_ERROR from the switch fails the load (a switch that rejects flows must not look fast).
 * The loader answers ECHO_REQUEST and ignores every other message (PORT_STATUS, …).
 */
import { connect, type Socket } from 'node:net';

const OFP13 = 4;
const T = { HELLO: 0, ERROR: 1, ECHO_REQUEST: 2, ECHO_REPLY: 3, FLOW_MOD: 14, BARRIER_REQUEST: 20, BARRIER_REPLY: 21 } as const;

/** One flow of the benchmark's flow file, in the terms the file's text uses. */
export interface BenchFlow {
  priority: number;
  /** IPv4 destination (network order as a uint32) and prefix length 1..32. */
  nwDst: number;
  prefixLen: number;
  /** Present: `tcp,tp_dst=N`; absent: plain `ip`. */
  tcpDst?: number;
  outPort: number;
}

/** `priority=P,ip|tcp…,nw_dst=A.B.C.D[/len][,tp_dst=N],actions=output:N` — the ovs-ofctl text of `f`. */
export function flowText(f: BenchFlow): string {
  const n = f.nwDst >>> 0;
  const ip = `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  const l4 = f.tcpDst === undefined ? ',ip' : `,tcp,tp_dst=${f.tcpDst}`;
  return `priority=${f.priority}${l4},nw_dst=${ip}${f.prefixLen === 32 ? '' : `/${f.prefixLen}`},actions=output:${f.outPort}`;
}

function header(buf: Buffer, off: number, type: number, length: number, xid: number): void {
  buf.writeUInt8(OFP13, off);
  buf.writeUInt8(type, off + 1);
  buf.writeUInt16BE(length, off + 2);
  buf.writeUInt32BE(xid >>> 0, off + 4);
}

function flowModLength(f: BenchFlow): number {
  const masked = f.prefixLen !== 32;
  // eth_type(4+2) [ip_proto(4+1)] ipv4_dst(4+4[+4]) [tcp_dst(4+2)]
  const oxm = 6 + (f.tcpDst === undefined ? 0 : 5) + (masked ? 12 : 8) + (f.tcpDst === undefined ? 0 : 6);
  const matchLen = 4 + oxm;
  const matchPadded = (matchLen + 7) & ~7;
  return 48 + matchPadded + 8 /* apply_actions */ + 16; /* output */
}

/** Writes OFPT_FLOW_MOD (ADD) for `f` at `off`; returns the offset after it. */
function writeFlowMod(buf: Buffer, off: number, f: BenchFlow, xid: number): number {
  const len = flowModLength(f);
  buf.fill(0, off, off + len);
  header(buf, off, T.FLOW_MOD, len, xid);
  // cookie, cookie_mask 0; table 0; command ADD (0); timeouts 0
  buf.writeUInt16BE(f.priority, off + 30);
  buf.writeUInt32BE(0xffffffff, off + 32); // buffer_id NO_BUFFER
  buf.writeUInt32BE(0xffffffff, off + 36); // out_port ANY
  buf.writeUInt32BE(0xffffffff, off + 40); // out_group ANY
  // flags 0, pad 2
  let p = off + 48;
  const matchStart = p;
  p += 4;
  const oxm = (field: number, hasMask: boolean, bodyLen: number): void => {
    buf.writeUInt16BE(0x8000, p);
    buf.writeUInt8((field << 1) | (hasMask ? 1 : 0), p + 2);
    buf.writeUInt8(bodyLen, p + 3);
    p += 4;
  };
  oxm(5, false, 2); buf.writeUInt16BE(0x0800, p); p += 2; // eth_type
  if (f.tcpDst !== undefined) { oxm(10, false, 1); buf.writeUInt8(6, p); p += 1; } // ip_proto
  const masked = f.prefixLen !== 32;
  oxm(12, masked, masked ? 8 : 4); // ipv4_dst
  buf.writeUInt32BE(f.nwDst >>> 0, p); p += 4;
  if (masked) { buf.writeUInt32BE((0xffffffff << (32 - f.prefixLen)) >>> 0, p); p += 4; }
  if (f.tcpDst !== undefined) { oxm(14, false, 2); buf.writeUInt16BE(f.tcpDst, p); p += 2; } // tcp_dst
  buf.writeUInt16BE(1, matchStart); // OFPMT_OXM
  buf.writeUInt16BE(p - matchStart, matchStart + 2);
  p = matchStart + ((p - matchStart + 7) & ~7);
  buf.writeUInt16BE(4, p); buf.writeUInt16BE(24, p + 2); p += 8; // OFPIT_APPLY_ACTIONS, len 24
  buf.writeUInt16BE(0, p); buf.writeUInt16BE(16, p + 2); buf.writeUInt32BE(f.outPort, p + 4); // OUTPUT
  buf.writeUInt16BE(0, p + 8); // max_len 0
  p += 16;
  if (p !== off + len) throw new Error(`flow-mod length ${p - off} != ${len}`);
  return p;
}

/** The FLOW_MODs for `flows` (xids 1…n) followed by one BARRIER_REQUEST (xid n+1), as one buffer. */
export function encodeFlowLoad(flows: readonly BenchFlow[]): { bytes: Buffer; barrierXid: number } {
  let total = 8;
  for (const f of flows) total += flowModLength(f);
  const bytes = Buffer.allocUnsafe(total);
  let off = 0;
  for (let i = 0; i < flows.length; i++) off = writeFlowMod(bytes, off, flows[i]!, i + 1);
  const barrierXid = flows.length + 1;
  header(bytes, off, T.BARRIER_REQUEST, 8, barrierXid);
  return { bytes, barrierXid };
}

export type OfEndpoint = { host: string; port: number } | { path: string };

export interface PipelinedLoad {
  /** From the first FLOW_MOD byte written to the BARRIER_REPLY read. */
  secs: number;
  /** From the first byte written until the last one was accepted by the kernel. */
  writeSecs: number;
}

/**
 * Connects, exchanges HELLOs, then writes `load` (FLOW_MODs + BARRIER) in 256 KiB slices as fast
 * as the socket takes them (waiting for 'drain' when it does not) and resolves at the
 * BARRIER_REPLY. Rejects on OFPT_ERROR, early close or timeout.
 */
export function pipelinedLoad(endpoint: OfEndpoint, load: { bytes: Buffer; barrierXid: number }, timeoutMs: number): Promise<PipelinedLoad> {
  return new Promise((resolve, reject) => {
    const socket: Socket = 'path' in endpoint ? connect(endpoint.path) : connect(endpoint.port, endpoint.host);
    socket.setNoDelay(true);
    let t0 = 0n;
    let tWritten = 0n;
    let settled = false;
    let rx: Buffer = Buffer.alloc(0);
    const finish = (err: Error | undefined, value?: PipelinedLoad): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err); else resolve(value!);
    };
    const timer = setTimeout(() => finish(new Error(`pipelined load: no BARRIER_REPLY after ${timeoutMs} ms`)), timeoutMs);
    const writeAll = (): void => {
      t0 = process.hrtime.bigint();
      const SLICE = 256 * 1024;
      let off = 0;
      const pump = (): void => {
        while (off < load.bytes.length) {
          const end = Math.min(load.bytes.length, off + SLICE);
          const ok = socket.write(load.bytes.subarray(off, end));
          off = end;
          if (!ok) { socket.once('drain', pump); return; }
        }
        tWritten = process.hrtime.bigint();
      };
      pump();
    };
    socket.on('connect', () => {
      const hello = Buffer.alloc(8);
      header(hello, 0, T.HELLO, 8, 0);
      socket.write(hello);
    });
    socket.on('data', (chunk: Buffer) => {
      rx = rx.length === 0 ? chunk : Buffer.concat([rx, chunk]);
      while (rx.length >= 8) {
        const len = rx.readUInt16BE(2);
        if (len < 8) return finish(new Error(`pipelined load: bad ofp_header.length ${len}`));
        if (rx.length < len) break;
        const type = rx[1]!;
        const xid = rx.readUInt32BE(4);
        const msg = rx.subarray(0, len);
        rx = rx.subarray(len);
        if (type === T.HELLO && t0 === 0n) {
          writeAll();
        } else if (type === T.ERROR) {
          return finish(new Error(`pipelined load: OFPT_ERROR type=${msg.readUInt16BE(8)} code=${msg.readUInt16BE(10)} for xid ${xid}`));
        } else if (type === T.ECHO_REQUEST) {
          const reply = Buffer.from(msg);
          reply[1] = T.ECHO_REPLY;
          socket.write(reply);
        } else if (type === T.BARRIER_REPLY && xid === load.barrierXid) {
          const t1 = process.hrtime.bigint();
          return finish(undefined, { secs: Number(t1 - t0) / 1e9, writeSecs: Number((tWritten || t1) - t0) / 1e9 });
        }
      }
    });
    socket.on('error', (err) => finish(new Error(`pipelined load: ${err.message}`)));
    socket.on('close', () => finish(new Error('pipelined load: connection closed before the BARRIER_REPLY')));
  });
}
