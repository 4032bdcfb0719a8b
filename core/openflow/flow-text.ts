/**
 * One-line text for matches, actions and instructions, for logs, `sluice ctl` and test failure
 * messages. Field names are the OXM names of oxm-fields.ts; actions and instructions follow
 * `ovs-ofctl -O OpenFlow13 dump-flows` spelling (output:2, set_field:…->eth_src, goto_table:4,
 * reserved ports by name) so the two can be read side by side.
 *
 * Text only: nothing parses it back, and it is not part of any wire or API contract.
 */
import type { Action } from './actions.js';
import type { Instruction } from './instructions.js';
import type { Match, OxmTlv } from './match.js';
import type { NxmFieldRef } from './nicira-actions.js';
import { OFPP } from './port-desc.js';

const PORT_NAMES = new Map<number, string>([
  [OFPP.IN_PORT, 'IN_PORT'], [OFPP.TABLE, 'TABLE'], [OFPP.NORMAL, 'NORMAL'], [OFPP.FLOOD, 'FLOOD'], [OFPP.ALL, 'ALL'],
  [OFPP.CONTROLLER, 'CONTROLLER'], [OFPP.LOCAL, 'LOCAL'], [OFPP.ANY, 'ANY'],
]);

function port(p: number): string {
  return PORT_NAMES.get(p) ?? String(p);
}

function hexNum(v: number | bigint): string {
  return `0x${v.toString(16)}`;
}

function value(v: number | bigint | string): string {
  return typeof v === 'string' ? v : typeof v === 'bigint' ? hexNum(v) : String(v);
}

export function formatOxm(t: OxmTlv): string {
  if (t.field === 'opaque') {
    const id = t.experimenter === undefined ? `${hexNum(t.oxmClass)}:${t.oxmField}` : `${hexNum(t.experimenter)}:${t.oxmField}`;
    return `oxm(${id}${t.hasMask ? ',masked' : ''})=0x${t.payload.toString('hex')}`;
  }
  return t.mask === undefined ? `${t.field}=${value(t.value)}` : `${t.field}=${value(t.value)}/${value(t.mask)}`;
}

/** "in_port=1,eth_type=2048,ipv4_dst=10.0.0.0/255.255.255.0"; an empty match is "any". */
export function formatMatch(m: Match): string {
  return m.fields.length === 0 ? 'any' : m.fields.map(formatOxm).join(',');
}

function ref(r: NxmFieldRef): string {
  return typeof r === 'number' ? hexNum(r) : r;
}

/** NXM bit range as OVS writes it: reg0[4..30]. */
function bits(field: NxmFieldRef, ofs: number, nBits: number): string {
  return `${ref(field)}[${ofs}..${ofs + nBits - 1}]`;
}

export function formatAction(a: Action): string {
  switch (a.type) {
    case 'OUTPUT':
      return a.port === OFPP.CONTROLLER ? `CONTROLLER:${a.maxLen}` : `output:${port(a.port)}`;
    case 'COPY_TTL_OUT': return 'copy_ttl_out';
    case 'COPY_TTL_IN': return 'copy_ttl_in';
    case 'SET_MPLS_TTL': return `set_mpls_ttl(${a.mplsTtl})`;
    case 'DEC_MPLS_TTL': return 'dec_mpls_ttl';
    case 'PUSH_VLAN': return `push_vlan:${hexNum(a.ethertype)}`;
    case 'POP_VLAN': return 'pop_vlan';
    case 'PUSH_MPLS': return `push_mpls:${hexNum(a.ethertype)}`;
    case 'POP_MPLS': return `pop_mpls:${hexNum(a.ethertype)}`;
    case 'SET_QUEUE': return `set_queue:${a.queueId}`;
    case 'GROUP': return `group:${a.groupId}`;
    case 'SET_NW_TTL': return `set_nw_ttl(${a.nwTtl})`;
    case 'DEC_NW_TTL': return 'dec_ttl';
    case 'SET_FIELD': {
      const t = a.field;
      if (t.field === 'opaque') return `set_field:${formatOxm(t)}`;
      return `set_field:${value(t.value)}${t.mask === undefined ? '' : `/${value(t.mask)}`}->${t.field}`;
    }
    case 'PUSH_PBB': return `push_pbb:${hexNum(a.ethertype)}`;
    case 'POP_PBB': return 'pop_pbb';
    case 'EXPERIMENTER': return `experimenter(${hexNum(a.experimenter)},0x${a.data.toString('hex')})`;
    case 'NX_RESUBMIT': return `resubmit:${port(a.inPort)}`;
    case 'NX_RESUBMIT_TABLE': return `resubmit(${a.inPort === 0xfff8 ? '' : port(a.inPort)},${a.tableId === 255 ? '' : a.tableId})`;
    case 'NX_SET_TUNNEL': return `set_tunnel:${hexNum(a.tunId)}`;
    case 'NX_SET_TUNNEL64': return `set_tunnel64:${hexNum(a.tunId)}`;
    case 'NX_SET_QUEUE': return `set_queue:${a.queueId}`;
    case 'NX_POP_QUEUE': return 'pop_queue';
    case 'NX_REG_MOVE': return `move:${bits(a.src, a.srcOfs, a.nBits)}->${bits(a.dst, a.dstOfs, a.nBits)}`;
    case 'NX_REG_LOAD': return `load:${hexNum(a.value)}->${bits(a.dst, a.ofsNbits >> 6, (a.ofsNbits & 0x3f) + 1)}`;
    case 'NX_REG_LOAD2': return `set_field:${formatOxm(a.field)}`;
    case 'NX_NOTE': return `note:${[...a.note].map((b) => b.toString(16).padStart(2, '0')).join('.')}`;
    case 'NX_OUTPUT_REG': return `output:${bits(a.src, a.ofsNbits >> 6, (a.ofsNbits & 0x3f) + 1)}`;
    case 'NX_LEARN': return `learn(table=${a.tableId},priority=${a.priority},${a.specs.length} specs)`;
    case 'NX_EXIT': return 'exit';
    case 'NX_DEC_TTL': return 'dec_ttl';
    case 'NX_FIN_TIMEOUT': return `fin_timeout(idle_timeout=${a.finIdleTimeout},hard_timeout=${a.finHardTimeout})`;
    case 'NX_CONTROLLER': return `controller(reason=${a.reason},max_len=${a.maxLen},id=${a.controllerId})`;
    case 'NX_DEC_TTL_CNT_IDS': return `dec_ttl(${a.controllerIds.join(',')})`;
    case 'NX_PUSH_MPLS': return `push_mpls:${hexNum(a.ethertype)}`;
    case 'NX_POP_MPLS': return `pop_mpls:${hexNum(a.ethertype)}`;
    case 'NX_SET_MPLS_TTL': return `set_mpls_ttl(${a.ttl})`;
    case 'NX_DEC_MPLS_TTL': return 'dec_mpls_ttl';
    case 'NX_SET_MPLS_LABEL': return `set_mpls_label(${a.label})`;
    case 'NX_SET_MPLS_TC': return `set_mpls_tc(${a.tc})`;
    case 'NX_STACK_PUSH': return `push:${bits(a.field, a.ofs, a.nBits)}`;
    case 'NX_STACK_POP': return `pop:${bits(a.field, a.ofs, a.nBits)}`;
    case 'NX_SAMPLE': case 'NX_SAMPLE2':
      return `sample(probability=${a.probability},collector_set_id=${a.collectorSetId},obs_domain_id=${a.obsDomainId},obs_point_id=${a.obsPointId})`;
    case 'NX_CONJUNCTION': return `conjunction(${a.id},${a.clause + 1}/${a.nClauses})`;
    case 'NX_CT': {
      const parts: string[] = [];
      if (a.flags & 1) parts.push('commit');
      if (a.recircTable !== 255) parts.push(`table=${a.recircTable}`);
      parts.push(a.zoneSrc === undefined ? `zone=${a.zoneOfsNbits}` : `zone=${bits(a.zoneSrc, a.zoneOfsNbits >> 6, (a.zoneOfsNbits & 0x3f) + 1)}`);
      if (a.actions.length > 0) parts.push(`exec(${formatActions(a.actions)})`);
      return `ct(${parts.join(',')})`;
    }
    case 'NX_NAT': {
      const lo = a.ipv4Min ?? a.ipv6Min;
      const hi = a.ipv4Max ?? a.ipv6Max;
      const range = lo === undefined ? '' : `=${lo}${hi === undefined ? '' : `-${hi}`}`;
      const ports = a.protoMin === undefined ? '' : `:${a.protoMin}${a.protoMax === undefined ? '' : `-${a.protoMax}`}`;
      const kind = a.flags & 1 ? 'src' : a.flags & 2 ? 'dst' : '';
      return `nat${kind === '' ? '' : `(${kind}${range}${ports})`}`;
    }
    case 'NX_CONTROLLER2': return `controller(${a.props.map((p) => p.type.toLowerCase()).join(',')})`;
    case 'NX_OUTPUT_TRUNC': return `output(port=${port(a.port)},max_len=${a.maxLen})`;
    case 'NX_CT_CLEAR': return 'ct_clear';
    case 'NX_DEC_NSH_TTL': return 'dec_nsh_ttl';
  }
}

/** Comma-separated actions; "drop" for an empty list, as ovs-ofctl prints it. */
export function formatActions(list: readonly Action[]): string {
  return list.length === 0 ? 'drop' : list.map(formatAction).join(',');
}

export function formatInstruction(i: Instruction): string {
  switch (i.type) {
    case 'GOTO_TABLE': return `goto_table:${i.tableId}`;
    case 'WRITE_METADATA': return `write_metadata:${hexNum(i.metadata)}/${hexNum(i.metadataMask)}`;
    case 'WRITE_ACTIONS': return `write_actions(${i.actions.map(formatAction).join(',')})`;
    case 'APPLY_ACTIONS': return formatActions(i.actions);
    case 'CLEAR_ACTIONS': return 'clear_actions';
    case 'METER': return `meter:${i.meterId}`;
    case 'EXPERIMENTER': return `experimenter(${hexNum(i.experimenter)},0x${i.data.toString('hex')})`;
  }
}

/** The instructions of a flow, in wire order, like ovs-ofctl's actions= column. */
export function formatInstructions(list: readonly Instruction[]): string {
  return list.length === 0 ? 'drop' : list.map(formatInstruction).join(',');
}
