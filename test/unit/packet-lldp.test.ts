import { describe, expect, it } from 'vitest';
import {
  ETH_TYPE, LLDP_CHASSIS_ID_SUBTYPE, LLDP_PORT_ID_SUBTYPE, PacketDecodeError, decodeEthernet, decodeLldp, decodePacket, encodeLldp,
} from '../../core/packet/index.js';

/**
 * An LLDP frame laid out by hand from IEEE 802.1AB-2016 §8.4-8.6: each TLV header is 7 bits of
 * type and 9 bits of length.
 */
const FRAME = Buffer.from([
  '0180c200000e', '001b213a4f5e', '88cc',
  '0207', '04', '001b213a4f5e',            // Chassis ID: subtype 4 (MAC address)
  '0405', '05', '65746830',                // Port ID: subtype 5 (interface name) "eth0"
  '0602', '0078',                          // TTL 120 s
  '0803', '737731',                        // Port Description "sw1"
  '0a04', '636f7265',                      // System Name "core"
  '0e04', '0014', '0004',                  // System Capabilities: bridge+router, bridge enabled
  'fe06', '0080c2', '01', '0064',          // 802.1 org-specific, subtype 1 (Port VLAN ID) 100
  '1005', '0501020304',                    // Management Address (kept raw)
  '0000',                                  // End
].join(''), 'hex');

function decodeError(fn: () => unknown): PacketDecodeError {
  try { fn(); } catch (e) { if (e instanceof PacketDecodeError) return e; throw e; }
  throw new Error('expected a PacketDecodeError');
}

describe('LLDP', () => {
  it('decodes an 802.1AB frame field by field', () => {
    const eth = decodeEthernet(FRAME);
    expect(eth.etherType).toBe(ETH_TYPE.LLDP);
    const pdu = decodeLldp(FRAME, eth.headerLength);
    expect(pdu.chassisId.subtype).toBe(LLDP_CHASSIS_ID_SUBTYPE.MAC_ADDRESS);
    expect(Buffer.from(pdu.chassisId.value).toString('hex')).toBe('001b213a4f5e');
    expect(pdu.portId).toEqual({ subtype: LLDP_PORT_ID_SUBTYPE.INTERFACE_NAME, value: new Uint8Array(Buffer.from('eth0')) });
    expect(pdu.ttl).toBe(120);
    expect(pdu.optional).toEqual([
      { kind: 'port-description', text: 'sw1' },
      { kind: 'system-name', text: 'core' },
      { kind: 'system-capabilities', capabilities: 0x14, enabled: 0x04 },
      { kind: 'org', tlv: { oui: 0x0080c2, subtype: 1, info: Uint8Array.of(0, 100) } },
      { kind: 'raw', tlv: { type: 8, value: Uint8Array.of(5, 1, 2, 3, 4) } },
    ]);
    expect(decodePacket(FRAME).lldp).toEqual(pdu);
  });

  it('re-encodes byte for byte', () => {
    expect(encodeLldp(decodeLldp(FRAME, 14))).toEqual(FRAME.subarray(14));
  });

  it('requires Chassis ID, Port ID and TTL first, in that order', () => {
    const swapped = Buffer.concat([Buffer.from('04050565746830', 'hex'), Buffer.from('020704001b213a4f5e06020078' + '0000', 'hex')]);
    expect(decodeError(() => decodeLldp(swapped)).reason).toBe('TLV 1 must be chassis_id (type 1), got 2');
    expect(decodeError(() => decodeLldp(Buffer.from('0207040011223344550000', 'hex'))).reason).toBe('TLV 2 must be port_id (type 2), got End');
  });

  it('reports a TLV longer than the frame and a missing End', () => {
    const long = Buffer.from(FRAME.subarray(14));
    long[1] = 0xff;
    expect(decodeError(() => decodeLldp(long))).toMatchObject({ layer: 'lldp.tlv[0]', offset: 2, truncated: true });
    expect(decodeError(() => decodeLldp(FRAME.subarray(14, FRAME.length - 2)))).toMatchObject({ truncated: true });
  });
});
