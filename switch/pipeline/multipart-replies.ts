/**
 * Answers MULTIPART_REQUESTs (OF1.3.5 §7.3.5) from the datapath's state, splitting any reply
 * whose body would not fit one message into several with OFPMPF_REPLY_MORE on all but the last.
 */
import { OFPAT } from '../../core/openflow/actions.js';
import { OFPMPF_REPLY_MORE, OFPQ_ALL } from '../../core/openflow/constants.js';
import { OFPBRC, OFPET, OFPQOFC, OFPTFFC } from '../../core/openflow/error-codes.js';
import { encodeFlowStats } from '../../core/openflow/messages/flow.js';
import { encodeGroupDesc, encodeGroupStats } from '../../core/openflow/messages/group.js';
import { encodeMeterConfig, encodeMeterStats } from '../../core/openflow/messages/meter.js';
import type { MultipartReply, MultipartReplyBody, MultipartRequest } from '../../core/openflow/messages/multipart.js';
import type { QueueStats } from '../../core/openflow/messages/queue.js';
import type { Desc } from '../../core/openflow/messages/switch-config.js';
import { OfpWriter } from '../../core/openflow/ofp-writer.js';
import { OFPP } from '../../core/openflow/port-desc.js';
import { encodeTableFeatures, type TableFeatures } from '../../core/openflow/table-features.js';
import type { FlowTables } from './flow-tables.js';
import { MAX_GROUPS, type GroupTable } from './group-table.js';
import type { MeterTable } from './meter-table.js';
import { ofpError } from './ofp-request-error.js';
import type { SwitchPort } from './switch-port.js';

export interface MultipartSources {
  readonly desc: Desc;
  readonly flows: FlowTables;
  readonly groups: GroupTable;
  readonly meters: MeterTable;
  readonly ports: ReadonlyMap<number, SwitchPort>;
  readonly tableFeatures: () => readonly TableFeatures[];
  now(): number;
}

/** Room for a body: the 16-byte multipart header inside a 65535-byte message, with margin. */
const MAX_BODY = 65_000;
const scratch = new OfpWriter(4096);

function sizer<T>(encode: (w: OfpWriter, t: T) => void): (t: T) => number {
  return (t) => { scratch.reset(); encode(scratch, t); return scratch.pos; };
}

/** Splits `items` into replies whose bodies stay under MAX_BODY bytes; always at least one reply. */
function split<T>(xid: number, items: readonly T[], sizeOf: (t: T) => number, body: (chunk: T[]) => MultipartReplyBody): MultipartReply[] {
  const chunks: T[][] = [[]];
  let used = 0;
  for (const it of items) {
    const n = sizeOf(it);
    if (used + n > MAX_BODY && chunks[chunks.length - 1]!.length > 0) { chunks.push([]); used = 0; }
    chunks[chunks.length - 1]!.push(it);
    used += n;
  }
  return chunks.map((c, i) => ({ type: 'MULTIPART_REPLY', xid, flags: i < chunks.length - 1 ? OFPMPF_REPLY_MORE : 0, body: body(c) }));
}

function one(xid: number, body: MultipartReplyBody): MultipartReply[] {
  return [{ type: 'MULTIPART_REPLY', xid, flags: 0, body }];
}

function selectPorts(s: MultipartSources, portNo: number, badPort: () => Error): SwitchPort[] {
  if (portNo === OFPP.ANY) return [...s.ports.values()].sort((a, b) => a.portNo - b.portNo);
  const sp = s.ports.get(portNo);
  if (!sp) throw badPort();
  return [sp];
}

export function multipartReplies(req: MultipartRequest, s: MultipartSources): MultipartReply[] {
  const { xid } = req;
  const b = req.body;
  switch (b.mpType) {
    case 'DESC':
      return one(xid, { mpType: 'DESC', ...s.desc });
    case 'FLOW':
      return split(xid, s.flows.flowStats(b), sizer(encodeFlowStats), (stats) => ({ mpType: 'FLOW', stats }));
    case 'AGGREGATE':
      return one(xid, { mpType: 'AGGREGATE', ...s.flows.aggregate(b) });
    case 'TABLE':
      return split(xid, s.flows.tables.map((t) => ({
        tableId: t.tableId, activeCount: t.size, lookupCount: BigInt(t.lookupCount), matchedCount: BigInt(t.matchedCount),
      })), () => 24, (stats) => ({ mpType: 'TABLE', stats }));
    case 'PORT_STATS': {
      const now = s.now();
      const ports = selectPorts(s, b.portNo, () => ofpError(OFPET.BAD_REQUEST, OFPBRC.BAD_PORT, `port ${b.portNo} does not exist`));
      return split(xid, ports.map((p) => p.stats(now)), () => 112, (stats) => ({ mpType: 'PORT_STATS', stats }));
    }
    case 'PORT_DESC':
      return split(xid, [...s.ports.values()].sort((a, c) => a.portNo - c.portNo).map((p) => p.desc()), () => 64,
        (ports) => ({ mpType: 'PORT_DESC', ports }));
    case 'QUEUE': {
      // One queue, 0, per port; its counters are the port's transmit counters.
      if (b.queueId !== OFPQ_ALL && b.queueId !== 0) throw ofpError(OFPET.QUEUE_OP_FAILED, OFPQOFC.BAD_QUEUE, `queue ${b.queueId} does not exist`);
      const now = s.now();
      const ports = selectPorts(s, b.portNo, () => ofpError(OFPET.QUEUE_OP_FAILED, OFPQOFC.BAD_PORT, `port ${b.portNo} does not exist`));
      const stats: QueueStats[] = ports.map((p) => {
        const ps = p.stats(now);
        return { portNo: p.portNo, queueId: 0, txBytes: ps.txBytes, txPackets: ps.txPackets, txErrors: ps.txErrors, durationSec: ps.durationSec, durationNsec: ps.durationNsec };
      });
      return split(xid, stats, () => 40, (st) => ({ mpType: 'QUEUE', stats: st }));
    }
    case 'GROUP':
      return split(xid, s.groups.stats(b.groupId), sizer(encodeGroupStats), (stats) => ({ mpType: 'GROUP', stats }));
    case 'GROUP_DESC':
      return split(xid, s.groups.descs(), sizer(encodeGroupDesc), (groups) => ({ mpType: 'GROUP_DESC', groups }));
    case 'GROUP_FEATURES': {
      let actions = 0;
      for (const code of Object.values(OFPAT)) if (code < 32) actions |= 1 << code;
      actions >>>= 0;
      return one(xid, {
        mpType: 'GROUP_FEATURES', types: 0b1111, capabilities: 0b1111,
        maxGroups: [MAX_GROUPS, MAX_GROUPS, MAX_GROUPS, MAX_GROUPS],
        actions: [actions, actions, actions, actions],
      });
    }
    case 'METER':
      return split(xid, s.meters.stats(b.meterId), sizer(encodeMeterStats), (stats) => ({ mpType: 'METER', stats }));
    case 'METER_CONFIG':
      return split(xid, s.meters.configs(b.meterId), sizer(encodeMeterConfig),
        (configs) => ({ mpType: 'METER_CONFIG', configs }));
    case 'METER_FEATURES':
      return one(xid, { mpType: 'METER_FEATURES', ...s.meters.features() });
    case 'TABLE_FEATURES':
      // Tables are fixed: a request that tries to set features is refused (§7.3.5.5.1).
      if (b.tables.length > 0) throw ofpError(OFPET.TABLE_FEATURES_FAILED, OFPTFFC.EPERM, 'table features cannot be changed');
      return split(xid, s.tableFeatures(), sizer(encodeTableFeatures), (tables) => ({ mpType: 'TABLE_FEATURES', tables }));
    case 'EXPERIMENTER':
      throw ofpError(OFPET.BAD_REQUEST, OFPBRC.BAD_EXPERIMENTER, `experimenter multipart 0x${b.experimenter.toString(16)}`);
  }
}
