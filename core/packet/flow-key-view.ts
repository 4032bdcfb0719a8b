import { Ipv4Address } from '../net/ipv4-address.js';
import { Ipv6Address } from '../net/ipv6-address.js';
import { MacAddress } from '../net/mac-address.js';
import type { FlowKey } from './flow-key.js';
import { FLOW_KEY_FIELD, FLOW_KEY_FIELDS, type FlowKeyField, type FlowKeyFieldName } from './flow-key-layout.js';

/**
 * Readable views of a flow key for tests, logs and the controller's packet-in handling. Not for
 * the hot path: these allocate.
 */

/** A field's value as OpenFlow tools show it: text for addresses, bigint for 64-bit fields, else a number. */
export type FlowKeyValue = number | bigint | string;

export type FlowKeyObject = Partial<Record<FlowKeyFieldName, FlowKeyValue>>;

const MAC_FIELDS = new Set<FlowKeyFieldName>(['eth_dst', 'eth_src', 'arp_sha', 'arp_tha', 'ipv6_nd_sll', 'ipv6_nd_tll']);
const IPV4_FIELDS = new Set<FlowKeyFieldName>(['ipv4_src', 'ipv4_dst', 'arp_spa', 'arp_tpa']);
const IPV6_FIELDS = new Set<FlowKeyFieldName>(['ipv6_src', 'ipv6_dst', 'ipv6_nd_target']);

function decodeField(bytes: Uint8Array, f: FlowKeyField): FlowKeyValue {
  if (MAC_FIELDS.has(f.name)) return MacAddress.fromBytes(bytes, f.offset).toString();
  if (IPV4_FIELDS.has(f.name)) return Ipv4Address.fromBytes(bytes, f.offset).toString();
  if (IPV6_FIELDS.has(f.name)) return Ipv6Address.fromBytes(bytes, f.offset).toString();
  if (f.width === 8) {
    let v = 0n;
    for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(bytes[f.offset + i]!);
    return v;
  }
  let v = 0;
  for (let i = 0; i < f.width; i++) v = v * 256 + bytes[f.offset + i]!;
  return v;
}

export function flowKeyHas(key: FlowKey, name: FlowKeyFieldName): boolean {
  return key.has(FLOW_KEY_FIELD[name].bit);
}

/** One field's value, or undefined when the packet does not have it. */
export function flowKeyGet(key: FlowKey, name: FlowKeyFieldName): FlowKeyValue | undefined {
  const f = FLOW_KEY_FIELD[name];
  return key.has(f.bit) ? decodeField(key.bytes, f) : undefined;
}

/** Every present field, in OXM order. */
export function flowKeyToObject(key: FlowKey): FlowKeyObject {
  const out: FlowKeyObject = {};
  for (const f of FLOW_KEY_FIELDS) if (key.has(f.bit)) out[f.name] = decodeField(key.bytes, f);
  return out;
}

/** A field's raw bytes (a view into the key). */
export function flowKeyFieldBytes(key: FlowKey, name: FlowKeyFieldName): Uint8Array {
  const f = FLOW_KEY_FIELD[name];
  return key.bytes.subarray(f.offset, f.offset + f.width);
}
