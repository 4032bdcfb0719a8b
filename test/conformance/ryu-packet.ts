/**
 * Ryu's `Packet` JSON (ryu.lib.packet `to_jsondict()`), for the one corpus case whose PACKET_OUT
 * data Ryu built with its packet library: Ethernet, IPv4 without options, ICMP echo. Anything else
 * throws, so the conformance test fails loudly instead of comparing the wrong thing.
 */
import { unwrap, type RyuJson } from './ryu-structures.js';

type Obj = Record<string, unknown>;

const mac = (b: Buffer, at: number): string =>
  [...b.subarray(at, at + 6)].map((x) => x.toString(16).padStart(2, '0')).join(':');
const ipv4 = (b: Buffer, at: number): string => [...b.subarray(at, at + 4)].join('.');

function int(o: Obj, k: string): number {
  const v = o[k];
  if (typeof v !== 'number') throw new Error(`packet ${k}: expected a number`);
  return v;
}

function text(o: Obj, k: string): string {
  const v = o[k];
  if (typeof v !== 'string') throw new Error(`packet ${k}: expected a string`);
  return v;
}

/** Frame bytes → `{ Packet: { protocols: [...] } }`. */
export function packetToRyu(frame: Buffer): RyuJson {
  const protocols: RyuJson[] = [];
  const ethertype = frame.readUInt16BE(12);
  protocols.push({ ethernet: { dst: mac(frame, 0), ethertype, src: mac(frame, 6) } });
  if (ethertype !== 0x0800) throw new Error(`packetToRyu: ethertype ${ethertype} not supported`);
  const ip = frame.subarray(14);
  const headerLength = ip[0]! & 0x0f;
  if (headerLength !== 5) throw new Error('packetToRyu: IPv4 options not supported');
  const proto = ip[9]!;
  protocols.push({
    ipv4: {
      csum: ip.readUInt16BE(10), dst: ipv4(ip, 16), flags: ip[6]! >> 5, header_length: headerLength,
      identification: ip.readUInt16BE(4), offset: ip.readUInt16BE(6) & 0x1fff, option: null, proto,
      src: ipv4(ip, 12), tos: ip[1]!, total_length: ip.readUInt16BE(2), ttl: ip[8]!, version: ip[0]! >> 4,
    },
  });
  if (proto !== 1) throw new Error(`packetToRyu: IP protocol ${proto} not supported`);
  const icmp = ip.subarray(20);
  const type = icmp[0]!;
  if (type !== 0 && type !== 8) throw new Error(`packetToRyu: ICMP type ${type} not supported`);
  protocols.push({
    icmp: {
      code: icmp[1]!, csum: icmp.readUInt16BE(2), type,
      data: { echo: { data: icmp.subarray(8).toString('base64'), id: icmp.readUInt16BE(4), seq: icmp.readUInt16BE(6) } },
    },
  });
  return { Packet: { protocols } };
}

/** `{ Packet: ... }` → frame bytes, fields (checksums included) taken as given. */
export function packetFromRyu(j: RyuJson): Buffer {
  const [cls, body] = unwrap(j, 'data');
  if (cls !== 'Packet' || !Array.isArray(body.protocols)) throw new Error('packetFromRyu: expected {Packet: {protocols}}');
  const parts: Buffer[] = [];
  for (const p of body.protocols) {
    const [name, f] = unwrap(p, 'protocols[]');
    if (name === 'ethernet') {
      const b = Buffer.alloc(14);
      Buffer.from(text(f, 'dst').replaceAll(':', ''), 'hex').copy(b, 0);
      Buffer.from(text(f, 'src').replaceAll(':', ''), 'hex').copy(b, 6);
      b.writeUInt16BE(int(f, 'ethertype'), 12);
      parts.push(b);
    } else if (name === 'ipv4') {
      const b = Buffer.alloc(20);
      b[0] = (int(f, 'version') << 4) | int(f, 'header_length');
      b[1] = int(f, 'tos');
      b.writeUInt16BE(int(f, 'total_length'), 2);
      b.writeUInt16BE(int(f, 'identification'), 4);
      b.writeUInt16BE((int(f, 'flags') << 13) | int(f, 'offset'), 6);
      b[8] = int(f, 'ttl');
      b[9] = int(f, 'proto');
      b.writeUInt16BE(int(f, 'csum'), 10);
      Buffer.from(text(f, 'src').split('.').map(Number)).copy(b, 12);
      Buffer.from(text(f, 'dst').split('.').map(Number)).copy(b, 16);
      parts.push(b);
    } else if (name === 'icmp') {
      const echo = (f.data as { echo?: Obj } | undefined)?.echo;
      if (echo === undefined) throw new Error('packetFromRyu: only ICMP echo is supported');
      const b = Buffer.alloc(8);
      b[0] = int(f, 'type');
      b[1] = int(f, 'code');
      b.writeUInt16BE(int(f, 'csum'), 2);
      b.writeUInt16BE(int(echo, 'id'), 4);
      b.writeUInt16BE(int(echo, 'seq'), 6);
      parts.push(b, Buffer.from(text(echo, 'data'), 'base64'));
    } else {
      throw new Error(`packetFromRyu: protocol ${name} not supported`);
    }
  }
  return Buffer.concat(parts);
}
