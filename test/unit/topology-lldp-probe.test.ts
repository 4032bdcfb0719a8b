import { describe, expect, it } from 'vitest';
import { MacAddress } from '../../core/net/mac-address.js';
import { decodePacket } from '../../core/packet/packet.js';
import { encodeLldp, LLDP_CHASSIS_ID_SUBTYPE, LLDP_PORT_ID_SUBTYPE } from '../../core/packet/lldp.js';
import { SLUICE_LLDP_OUI, buildProbe, verifyProbe } from '../../controller/topology/lldp-probe.js';
import { decodeLldp } from '../../core/packet/lldp.js';

const key = Buffer.alloc(32, 7);
const base = { dpid: 0xa1n, port: 3, seq: 42n, time: 1_000_000, srcMac: MacAddress.parse('02:00:00:00:00:03'), ttlSeconds: 4 };

function pduOf(frame: Buffer) {
  const p = decodePacket(frame);
  expect(p.eth.etherType).toBe(0x88cc);
  expect(p.eth.dst.toString()).toBe('01:80:c2:00:00:0e');
  return p.lldp!;
}

describe('LLDP probe', () => {
  it('round-trips dpid, port, sequence and time through a real LLDPDU', () => {
    const v = verifyProbe(key, pduOf(buildProbe(key, base)), { now: 1_000_100, maxAgeMs: 2500 });
    expect(v).toEqual({ ok: true, probe: { dpid: 0xa1n, port: 3, seq: 42n, time: 1_000_000 } });
  });

  it('names the port in text a capture shows', () => {
    const pdu = pduOf(buildProbe(key, base));
    expect(Buffer.from(pdu.chassisId.value).toString()).toBe('dpid:00000000000000a1');
    expect(Buffer.from(pdu.portId.value).toString()).toBe('3');
  });

  it('refuses a probe signed with another key (a host forging LLDP)', () => {
    const forged = buildProbe(Buffer.alloc(32, 8), base);
    expect(verifyProbe(key, pduOf(forged), { now: 1_000_100, maxAgeMs: 2500 })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a genuine probe whose port was rewritten', () => {
    const pdu = pduOf(buildProbe(key, base));
    pdu.portId = { subtype: LLDP_PORT_ID_SUBTYPE.LOCALLY_ASSIGNED, value: Buffer.from('4') };
    expect(verifyProbe(key, decodeLldp(encodeLldp(pdu)), { now: 1_000_100, maxAgeMs: 2500 })).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a stale probe (replay) and one from the future', () => {
    const pdu = pduOf(buildProbe(key, base));
    expect(verifyProbe(key, pdu, { now: 1_003_000, maxAgeMs: 2500 })).toEqual({ ok: false, reason: 'stale' });
    expect(verifyProbe(key, pdu, { now: 990_000, maxAgeMs: 2500 })).toEqual({ ok: false, reason: 'future' });
  });

  it('calls LLDP without our TLV foreign, not forged', () => {
    const pdu = {
      chassisId: { subtype: LLDP_CHASSIS_ID_SUBTYPE.MAC_ADDRESS, value: Buffer.from('020000000001', 'hex') },
      portId: { subtype: LLDP_PORT_ID_SUBTYPE.INTERFACE_NAME, value: Buffer.from('eth0') },
      ttl: 120,
      optional: [],
    };
    expect(verifyProbe(key, pdu, { now: 0, maxAgeMs: 1 })).toEqual({ ok: false, reason: 'not-ours' });
    const truncated = { ...pdu, optional: [{ kind: 'org' as const, tlv: { oui: SLUICE_LLDP_OUI, subtype: 1, info: Buffer.alloc(5) } }] };
    expect(verifyProbe(key, truncated, { now: 0, maxAgeMs: 1 })).toEqual({ ok: false, reason: 'malformed' });
  });
});
