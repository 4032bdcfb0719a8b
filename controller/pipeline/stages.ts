/**
 * The pipeline map: the ONLY module that knows OpenFlow table numbers.
 *
 * sluice programs every switch as a Faucet-style multi-table pipeline, so that plugins never
 * clobber each other's flows: each stage owns one table, and a packet walks the stages in this
 * order unless a flow sends it elsewhere.
 *
 *   table 0  admission       ACLs, zero-trust admission, LLDP/control traffic capture
 *   table 1  classification  QoS marking, IDS/ML sampling
 *   table 2  nat             address and port rewriting, load balancing
 *   table 3  l3              IPv4/IPv6 routing
 *   table 4  l2              MAC learning and forwarding
 *   table 5  egress          last chance per output: the miss goes to the controller
 *
 * Every stage's table-miss flow (priority 0, match all) is a goto-table to the next stage, so
 * a stage with no flows is transparent. The last stage's miss sends the packet to the controller
 * (OFPCML_NO_BUFFER, whole frame): a packet that no stage forwarded is exactly the one the
 * packet-in chain exists for (reactive L2 learns from it; with no forwarding plugin the
 * controller at least sees it). Dropping instead would make a switch silently black-hole
 * traffic whenever a plugin is disabled.
 *
 * A stage may only goto a stage listed in its `next`; `StageTable` refuses anything else, and
 * refuses match fields the stage never declared, so a plugin cannot quietly bypass admission
 * or build flows in a table it does not understand.
 *
 * Table ids are derived from the order of STAGES (index = table id), never written by hand
 * elsewhere: callers name stages, `tableOf` turns names into numbers.
 */
import type { Instruction } from '../../core/openflow/instructions.js';
import type { Match } from '../../core/openflow/match.js';
import type { OxmFieldName } from '../../core/openflow/oxm-fields.js';
import type { FlowSpec } from '../services/flows.js';
import { cookieFor } from './cookie-owners.js';

export { COOKIE_OWNERS, type CookieOwner, cookieFor, cookieOwnerOf, isOurCookie, OWNER_COOKIE_MASK, SLUICE_COOKIE_MARK } from './cookie-owners.js';

export class PipelineError extends Error {
  override readonly name = 'PipelineError';
}

export interface StageSpec {
  readonly name: string;
  /** Stages a flow in this stage may goto. The first one is where the table-miss goes. */
  readonly next: readonly string[];
  /** OXM fields flows in this stage may match on. */
  readonly match: readonly OxmFieldName[];
}

// Field groups, so each stage's list reads as intent rather than a wall of names.
const L2_FIELDS = ['in_port', 'eth_src', 'eth_dst', 'eth_type', 'vlan_vid', 'vlan_pcp', 'metadata'] as const;
const ARP_FIELDS = ['arp_op', 'arp_spa', 'arp_tpa', 'arp_sha', 'arp_tha'] as const;
const IP_FIELDS = [
  'ip_dscp', 'ip_ecn', 'ip_proto', 'ipv4_src', 'ipv4_dst', 'ipv6_src', 'ipv6_dst', 'ipv6_flabel',
] as const;
const L4_FIELDS = [
  'tcp_src', 'tcp_dst', 'udp_src', 'udp_dst', 'sctp_src', 'sctp_dst', 'icmpv4_type', 'icmpv4_code',
  'icmpv6_type', 'icmpv6_code', 'ipv6_nd_target', 'ipv6_nd_sll', 'ipv6_nd_tll',
] as const;
const ALL_FIELDS = [...L2_FIELDS, ...ARP_FIELDS, ...IP_FIELDS, ...L4_FIELDS] as const;

export const STAGES = [
  { name: 'admission', next: ['classification', 'nat', 'l3', 'l2', 'egress'], match: ALL_FIELDS },
  { name: 'classification', next: ['nat', 'l3', 'l2', 'egress'], match: ALL_FIELDS },
  { name: 'nat', next: ['l3', 'l2', 'egress'], match: [...L2_FIELDS, ...IP_FIELDS, ...L4_FIELDS] },
  { name: 'l3', next: ['l2', 'egress'], match: [...L2_FIELDS, ...ARP_FIELDS, ...IP_FIELDS, 'icmpv4_type', 'icmpv6_type', 'ipv6_nd_target'] },
  { name: 'l2', next: ['egress'], match: [...L2_FIELDS, ...ARP_FIELDS] },
  { name: 'egress', next: [], match: ['in_port', 'metadata', 'eth_dst', 'eth_type', 'vlan_vid'] },
] as const satisfies readonly StageSpec[];

export type StageName = (typeof STAGES)[number]['name'];

export const STAGE_NAMES: readonly StageName[] = STAGES.map((s) => s.name);

/** Number of tables the pipeline needs; a switch with fewer cannot run it. */
export const PIPELINE_TABLES = STAGES.length;

/** Priority of the table-miss flows the controller installs (OF1.3.5 §5.4: priority 0, match all). */
export const TABLE_MISS_PRIORITY = 0;

export function isStageName(name: string): name is StageName {
  return (STAGE_NAMES as readonly string[]).includes(name);
}

function stageSpec(name: string): StageSpec {
  const spec = STAGES.find((s) => s.name === name);
  if (spec === undefined) throw new PipelineError(`unknown pipeline stage ${JSON.stringify(name)} (stages: ${STAGE_NAMES.join(', ')})`);
  return spec;
}

/** The table id of a stage. */
export function tableOf(stage: string): number {
  stageSpec(stage);
  return STAGE_NAMES.indexOf(stage as StageName);
}

/** The stage that owns a table id, if the pipeline uses that table. */
export function stageOfTable(tableId: number): StageName | undefined {
  return STAGE_NAMES[tableId];
}

/**
 * One owner's handle on one stage. It builds FlowSpecs for the flow service and refuses
 * anything off the map: gotos to stages not in `next`, match fields the stage does not declare.
 */
export class StageTable {
  readonly spec: StageSpec;
  readonly tableId: number;

  constructor(
    readonly stage: StageName,
    readonly owner: string,
  ) {
    this.spec = stageSpec(stage);
    this.tableId = tableOf(stage);
    cookieFor(owner, 0n); // validates the owner now, not at the first flow
  }

  /** A goto-table instruction to `next`, if the map allows it. */
  goto(next: StageName): Instruction {
    if (!this.spec.next.includes(next)) {
      throw new PipelineError(`${this.stage} may not goto ${next} (allowed: ${this.spec.next.join(', ') || 'none'})`);
    }
    return { type: 'GOTO_TABLE', tableId: tableOf(next) };
  }

  /** A flow in this stage; checks the match and every goto. */
  flow(priority: number, match: Match, instructions: Instruction[], extra: Omit<FlowSpec, 'stage' | 'priority' | 'match' | 'instructions'> = {}): FlowSpec {
    const spec: FlowSpec = { ...extra, stage: this.stage, priority, match, instructions };
    checkFlowSpec(spec);
    return spec;
  }
}

/**
 * Checks a FlowSpec against the map: known stage, priority in range, declared match fields,
 * gotos only to the stage's `next`. The flow service calls this on every install, so specs
 * built without a StageTable are held to the same rules.
 */
export function checkFlowSpec(spec: FlowSpec): void {
  const stage = stageSpec(spec.stage);
  if (!Number.isInteger(spec.priority) || spec.priority < 0 || spec.priority > 0xffff) {
    throw new PipelineError(`${spec.stage}: priority must be 0-65535, got ${spec.priority}`);
  }
  for (const f of spec.match.fields) {
    if (f.field === 'opaque') continue; // vendor fields: the switch judges them
    if (!(stage.match as readonly string[]).includes(f.field)) {
      throw new PipelineError(`${spec.stage} does not match on ${f.field} (allowed: ${stage.match.join(', ')})`);
    }
  }
  for (const ins of spec.instructions) {
    if (ins.type !== 'GOTO_TABLE') continue;
    const target = stageOfTable(ins.tableId);
    if (target === undefined || !stage.next.includes(target)) {
      throw new PipelineError(`${spec.stage} may not goto table ${ins.tableId}${target ? ` (${target})` : ''} (allowed: ${stage.next.join(', ') || 'none'})`);
    }
  }
}
