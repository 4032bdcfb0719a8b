/**
 * What the OpenFlow agent needs from the switch pipeline. `switch/pipeline/datapath.ts` implements
 * it; the agent depends only on this face so it can be tested against a small double and so the
 * pipeline never learns about TCP, roles or controllers.
 */
import type { FlowRemoved, OfpMessage, PacketIn, PortStatus } from '../../core/openflow/index.js';

export interface DatapathLike {
  /**
   * Executes one controller-to-switch command (FLOW_MOD, GROUP_MOD, METER_MOD, PORT_MOD,
   * TABLE_MOD, PACKET_OUT, MULTIPART_REQUEST, FEATURES_REQUEST, GET_CONFIG_REQUEST, SET_CONFIG,
   * QUEUE_GET_CONFIG_REQUEST, BARRIER_REQUEST) and returns its replies, OFPT_ERROR included.
   * `raw` is the message as received, for the data of an error reply.
   */
  handle(msg: OfpMessage, raw: Buffer): OfpMessage[];
  onPacketIn(cb: (pi: PacketIn) => void): void;
  onFlowRemoved(cb: (fr: FlowRemoved) => void): void;
  onPortStatus(cb: (ps: PortStatus) => void): void;
}
