/**
 * The LLDP probe the controller sends out of every switch port, and its verification.
 *
 * A probe names the port it left by (dpid, port_no): Chassis ID "dpid:<16 hex>" and Port ID
 * "<port_no>", both locally assigned (802.1AB Tables 8-2/8-3 subtype 7) and readable in
 * tcpdump. When it comes back as a packet-in from another switch port, the pair is a link.
 *
 * Anyone on an edge port can send LLDP too, so a probe also carries an organizationally
 * specific TLV with a sequence number, the send time and an HMAC-SHA256 (truncated to 128
 * bits) over (dpid, port, sequence, time) keyed by a controller secret. Without the key a host
 * cannot name a port it is not on (the link-fabrication attack of CVE-2015-1610); the time
 * bounds how long a captured probe is worth replaying, and the receiver's per-source-port
 * sequence check (topology-state.ts) refuses a probe accepted before. Not stopped: a live
 * relay of a fresh probe between two host ports (two colluding or dual-homed hosts) within
 * the replay window; that needs evidence from host traffic, as TopoGuard collects.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MacAddress } from '../../core/net/mac-address.js';
import { encodeEthernet } from '../../core/packet/ethernet.js';
import { LLDP_CHASSIS_ID_SUBTYPE, LLDP_MULTICAST, LLDP_PORT_ID_SUBTYPE, type LldpPdu, encodeLldp } from '../../core/packet/lldp.js';
import { ETH_TYPE } from '../../core/packet/protocol-numbers.js';
import type { Dpid } from '../services/datapaths.js';

/** OUI of sluice's org-specific TLV. Not IEEE-registered; only sluice reads it. */
export const SLUICE_LLDP_OUI = 0x5c1ce0;
export const SLUICE_LLDP_SUBTYPE_AUTH = 1;
const AUTH_VERSION = 1;
/** version(1) + sequence(8) + time(8) + tag(16). */
const AUTH_INFO_LENGTH = 33;
const TAG_LENGTH = 16;
const CHASSIS_PREFIX = 'dpid:';

export interface ProbeFields {
  dpid: Dpid;
  port: number;
  /** Strictly increasing per controller start. */
  seq: bigint;
  /** Wall-clock ms at send. */
  time: number;
}

export interface ProbeBuild extends ProbeFields {
  /** Source MAC: the port's hardware address (802.1AB §7.1 b). */
  srcMac: MacAddress;
  ttlSeconds: number;
}

function tag(key: Uint8Array, f: ProbeFields): Buffer {
  const msg = Buffer.alloc(8 + 4 + 8 + 8);
  msg.writeBigUInt64BE(f.dpid, 0);
  msg.writeUInt32BE(f.port, 8);
  msg.writeBigUInt64BE(f.seq, 12);
  msg.writeBigUInt64BE(BigInt(Math.floor(f.time)), 20);
  return createHmac('sha256', key).update('sluice-lldp-v1').update(msg).digest().subarray(0, TAG_LENGTH);
}

export function buildProbe(key: Uint8Array, p: ProbeBuild): Buffer {
  const info = Buffer.alloc(AUTH_INFO_LENGTH);
  info[0] = AUTH_VERSION;
  info.writeBigUInt64BE(p.seq, 1);
  info.writeBigUInt64BE(BigInt(Math.floor(p.time)), 9);
  tag(key, p).copy(info, 17);
  const pdu: LldpPdu = {
    chassisId: { subtype: LLDP_CHASSIS_ID_SUBTYPE.LOCALLY_ASSIGNED, value: Buffer.from(CHASSIS_PREFIX + p.dpid.toString(16).padStart(16, '0')) },
    portId: { subtype: LLDP_PORT_ID_SUBTYPE.LOCALLY_ASSIGNED, value: Buffer.from(String(p.port)) },
    ttl: p.ttlSeconds,
    optional: [{ kind: 'org', tlv: { oui: SLUICE_LLDP_OUI, subtype: SLUICE_LLDP_SUBTYPE_AUTH, info } }],
  };
  return encodeEthernet({ dst: MacAddress.parse(LLDP_MULTICAST), src: p.srcMac, vlans: [], etherType: ETH_TYPE.LLDP }, encodeLldp(pdu));
}

export type ProbeVerdict =
  | { ok: true; probe: ProbeFields }
  | { ok: false; reason: 'not-ours' | 'malformed' | 'bad-signature' | 'stale' | 'future' };

export interface VerifyOptions {
  /** Wall-clock ms now. */
  now: number;
  /** Older probes are refused as replays. */
  maxAgeMs: number;
  /** Tolerated clock step backwards between send and receive. */
  maxFutureMs?: number;
}

/**
 * Checks a received LLDPDU. 'not-ours' is an LLDPDU without sluice's TLV (a real switch's or
 * a host's LLDP agent): it is not a link either, just not an attack worth a warning.
 */
export function verifyProbe(key: Uint8Array, pdu: LldpPdu, opts: VerifyOptions): ProbeVerdict {
  const org = pdu.optional.find((o) => o.kind === 'org' && o.tlv.oui === SLUICE_LLDP_OUI && o.tlv.subtype === SLUICE_LLDP_SUBTYPE_AUTH);
  if (org === undefined || org.kind !== 'org') return { ok: false, reason: 'not-ours' };
  const info = Buffer.from(org.tlv.info);
  if (info.length !== AUTH_INFO_LENGTH || info[0] !== AUTH_VERSION) return { ok: false, reason: 'malformed' };
  if (pdu.chassisId.subtype !== LLDP_CHASSIS_ID_SUBTYPE.LOCALLY_ASSIGNED || pdu.portId.subtype !== LLDP_PORT_ID_SUBTYPE.LOCALLY_ASSIGNED) {
    return { ok: false, reason: 'malformed' };
  }
  const chassis = Buffer.from(pdu.chassisId.value).toString('latin1');
  const portText = Buffer.from(pdu.portId.value).toString('latin1');
  if (!chassis.startsWith(CHASSIS_PREFIX) || !/^[0-9a-f]{16}$/.test(chassis.slice(CHASSIS_PREFIX.length)) || !/^\d{1,10}$/.test(portText)) {
    return { ok: false, reason: 'malformed' };
  }
  const port = Number(portText);
  if (port > 0xffffffff) return { ok: false, reason: 'malformed' };
  const probe: ProbeFields = {
    dpid: BigInt(`0x${chassis.slice(CHASSIS_PREFIX.length)}`),
    port,
    seq: info.readBigUInt64BE(1),
    time: Number(info.readBigUInt64BE(9)),
  };
  if (!timingSafeEqual(tag(key, probe), info.subarray(17))) return { ok: false, reason: 'bad-signature' };
  // Signature first: a forged probe must not learn anything from which check failed.
  if (opts.now - probe.time > opts.maxAgeMs) return { ok: false, reason: 'stale' };
  if (probe.time - opts.now > (opts.maxFutureMs ?? 1000)) return { ok: false, reason: 'future' };
  return { ok: true, probe };
}
