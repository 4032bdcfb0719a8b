/**
 * A port as the datapath sees it: the `Port` plus what OpenFlow adds on top — its number, the
 * OFPPC_* config a controller set with PORT_MOD, the packets the pipeline dropped because of that
 * config, and its ofp_port description (§7.2.1).
 */
import type { PortStats } from '../../core/openflow/messages/port.js';
import { macText } from '../../core/net/index.js';
import { OFPPC, OFPPF, OFPPS, type PortDesc } from '../../core/openflow/port-desc.js';
import type { Port } from '../port/port.js';
import { durationOf } from './flow-tables.js';

/** OFPPF_* speed bit for a rate in kbps (full duplex), or OFPPF_OTHER. */
function speedFeature(kbps: number): number {
  switch (kbps) {
    case 10_000: return OFPPF['10MB_FD'];
    case 100_000: return OFPPF['100MB_FD'];
    case 1_000_000: return OFPPF['1GB_FD'];
    case 10_000_000: return OFPPF['10GB_FD'];
    case 40_000_000: return OFPPF['40GB_FD'];
    case 100_000_000: return OFPPF['100GB_FD'];
    case 1_000_000_000: return OFPPF['1TB_FD'];
    default: return OFPPF.OTHER;
  }
}

/** ofp_port.name holds 15 bytes of UTF-8 plus a NUL. */
function portName(name: string): string {
  let out = name;
  while (Buffer.byteLength(out, 'utf8') > 15) out = out.slice(0, -1);
  return out;
}

export class SwitchPort {
  /** OFPPC_* bits set by PORT_MOD. */
  config = 0;
  advertised = 0;
  /** Frames the pipeline refused because of the port's config (NO_RECV, NO_FWD, PORT_DOWN). */
  rxDropped = 0;
  txDropped = 0;
  unsubscribe: (() => void) | undefined;

  constructor(readonly port: Port, readonly portNo: number, readonly createdMs: number) {}

  /** Administratively down, by PORT_MOD or by the interface itself. */
  get down(): boolean {
    return (this.config & OFPPC.PORT_DOWN) !== 0 || !this.port.link.adminUp;
  }

  /** OFPPS_LIVE: usable for fast failover. */
  get live(): boolean {
    return !this.down && this.port.link.linkUp && this.port.lifecycle === 'open';
  }

  desc(): PortDesc {
    const link = this.port.link;
    const curr = link.speedKbps > 0 ? speedFeature(link.speedKbps) | OFPPF.COPPER : 0;
    let state = 0;
    if (!link.linkUp) state |= OFPPS.LINK_DOWN;
    if (this.live) state |= OFPPS.LIVE;
    return {
      portNo: this.portNo,
      hwAddr: macText(link.hwAddr, 0),
      name: portName(this.port.name),
      config: this.config | (link.adminUp ? 0 : OFPPC.PORT_DOWN),
      state,
      curr,
      advertised: this.advertised,
      supported: curr,
      peer: 0,
      currSpeed: link.speedKbps,
      maxSpeed: link.speedKbps,
    };
  }

  stats(now: number): PortStats {
    const c = this.port.counters();
    const b = (n: number): bigint => BigInt(Math.max(0, Math.floor(n)));
    return {
      portNo: this.portNo,
      rxPackets: b(c.rxPackets), txPackets: b(c.txPackets), rxBytes: b(c.rxBytes), txBytes: b(c.txBytes),
      rxDropped: b(c.rxDropped + this.rxDropped), txDropped: b(c.txDropped + this.txDropped),
      rxErrors: b(c.rxErrors), txErrors: b(c.txErrors), rxFrameErr: b(c.rxFrameErr), rxOverErr: b(c.rxOverErr),
      rxCrcErr: b(c.rxCrcErr), collisions: b(c.collisions), ...durationOf(this.createdMs, now),
    };
  }
}
