import { copyBytes, readU16, readU32, writeU16 } from './byte-order.js';
import { PacketDecodeError, clampEnd, needBytes } from './packet-decode-error.js';

/** TLV types (IEEE 802.1AB-2016 Table 8-1). */
export const LLDP_TLV = {
  END: 0, CHASSIS_ID: 1, PORT_ID: 2, TTL: 3, PORT_DESCRIPTION: 4, SYSTEM_NAME: 5, SYSTEM_DESCRIPTION: 6,
  SYSTEM_CAPABILITIES: 7, MANAGEMENT_ADDRESS: 8, ORGANIZATIONALLY_SPECIFIC: 127,
} as const;

/** Chassis ID subtypes (802.1AB Table 8-2). */
export const LLDP_CHASSIS_ID_SUBTYPE = {
  CHASSIS_COMPONENT: 1, INTERFACE_ALIAS: 2, PORT_COMPONENT: 3, MAC_ADDRESS: 4, NETWORK_ADDRESS: 5,
  INTERFACE_NAME: 6, LOCALLY_ASSIGNED: 7,
} as const;

/** Port ID subtypes (802.1AB Table 8-3). */
export const LLDP_PORT_ID_SUBTYPE = {
  INTERFACE_ALIAS: 1, PORT_COMPONENT: 2, MAC_ADDRESS: 3, NETWORK_ADDRESS: 4, INTERFACE_NAME: 5,
  AGENT_CIRCUIT_ID: 6, LOCALLY_ASSIGNED: 7,
} as const;

/** The nearest-bridge group address LLDP frames are sent to. */
export const LLDP_MULTICAST = '01:80:c2:00:00:0e';

export interface LldpId {
  subtype: number;
  value: Uint8Array;
}

export interface LldpOrgTlv {
  /** 24-bit OUI. */
  oui: number;
  subtype: number;
  info: Uint8Array;
}

/** Any TLV kept as raw bytes, for types this codec does not give fields to. */
export interface LldpRawTlv {
  type: number;
  value: Uint8Array;
}

/**
 * An LLDPDU: the three mandatory TLVs (Chassis ID, Port ID, TTL, in that order, §8.2), then
 * optional TLVs in the order received, then End. Optional TLVs are a list rather than fields so
 * re-encoding reproduces the original order.
 */
export interface LldpPdu {
  chassisId: LldpId;
  portId: LldpId;
  ttl: number;
  optional: LldpOptionalTlv[];
}

export type LldpOptionalTlv =
  | { kind: 'port-description' | 'system-name' | 'system-description'; text: string }
  | { kind: 'system-capabilities'; capabilities: number; enabled: number }
  | { kind: 'org'; tlv: LldpOrgTlv }
  | { kind: 'raw'; tlv: LldpRawTlv };

const TEXT_TLV = {
  [LLDP_TLV.PORT_DESCRIPTION]: 'port-description',
  [LLDP_TLV.SYSTEM_NAME]: 'system-name',
  [LLDP_TLV.SYSTEM_DESCRIPTION]: 'system-description',
} as const;
const TEXT_TLV_TYPE = { 'port-description': 4, 'system-name': 5, 'system-description': 6 } as const;

export function decodeLldp(buf: Uint8Array, offset = 0, end?: number): LldpPdu {
  const stop = clampEnd(buf, end);
  const tlvs: Array<{ type: number; at: number; value: Uint8Array }> = [];
  let pos = offset;
  for (;;) {
    needBytes(`lldp.tlv[${tlvs.length}]`, pos, 2, stop);
    const h = readU16(buf, pos);
    const type = h >>> 9;
    const len = h & 0x1ff;
    needBytes(`lldp.tlv[${tlvs.length}]`, pos + 2, len, stop);
    if (type === LLDP_TLV.END) {
      if (len !== 0) throw new PacketDecodeError('lldp.end', pos, `End TLV has length ${len}`);
      break;
    }
    tlvs.push({ type, at: pos, value: copyBytes(buf, pos + 2, pos + 2 + len) });
    pos += 2 + len;
  }
  const mandatory = (i: number, type: number, name: string, minLen: number) => {
    const t = tlvs[i];
    if (!t || t.type !== type) {
      throw new PacketDecodeError('lldp', t?.at ?? pos, `TLV ${i + 1} must be ${name} (type ${type}), got ${t ? t.type : 'End'}`);
    }
    if (t.value.length < minLen) throw new PacketDecodeError(`lldp.${name}`, t.at, `length ${t.value.length} is below ${minLen}`);
    return t.value;
  };
  const chassis = mandatory(0, LLDP_TLV.CHASSIS_ID, 'chassis_id', 2);
  const port = mandatory(1, LLDP_TLV.PORT_ID, 'port_id', 2);
  const ttl = mandatory(2, LLDP_TLV.TTL, 'ttl', 2);
  const optional: LldpOptionalTlv[] = [];
  for (const t of tlvs.slice(3)) {
    if (t.type === LLDP_TLV.PORT_DESCRIPTION || t.type === LLDP_TLV.SYSTEM_NAME || t.type === LLDP_TLV.SYSTEM_DESCRIPTION) {
      optional.push({ kind: TEXT_TLV[t.type], text: Buffer.from(t.value).toString('utf8') });
    } else if (t.type === LLDP_TLV.SYSTEM_CAPABILITIES && t.value.length === 4) {
      optional.push({ kind: 'system-capabilities', capabilities: readU16(t.value, 0), enabled: readU16(t.value, 2) });
    } else if (t.type === LLDP_TLV.ORGANIZATIONALLY_SPECIFIC) {
      if (t.value.length < 4) throw new PacketDecodeError('lldp.org', t.at, `length ${t.value.length} is below 4`);
      optional.push({ kind: 'org', tlv: { oui: readU32(t.value, 0) >>> 8, subtype: t.value[3]!, info: copyBytes(t.value, 4, t.value.length) } });
    } else {
      optional.push({ kind: 'raw', tlv: { type: t.type, value: t.value } });
    }
  }
  return {
    chassisId: { subtype: chassis[0]!, value: copyBytes(chassis, 1, chassis.length) },
    portId: { subtype: port[0]!, value: copyBytes(port, 1, port.length) },
    ttl: readU16(ttl, 0),
    optional,
  };
}

function tlv(type: number, value: Uint8Array): Buffer {
  if (value.length > 511) throw new RangeError(`LLDP TLV ${type} value is ${value.length} bytes, max 511`);
  const out = Buffer.alloc(2 + value.length);
  writeU16(out, 0, (type << 9) | value.length);
  out.set(value, 2);
  return out;
}

export function encodeLldp(pdu: LldpPdu): Buffer {
  const ttl = Buffer.alloc(2);
  writeU16(ttl, 0, pdu.ttl);
  const parts = [
    tlv(LLDP_TLV.CHASSIS_ID, Buffer.concat([Uint8Array.of(pdu.chassisId.subtype), pdu.chassisId.value])),
    tlv(LLDP_TLV.PORT_ID, Buffer.concat([Uint8Array.of(pdu.portId.subtype), pdu.portId.value])),
    tlv(LLDP_TLV.TTL, ttl),
  ];
  for (const o of pdu.optional) {
    switch (o.kind) {
      case 'port-description': case 'system-name': case 'system-description':
        parts.push(tlv(TEXT_TLV_TYPE[o.kind], Buffer.from(o.text, 'utf8')));
        break;
      case 'system-capabilities': {
        const v = Buffer.alloc(4);
        writeU16(v, 0, o.capabilities);
        writeU16(v, 2, o.enabled);
        parts.push(tlv(LLDP_TLV.SYSTEM_CAPABILITIES, v));
        break;
      }
      case 'org': {
        const v = Buffer.alloc(4 + o.tlv.info.length);
        v[0] = o.tlv.oui >>> 16; v[1] = (o.tlv.oui >>> 8) & 0xff; v[2] = o.tlv.oui & 0xff; v[3] = o.tlv.subtype;
        v.set(o.tlv.info, 4);
        parts.push(tlv(LLDP_TLV.ORGANIZATIONALLY_SPECIFIC, v));
        break;
      }
      case 'raw':
        parts.push(tlv(o.tlv.type, o.tlv.value));
        break;
    }
  }
  parts.push(tlv(LLDP_TLV.END, new Uint8Array(0)));
  return Buffer.concat(parts);
}
