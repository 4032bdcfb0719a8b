/**
 * fail-mode standalone: while no controller is connected the switch behaves as a MAC-learning
 * bridge, like Open vSwitch's fail-open. It is built from ordinary OpenFlow so the pipeline stays
 * the single source of forwarding semantics:
 *
 * - a catch-all at priority 0xfffe in table 0 sends every frame to the agent (OFPP_CONTROLLER,
 *   whole frame), overriding whatever a controller left behind, as fail-open does;
 * - the agent learns eth_src → in_port and answers each frame with a PACKET_OUT, to the learned
 *   port or to OFPP_ALL (which excludes the ingress port);
 * - once both ends of a conversation are known it installs (in_port, eth_dst) → output at
 *   0xffff with an idle timeout, so established traffic stays in the datapath.
 *
 * Every flow carries STANDALONE_COOKIE, so leaving standalone (a controller got through the
 * handshake) deletes exactly these flows and leaves the controller's own untouched.
 */
import { OFPFC, OFPTT_ALL, OFP_NO_BUFFER } from '../../core/openflow/constants.js';
import {
  OFPCML_NO_BUFFER, OFPG, encodeMessage, matchValue, type Action, type FlowMod, type OfpMessage, type PacketIn,
} from '../../core/openflow/index.js';
import { macText } from '../../core/net/index.js';
import { OFPP } from '../../core/openflow/port-desc.js';
import type { Logger } from '../../core/telemetry/index.js';
import type { DatapathLike } from './datapath-like.js';

/** "sluice-SA" in ASCII: recognisable in dump-flows. */
export const STANDALONE_COOKIE = 0x736c756963652d53n;
const ALL_ONES_64 = 0xffffffffffffffffn;
const MISS_PRIORITY = 0xfffe;
const LEARNED_PRIORITY = 0xffff;
const ETH_HEADER_LEN = 14;

export interface StandaloneOptions {
  /** Idle timeout of learned flows, seconds. Default 60. */
  idleTimeoutSec?: number;
  /** MAC table size; the oldest entry goes when it is full. Default 4096. */
  maxMacs?: number;
}

export class StandaloneLearning {
  private active = false;
  /** eth address text → port; Map keeps insertion order, which gives FIFO eviction for free. */
  private readonly macs = new Map<string, number>();
  private readonly idleTimeout: number;
  private readonly maxMacs: number;

  constructor(
    private readonly datapath: DatapathLike,
    private readonly log: Logger,
    options: StandaloneOptions = {},
  ) {
    this.idleTimeout = options.idleTimeoutSec ?? 60;
    this.maxMacs = options.maxMacs ?? 4096;
  }

  get engaged(): boolean {
    return this.active;
  }

  engage(): void {
    if (this.active) return;
    this.active = true;
    this.macs.clear();
    this.log.warn('no controller connected: fail-mode standalone, acting as a learning switch');
    this.apply(this.flowMod(OFPFC.ADD, MISS_PRIORITY, [], [{ type: 'OUTPUT', port: OFPP.CONTROLLER, maxLen: OFPCML_NO_BUFFER }], 0));
  }

  disengage(): void {
    if (!this.active) return;
    this.active = false;
    this.macs.clear();
    this.log.info('controller connected: leaving fail-mode standalone');
    this.apply({ ...this.flowMod(OFPFC.DELETE, 0, [], [], 0), tableId: OFPTT_ALL, cookieMask: ALL_ONES_64 });
  }

  /** True when the packet-in was caused by a standalone flow and has been handled here. */
  consume(pi: PacketIn): boolean {
    if (!this.active || pi.cookie !== STANDALONE_COOKIE) return false;
    const inPort = matchValue(pi.match, 'in_port');
    const frame = pi.data;
    if (inPort === undefined || frame.length < ETH_HEADER_LEN) return true;
    const dst = macText(frame, 0);
    const src = macText(frame, 6);
    if ((frame[6]! & 1) === 0) this.learn(src, inPort);
    const out = (frame[0]! & 1) === 0 ? this.macs.get(dst) : undefined;
    if (out !== undefined && out !== inPort) {
      this.apply(this.flowMod(OFPFC.ADD, LEARNED_PRIORITY,
        [{ field: 'in_port', value: inPort }, { field: 'eth_dst', value: dst }],
        [{ type: 'OUTPUT', port: out, maxLen: 0 }], this.idleTimeout));
    }
    if (out === inPort) return true; // both on the same segment: the frame has arrived already
    this.apply({
      type: 'PACKET_OUT', xid: 0, bufferId: OFP_NO_BUFFER, inPort,
      actions: [{ type: 'OUTPUT', port: out ?? OFPP.ALL, maxLen: 0 }], data: frame,
    });
    return true;
  }

  private learn(mac: string, port: number): void {
    const known = this.macs.get(mac);
    if (known === port) return;
    if (known !== undefined) {
      // The station moved: flows that still send towards its old port must go.
      this.macs.delete(mac);
      this.apply(this.flowMod(OFPFC.DELETE, 0, [{ field: 'eth_dst', value: mac }], [], 0));
    } else if (this.macs.size >= this.maxMacs) {
      const oldest = this.macs.keys().next().value;
      if (oldest !== undefined) this.macs.delete(oldest);
    }
    this.macs.set(mac, port);
  }

  private flowMod(
    command: number, priority: number, fields: FlowMod['match']['fields'],
    actions: readonly Action[], idleTimeout: number,
  ): FlowMod {
    return {
      type: 'FLOW_MOD', xid: 0, cookie: STANDALONE_COOKIE,
      cookieMask: command === OFPFC.ADD ? 0n : ALL_ONES_64,
      tableId: command === OFPFC.ADD ? 0 : OFPTT_ALL, command, idleTimeout, hardTimeout: 0, priority,
      bufferId: OFP_NO_BUFFER, outPort: OFPP.ANY, outGroup: OFPG.ANY, flags: 0, match: { fields },
      instructions: actions.length === 0 ? [] : [{ type: 'APPLY_ACTIONS', actions }],
    };
  }

  private apply(msg: OfpMessage): void {
    for (const reply of this.datapath.handle(msg, encodeMessage(msg))) {
      if (reply.type === 'ERROR') this.log.error('standalone flow rejected by the datapath', { command: msg.type, reply });
    }
  }
}
