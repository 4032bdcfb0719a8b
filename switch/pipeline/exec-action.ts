/**
 * Actions as the datapath executes them: OpenFlow's actions with set-field pre-compiled to the
 * field's flow-key slot and value bytes, so no address text is parsed per packet.
 *
 * `compileActions` is also where actions are validated (OF1.3.5 §7.4.4 OFPBAC_* codes), once per
 * flow-mod, group-mod or packet-out, never per packet.
 */
import { OFPCML_MAX, OFPCML_NO_BUFFER, type Action } from '../../core/openflow/actions.js';
import { OFPBAC, OFPET } from '../../core/openflow/error-codes.js';
import { OFPP } from '../../core/openflow/port-desc.js';
import { FLOW_KEY_FIELD, type FlowKeyField, type FlowKeyFieldName } from '../../core/packet/flow-key-layout.js';
import { oxmValueBytes } from './compiled-match.js';
import { ofpError } from './ofp-request-error.js';

export type ExecAction =
  | { readonly type: 'OUTPUT'; readonly port: number; readonly maxLen: number }
  | { readonly type: 'COPY_TTL_OUT' | 'COPY_TTL_IN' | 'DEC_MPLS_TTL' | 'POP_VLAN' | 'DEC_NW_TTL' | 'POP_PBB' }
  | { readonly type: 'SET_MPLS_TTL'; readonly mplsTtl: number }
  | { readonly type: 'SET_NW_TTL'; readonly nwTtl: number }
  | { readonly type: 'PUSH_VLAN' | 'PUSH_MPLS' | 'PUSH_PBB' | 'POP_MPLS'; readonly ethertype: number }
  | { readonly type: 'SET_QUEUE'; readonly queueId: number }
  | { readonly type: 'GROUP'; readonly groupId: number }
  | { readonly type: 'SET_FIELD'; readonly field: FlowKeyField; readonly bytes: Uint8Array };

/** Fields a set-field may write (the rest are pipeline-only or describe the packet's structure). */
export const SETTABLE_FIELDS: ReadonlySet<FlowKeyFieldName> = new Set<FlowKeyFieldName>([
  'eth_dst', 'eth_src', 'vlan_vid', 'vlan_pcp', 'ip_dscp', 'ip_ecn', 'ipv4_src', 'ipv4_dst', 'tcp_src', 'tcp_dst',
  'udp_src', 'udp_dst', 'sctp_src', 'sctp_dst', 'icmpv4_type', 'icmpv4_code', 'arp_op', 'arp_spa', 'arp_tpa',
  'arp_sha', 'arp_tha', 'ipv6_src', 'ipv6_dst', 'ipv6_flabel', 'icmpv6_type', 'icmpv6_code', 'ipv6_nd_target',
  'ipv6_nd_sll', 'ipv6_nd_tll', 'mpls_label', 'mpls_tc', 'mpls_bos', 'pbb_isid', 'tunnel_id',
]);

export interface ActionChecks {
  groupExists(groupId: number): boolean;
  /** Packet-out only: OUTPUT:TABLE runs the pipeline. */
  allowTable: boolean;
}

const badAction = (code: number, message: string): Error => ofpError(OFPET.BAD_ACTION, code, message);

function checkOutputPort(port: number, maxLen: number, checks: ActionChecks): void {
  const ok = (port >= 1 && port <= OFPP.MAX) || port === OFPP.IN_PORT || port === OFPP.FLOOD || port === OFPP.ALL
    || port === OFPP.CONTROLLER || port === OFPP.LOCAL || (port === OFPP.TABLE && checks.allowTable);
  if (!ok) throw badAction(OFPBAC.BAD_OUT_PORT, `output to port 0x${port.toString(16)} is not allowed here`);
  if (port === OFPP.CONTROLLER && maxLen > OFPCML_MAX && maxLen !== OFPCML_NO_BUFFER) {
    throw badAction(OFPBAC.BAD_ARGUMENT, `controller max_len ${maxLen} is above OFPCML_MAX`);
  }
}

export function compileAction(a: Action, checks: ActionChecks): ExecAction {
  switch (a.type) {
    case 'OUTPUT':
      checkOutputPort(a.port, a.maxLen, checks);
      return a;
    case 'COPY_TTL_OUT': case 'COPY_TTL_IN': case 'DEC_MPLS_TTL': case 'POP_VLAN': case 'DEC_NW_TTL': case 'POP_PBB':
    case 'SET_MPLS_TTL': case 'SET_NW_TTL': case 'POP_MPLS':
      return a;
    case 'PUSH_VLAN':
      if (a.ethertype !== 0x8100 && a.ethertype !== 0x88a8) throw badAction(OFPBAC.BAD_ARGUMENT, `push_vlan ethertype 0x${a.ethertype.toString(16)}`);
      return a;
    case 'PUSH_MPLS':
      if (a.ethertype !== 0x8847 && a.ethertype !== 0x8848) throw badAction(OFPBAC.BAD_ARGUMENT, `push_mpls ethertype 0x${a.ethertype.toString(16)}`);
      return a;
    case 'PUSH_PBB':
      if (a.ethertype !== 0x88e7) throw badAction(OFPBAC.BAD_ARGUMENT, `push_pbb ethertype 0x${a.ethertype.toString(16)}`);
      return a;
    case 'SET_QUEUE':
      // One queue (0) per port.
      if (a.queueId !== 0) throw badAction(OFPBAC.BAD_QUEUE, `queue ${a.queueId} does not exist`);
      return a;
    case 'GROUP':
      if (!checks.groupExists(a.groupId)) throw badAction(OFPBAC.BAD_OUT_GROUP, `group ${a.groupId} does not exist`);
      return a;
    case 'SET_FIELD': {
      const tlv = a.field;
      if (tlv.field === 'opaque' || !(tlv.field in FLOW_KEY_FIELD) || !SETTABLE_FIELDS.has(tlv.field as FlowKeyFieldName)) {
        throw badAction(OFPBAC.BAD_SET_TYPE, `set-field of ${tlv.field === 'opaque' ? 'an unknown field' : tlv.field} is not supported`);
      }
      const f = FLOW_KEY_FIELD[tlv.field as FlowKeyFieldName];
      if (tlv.mask !== undefined) throw badAction(OFPBAC.BAD_SET_ARGUMENT, `set-field of ${f.name} cannot be masked in OpenFlow 1.3`);
      const bytes = new Uint8Array(f.width);
      if (!oxmValueBytes(f, tlv.value, bytes, 0)) throw badAction(OFPBAC.BAD_SET_ARGUMENT, `set-field value for ${f.name} does not fit`);
      // vlan_vid may carry OFPVID_PRESENT; other fields must fit their meaningful width.
      const bits = f.name === 'vlan_vid' ? 13 : f.bits;
      let v = 0;
      for (let i = 0; i < Math.min(f.width, 4); i++) v = v * 256 + bytes[i]!;
      if (f.width <= 4 && bits < 32 && v >= 2 ** bits) throw badAction(OFPBAC.BAD_SET_ARGUMENT, `set-field value ${v} exceeds ${f.name}'s ${f.bits} bits`);
      return { type: 'SET_FIELD', field: f, bytes };
    }
    case 'EXPERIMENTER':
      throw badAction(OFPBAC.BAD_EXPERIMENTER, `experimenter action 0x${a.experimenter.toString(16)} is not supported`);
    default:
      throw badAction(OFPBAC.BAD_EXPERIMENTER, `action ${(a as { type: string }).type} is not supported`);
  }
}

export function compileActions(actions: readonly Action[], checks: ActionChecks): ExecAction[] {
  return actions.map((a) => compileAction(a, checks));
}

/** Whether an action list outputs to `port` (flow-mod/stat out_port filters). */
export function outputsTo(actions: readonly ExecAction[] | undefined, port: number): boolean {
  return actions !== undefined && actions.some((a) => a.type === 'OUTPUT' && a.port === port);
}

export function usesGroup(actions: readonly ExecAction[] | undefined, groupId: number): boolean {
  return actions !== undefined && actions.some((a) => a.type === 'GROUP' && a.groupId === groupId);
}
