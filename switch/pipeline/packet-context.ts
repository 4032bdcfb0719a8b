/**
 * One packet on its way through the pipeline: the frame (replaced when a push/pop changes its
 * length), its flow key (re-extracted lazily after a header rewrite), the pipeline fields the
 * frame does not carry (metadata, tunnel_id) and the action set being built (§5.10).
 */
import { FLOW_KEY_FIELD } from '../../core/packet/flow-key-layout.js';
import { extractFlowKey, FlowKey } from '../../core/packet/flow-key.js';
import { ActionSet } from './action-set.js';

const O_METADATA = FLOW_KEY_FIELD.metadata.offset;
const O_TUNNEL_ID = FLOW_KEY_FIELD.tunnel_id.offset;

export class PacketContext {
  frame: Uint8Array;
  readonly key = new FlowKey();
  /** A header action changed the frame; the key must be re-extracted before it is read. */
  keyStale = false;
  readonly actionSet = new ActionSet();
  /** Table and cookie of the last flow entry that matched (for PACKET_IN). */
  tableId = 0;
  cookie = 0xffffffffffffffffn;
  /** The last matching entry was a table-miss entry: CONTROLLER output reports OFPR_NO_MATCH. */
  tableMiss = false;
  queueId = 0;
  /** Saved pipeline fields while re-extracting. */
  private readonly saved = new Uint8Array(16);

  inPort: number;

  /** `extract` false: the caller fills the key (clone). */
  constructor(frame: Uint8Array, inPort: number, extract = true) {
    this.frame = frame;
    this.inPort = inPort;
    if (extract) extractFlowKey(frame, inPort, this.key);
  }

  /** Starts over with a new packet, so the receive path can reuse one context (no allocation). */
  reset(frame: Uint8Array, inPort: number): void {
    this.frame = frame;
    this.inPort = inPort;
    extractFlowKey(frame, inPort, this.key);
    this.keyStale = false;
    if (this.actionSet.size > 0) this.actionSet.clear();
    this.tableId = 0;
    this.cookie = 0xffffffffffffffffn;
    this.tableMiss = false;
    this.queueId = 0;
  }

  /** Re-extracts the key from the rewritten frame, keeping metadata and tunnel_id. */
  fresh(): FlowKey {
    if (this.keyStale) {
      const b = this.key.bytes;
      this.saved.set(b.subarray(O_METADATA, O_METADATA + 8), 0);
      this.saved.set(b.subarray(O_TUNNEL_ID, O_TUNNEL_ID + 8), 8);
      extractFlowKey(this.frame, this.inPort, this.key);
      b.set(this.saved.subarray(0, 8), O_METADATA);
      b.set(this.saved.subarray(8, 16), O_TUNNEL_ID);
      this.keyStale = false;
    }
    return this.key;
  }

  /** A copy for a group bucket or an apply-time group: same frame bytes and fields, empty action set. */
  clone(): PacketContext {
    const c = new PacketContext(this.frame.slice(), this.inPort, false);
    const k = this.key, ck = c.key;
    ck.bytes.set(k.bytes);
    ck.ethTypeOffset = k.ethTypeOffset;
    ck.l2_5Offset = k.l2_5Offset;
    ck.l3Offset = k.l3Offset;
    ck.l4Offset = k.l4Offset;
    ck.vlanCount = k.vlanCount;
    ck.frameLength = k.frameLength;
    c.keyStale = this.keyStale;
    c.tableId = this.tableId;
    c.cookie = this.cookie;
    c.tableMiss = this.tableMiss;
    c.queueId = this.queueId;
    return c;
  }

  metadata(): bigint {
    const b = this.key.bytes;
    let v = 0n;
    for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(b[O_METADATA + i]!);
    return v;
  }

  tunnelId(): bigint {
    const b = this.key.bytes;
    let v = 0n;
    for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(b[O_TUNNEL_ID + i]!);
    return v;
  }

  /** write-metadata: metadata = (metadata & ~mask) | (value & mask), on 8 key bytes. */
  writeMetadata(value: Uint8Array, mask: Uint8Array): void {
    const b = this.key.bytes;
    for (let i = 0; i < 8; i++) b[O_METADATA + i] = (b[O_METADATA + i]! & ~mask[i]!) | (value[i]! & mask[i]!);
  }
}
