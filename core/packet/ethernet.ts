import { MacAddress } from '../net/mac-address.js';
import { readU16, writeU16 } from './byte-order.js';
import { clampEnd, needBytes } from './packet-decode-error.js';
import { ETH_TYPE, isVlanTpid } from './protocol-numbers.js';

/** One 802.1Q / 802.1ad tag: its TPID and the TCI split into PCP, DEI and VID. */
export interface VlanTag {
  /** 0x8100 for a C-tag, 0x88a8 for an S-tag (also 0x9100, pre-standard QinQ). */
  tpid: number;
  pcp: number;
  dei: number;
  vid: number;
}

/** An Ethernet II header with any stacked VLAN tags, outermost tag first. */
export interface EthernetHeader {
  dst: MacAddress;
  src: MacAddress;
  vlans: VlanTag[];
  /** The EtherType after the last tag (a length below 0x0600 for IEEE 802.3 frames). */
  etherType: number;
}

export interface EthernetFrame extends EthernetHeader {
  /** 14 + 4 per tag. */
  headerLength: number;
  /** View of the bytes after the header (not copied). */
  payload: Uint8Array;
}

export function decodeEthernet(buf: Uint8Array, offset = 0, end?: number): EthernetFrame {
  const stop = clampEnd(buf, end);
  needBytes('ethernet', offset, 14, stop);
  const dst = MacAddress.fromBytes(buf, offset);
  const src = MacAddress.fromBytes(buf, offset + 6);
  let pos = offset + 12;
  let type = readU16(buf, pos);
  const vlans: VlanTag[] = [];
  while (isVlanTpid(type)) {
    needBytes(`ethernet.vlan[${vlans.length}]`, pos + 2, 4, stop);
    const tci = readU16(buf, pos + 2);
    vlans.push({ tpid: type, pcp: tci >>> 13, dei: (tci >>> 12) & 1, vid: tci & 0x0fff });
    pos += 4;
    type = readU16(buf, pos);
  }
  pos += 2;
  return { dst, src, vlans, etherType: type, headerLength: pos - offset, payload: buf.subarray(pos, stop) };
}

/** Builds a frame; tags are written outermost first. No padding to 60 bytes: the NIC or veth does not need it. */
export function encodeEthernet(h: EthernetHeader, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const headerLength = 14 + 4 * h.vlans.length;
  const out = Buffer.alloc(headerLength + payload.length);
  h.dst.writeTo(out, 0);
  h.src.writeTo(out, 6);
  let pos = 12;
  for (const t of h.vlans) {
    writeU16(out, pos, t.tpid);
    writeU16(out, pos + 2, ((t.pcp & 7) << 13) | ((t.dei & 1) << 12) | (t.vid & 0x0fff));
    pos += 4;
  }
  writeU16(out, pos, h.etherType);
  out.set(payload, headerLength);
  return out;
}

/** A C-tag (TPID 0x8100) with the given VID and PCP. */
export function vlanTag(vid: number, pcp = 0, tpid: number = ETH_TYPE.VLAN): VlanTag {
  return { tpid, pcp, dei: 0, vid };
}
