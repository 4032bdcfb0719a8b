/**
 * The context every packet-in processor receives. The OpenFlow server builds it once per
 * PACKET_IN (parsing the frame once) and dispatches it through the PacketIns chain.
 */
import type { PacketIn } from '../../core/openflow/messages/packet.js';
import type { DecodedPacket } from '../../core/packet/packet.js';
import type { DatapathHandle } from './datapaths.js';

export interface PacketInContext {
  readonly datapath: DatapathHandle;
  readonly inPort: number;
  readonly message: PacketIn;
  /** Parsed once, shared by every processor. */
  readonly packet: DecodedPacket;
  /** Milliseconds, from the kernel Clock. */
  readonly now: number;
}
