/**
 * The packet path of the switch (OF1.3.5 §5.1, §5.9, §5.10): table 0 onwards, one lookup per
 * table, each matched entry's instructions in the spec's order (meter, apply-actions,
 * clear-actions, write-actions, write-metadata, goto-table), then the action set.
 *
 * A miss with no table-miss entry drops the packet (§5.4). Output semantics:
 * - a port number: that port, unless it is the ingress port (OFPP_IN_PORT must be used for
 *   that, §4.5), or the port is PORT_DOWN / NO_FWD (counted as tx drops);
 * - IN_PORT, ALL and FLOOD (every port but the ingress one and NO_FWD/down ports);
 * - CONTROLLER: PACKET_IN with buffer_id OFP_NO_BUFFER, at most max_len bytes, reason
 *   OFPR_NO_MATCH from a table-miss entry and OFPR_ACTION otherwise, the entry's cookie and
 *   table, and a match holding in_port plus metadata and tunnel_id when set; none when the
 *   ingress port is NO_PACKET_IN;
 * - LOCAL: this switch has no local port, so the packet is dropped;
 * - TABLE (packet-out only): the packet runs through the pipeline from table 0.
 * A TTL that would reach zero ends the packet with a PACKET_IN of reason OFPR_INVALID_TTL.
 */
import { OFPCML_NO_BUFFER } from '../../core/openflow/actions.js';
import { OFPGT, OFPR } from '../../core/openflow/constants.js';
import type { OxmTlv } from '../../core/openflow/match.js';
import type { PacketIn } from '../../core/openflow/messages/packet.js';
import { OFPP, OFPPC } from '../../core/openflow/port-desc.js';
import { FLOW_KEY_FIELD } from '../../core/packet/flow-key-layout.js';
import type { ExecAction } from './exec-action.js';
import type { FlowTables } from './flow-tables.js';
import type { GroupTable } from './group-table.js';
import * as hdr from './header-rewrite.js';
import { hashPacked } from './key-hash.js';
import type { MeterTable } from './meter-table.js';
import type { PacketContext } from './packet-context.js';
import type { SwitchPort } from './switch-port.js';

export interface PipelineDeps {
  readonly flows: FlowTables;
  readonly groups: GroupTable;
  readonly meters: MeterTable;
  readonly ports: ReadonlyMap<number, SwitchPort>;
  /** ofp_switch_config.miss_send_len: bytes of an INVALID_TTL packet-in. */
  missSendLen(): number;
  emitPacketIn(pi: PacketIn): void;
}

const O_ETH_TYPE = FLOW_KEY_FIELD.eth_type.offset;
const O_IP_DSCP = FLOW_KEY_FIELD.ip_dscp.offset;
const IP_DSCP = FLOW_KEY_FIELD.ip_dscp;
/** Chained groups and TABLE outputs nest; this bounds a pathological configuration. */
const MAX_DEPTH = 32;

/** fmix32 of murmur3 over the key hash, so `hash % totalWeight` spreads for small weights too. */
function selectHash(key: Uint8Array): number {
  let h = hashPacked(key);
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
  return h >>> 0;
}

export class Pipeline {
  /** The time of the burst being processed (one clock read per burst, not per packet). */
  now = 0;
  private depth = 0;

  constructor(private readonly deps: PipelineDeps) {}

  /** Runs a packet through the tables from `startTable` and executes its action set. */
  run(ctx: PacketContext, startTable = 0): void {
    const tables = this.deps.flows.tables;
    let tableId = startTable;
    const bytes = ctx.frame.length;
    for (;;) {
      const e = tables[tableId]!.lookup(ctx.fresh().bytes);
      if (e === undefined) return;
      e.packetCount++;
      e.byteCount += bytes;
      e.lastUsedMs = this.now;
      ctx.tableId = tableId;
      ctx.cookie = e.cookie;
      ctx.tableMiss = e.isTableMiss;
      const p = e.program;
      if (p.meterId !== undefined) {
        const verdict = this.deps.meters.apply(p.meterId, ctx.frame.length);
        if (verdict.kind === 'drop') return;
        if (verdict.kind === 'remark') this.remark(ctx, verdict.precLevel);
      }
      if (p.apply !== undefined && !this.applyList(ctx, p.apply)) return;
      if (p.clearActions) ctx.actionSet.clear();
      if (p.write !== undefined) ctx.actionSet.write(p.write);
      if (p.metadataValue !== undefined) ctx.writeMetadata(p.metadataValue, p.metadataMask!);
      if (p.gotoTable === undefined) break;
      tableId = p.gotoTable;
    }
    if (ctx.actionSet.size > 0) this.applyList(ctx, ctx.actionSet.ordered());
  }

  /** Executes an action list in order; false when the packet must go no further. */
  applyList(ctx: PacketContext, actions: readonly ExecAction[]): boolean {
    for (let i = 0; i < actions.length; i++) if (!this.execute(ctx, actions[i]!)) return false;
    return true;
  }

  private execute(ctx: PacketContext, a: ExecAction): boolean {
    switch (a.type) {
      case 'OUTPUT': this.output(ctx, a.port, a.maxLen); return true;
      case 'GROUP': this.group(ctx, a.groupId); return true;
      case 'SET_QUEUE': ctx.queueId = a.queueId; return true;
      case 'SET_FIELD': hdr.setField(ctx, a.field, a.bytes); return true;
      case 'PUSH_VLAN': hdr.pushVlan(ctx, a.ethertype); return true;
      case 'POP_VLAN': hdr.popVlan(ctx); return true;
      case 'PUSH_MPLS': hdr.pushMpls(ctx, a.ethertype); return true;
      case 'POP_MPLS': hdr.popMpls(ctx, a.ethertype); return true;
      case 'PUSH_PBB': hdr.pushPbb(ctx, a.ethertype); return true;
      case 'POP_PBB': hdr.popPbb(ctx); return true;
      case 'COPY_TTL_OUT': hdr.copyTtlOut(ctx); return true;
      case 'COPY_TTL_IN': hdr.copyTtlIn(ctx); return true;
      case 'SET_MPLS_TTL': hdr.setMplsTtl(ctx, a.mplsTtl); return true;
      case 'SET_NW_TTL': hdr.setNwTtl(ctx, a.nwTtl); return true;
      case 'DEC_MPLS_TTL':
        if (hdr.decMplsTtl(ctx)) return true;
        this.packetIn(ctx, OFPR.INVALID_TTL, this.deps.missSendLen());
        return false;
      case 'DEC_NW_TTL':
        if (hdr.decNwTtl(ctx)) return true;
        this.packetIn(ctx, OFPR.INVALID_TTL, this.deps.missSendLen());
        return false;
    }
  }

  output(ctx: PacketContext, port: number, maxLen: number): void {
    switch (port) {
      case OFPP.IN_PORT: this.send(ctx, ctx.inPort); return;
      case OFPP.ALL: case OFPP.FLOOD:
        for (const sp of this.deps.ports.values()) if (sp.portNo !== ctx.inPort) this.send(ctx, sp.portNo);
        return;
      case OFPP.CONTROLLER:
        this.packetIn(ctx, ctx.tableMiss ? OFPR.NO_MATCH : OFPR.ACTION, maxLen);
        return;
      case OFPP.TABLE:
        if (this.depth >= MAX_DEPTH) return;
        this.depth++;
        try { this.run(ctx.clone(), 0); } finally { this.depth--; }
        return;
      case OFPP.LOCAL: case OFPP.NORMAL: case OFPP.ANY:
        return;
      default:
        if (port !== ctx.inPort) this.send(ctx, port);
    }
  }

  private send(ctx: PacketContext, portNo: number): void {
    const sp = this.deps.ports.get(portNo);
    if (sp === undefined) return;
    if ((sp.config & (OFPPC.NO_FWD | OFPPC.PORT_DOWN)) !== 0) {
      sp.txDropped++;
      return;
    }
    sp.port.send(ctx.frame);
  }

  private group(ctx: PacketContext, groupId: number): void {
    const groups = this.deps.groups;
    const g = groups.groups.get(groupId);
    if (g === undefined || this.depth >= MAX_DEPTH) return;
    const buckets = groups.choose(g, g.groupType === OFPGT.SELECT ? selectHash(ctx.fresh().bytes) : 0);
    const bytes = ctx.frame.length;
    g.packetCount++;
    g.byteCount += bytes;
    this.depth++;
    try {
      for (const b of buckets) {
        b.packetCount++;
        b.byteCount += bytes;
        this.applyList(ctx.clone(), b.actions);
      }
    } finally {
      this.depth--;
    }
  }

  packetIn(ctx: PacketContext, reason: number, maxLen: number): void {
    const sp = this.deps.ports.get(ctx.inPort);
    if (sp !== undefined && (sp.config & OFPPC.NO_PACKET_IN) !== 0) return;
    const frame = ctx.frame;
    const len = maxLen === OFPCML_NO_BUFFER ? frame.length : Math.min(maxLen, frame.length);
    const fields: OxmTlv[] = [{ field: 'in_port', value: ctx.inPort }];
    const metadata = ctx.metadata();
    if (metadata !== 0n) fields.push({ field: 'metadata', value: metadata });
    const tunnelId = ctx.tunnelId();
    if (tunnelId !== 0n) fields.push({ field: 'tunnel_id', value: tunnelId });
    this.deps.emitPacketIn({
      type: 'PACKET_IN', xid: 0, bufferId: 0xffffffff, totalLen: frame.length, reason, tableId: ctx.tableId,
      cookie: ctx.cookie, match: { fields }, data: Buffer.from(frame.subarray(0, len)),
    });
  }

  /** DSCP_REMARK band: raise the AF drop precedence (DSCP bits 1-2) by `precLevel`, at most to 3. */
  private remark(ctx: PacketContext, precLevel: number): void {
    const k = ctx.fresh();
    const type = (k.bytes[O_ETH_TYPE]! << 8) | k.bytes[O_ETH_TYPE + 1]!;
    if ((type !== 0x0800 && type !== 0x86dd) || !k.has(IP_DSCP.bit)) return;
    const dscp = k.bytes[O_IP_DSCP]!;
    const dp = Math.min(3, ((dscp >> 1) & 3) + precLevel);
    hdr.setField(ctx, IP_DSCP, Uint8Array.of((dscp & ~0x06) | (dp << 1)));
  }
}
