import { Ipv4Address } from '../net/ipv4-address.js';
import { Ipv6Address } from '../net/ipv6-address.js';
import { copyBytes, readU16, readU32 } from './byte-order.js';
import { decodeDnsName, type DnsWriter } from './dns-name.js';
import { PacketDecodeError, needBytes } from './packet-decode-error.js';

/** RR TYPE values (RFC 1035 §3.2.2, RFC 3596, RFC 2782, RFC 6891). */
export const DNS_TYPE = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, OPT: 41, ANY: 255,
} as const;

export const DNS_CLASS = { IN: 1, CH: 3, HS: 4, ANY: 255 } as const;

/** RDATA by type; types without fields here stay opaque bytes (RFC 3597). */
export type DnsRData =
  | { kind: 'A'; address: Ipv4Address }
  | { kind: 'AAAA'; address: Ipv6Address }
  | { kind: 'CNAME' | 'NS' | 'PTR'; name: string }
  | { kind: 'MX'; preference: number; exchange: string }
  /** Character-strings as Latin-1 text so every byte survives a round trip. */
  | { kind: 'TXT'; strings: string[] }
  | { kind: 'SOA'; mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number }
  | { kind: 'SRV'; priority: number; weight: number; port: number; target: string }
  | { kind: 'raw'; data: Uint8Array };

export function decodeRData(
  buf: Uint8Array, msgStart: number, type: number, start: number, end: number, layer: string,
): DnsRData {
  const fixed = (n: number) => {
    if (end - start !== n) throw new PacketDecodeError(layer, start, `RDATA length ${end - start}, expected ${n}`);
  };
  const name = (pos: number) => decodeDnsName(buf, msgStart, pos, end, layer);
  const finish = <T extends DnsRData>(v: T, next: number): T => {
    if (next !== end) throw new PacketDecodeError(layer, next, `${end - next} bytes left over in RDATA`);
    return v;
  };
  switch (type) {
    case DNS_TYPE.A:
      fixed(4);
      return { kind: 'A', address: Ipv4Address.fromBytes(buf, start) };
    case DNS_TYPE.AAAA:
      fixed(16);
      return { kind: 'AAAA', address: Ipv6Address.fromBytes(buf, start) };
    case DNS_TYPE.CNAME: case DNS_TYPE.NS: case DNS_TYPE.PTR: {
      const n = name(start);
      const kind = type === DNS_TYPE.CNAME ? 'CNAME' : type === DNS_TYPE.NS ? 'NS' : 'PTR';
      return finish({ kind, name: n.name }, n.next);
    }
    case DNS_TYPE.MX: {
      needBytes(layer, start, 2, end);
      const n = name(start + 2);
      return finish({ kind: 'MX', preference: readU16(buf, start), exchange: n.name }, n.next);
    }
    case DNS_TYPE.TXT: {
      const strings: string[] = [];
      for (let pos = start; pos < end;) {
        const len = buf[pos]!;
        needBytes(layer, pos + 1, len, end);
        strings.push(Buffer.from(buf.subarray(pos + 1, pos + 1 + len)).toString('latin1'));
        pos += 1 + len;
      }
      return { kind: 'TXT', strings };
    }
    case DNS_TYPE.SOA: {
      const m = name(start);
      const r = name(m.next);
      needBytes(layer, r.next, 20, end);
      const p = r.next;
      return finish({
        kind: 'SOA', mname: m.name, rname: r.name, serial: readU32(buf, p), refresh: readU32(buf, p + 4),
        retry: readU32(buf, p + 8), expire: readU32(buf, p + 12), minimum: readU32(buf, p + 16),
      }, p + 20);
    }
    case DNS_TYPE.SRV: {
      needBytes(layer, start, 6, end);
      const t = name(start + 6);
      return finish({
        kind: 'SRV', priority: readU16(buf, start), weight: readU16(buf, start + 2), port: readU16(buf, start + 4), target: t.name,
      }, t.next);
    }
    default:
      return { kind: 'raw', data: copyBytes(buf, start, end) };
  }
}

/** Writes RDATA (without its length). Names in SRV are never compressed (RFC 2782). */
export function encodeRData(w: DnsWriter, d: DnsRData): void {
  switch (d.kind) {
    case 'A': case 'AAAA': w.raw(d.address.toBytes()); break;
    case 'CNAME': case 'NS': case 'PTR': w.name(d.name, true); break;
    case 'MX': w.u16(d.preference); w.name(d.exchange, true); break;
    case 'TXT':
      for (const s of d.strings) {
        const b = Buffer.from(s, 'latin1');
        if (b.length > 255) throw new RangeError('TXT character-string longer than 255 bytes');
        w.u8(b.length);
        w.raw(b);
      }
      break;
    case 'SOA':
      w.name(d.mname, true); w.name(d.rname, true);
      w.u32(d.serial); w.u32(d.refresh); w.u32(d.retry); w.u32(d.expire); w.u32(d.minimum);
      break;
    case 'SRV': w.u16(d.priority); w.u16(d.weight); w.u16(d.port); w.name(d.target, false); break;
    case 'raw': w.raw(d.data); break;
  }
}
