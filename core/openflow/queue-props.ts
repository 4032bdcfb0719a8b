/**
 * ofp_packet_queue and its properties (OpenFlow 1.3.5 §7.3.5.8 / §7.2.2), as in the
 * QUEUE_GET_CONFIG reply. Lengths are taken as sent: the spec's structures are multiples of 8, but
 * experimenter properties in the wild (and in Ryu's corpus) are not padded, so nothing is
 * padded on output either and every length is recomputed from the content.
 */
import { OfpEncodeError } from './encode-error.js';
import { OFPBRC, OFPET } from './error-codes.js';
import type { OfpReader } from './ofp-reader.js';
import type { OfpWriter } from './ofp-writer.js';

/** enum ofp_queue_properties. */
export const OFPQT = { MIN_RATE: 1, MAX_RATE: 2, EXPERIMENTER: 0xffff } as const;

/** Rate value meaning "not configured" (in 1/10 of a percent otherwise). */
export const OFPQ_RATE_DISABLED = 0xffff;

export type QueueProp =
  | { readonly type: 'MIN_RATE'; readonly rate: number }
  | { readonly type: 'MAX_RATE'; readonly rate: number }
  | { readonly type: 'EXPERIMENTER'; readonly experimenter: number; readonly data: Buffer }
  /** A property type OF1.3 does not define, kept verbatim (body after the 8-byte header). */
  | { readonly type: 'UNKNOWN'; readonly property: number; readonly data: Buffer };

export interface PacketQueue {
  readonly queueId: number;
  readonly port: number;
  readonly properties: readonly QueueProp[];
}

const BAD_LEN = { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN } as const;

/** Reads one ofp_packet_queue (its own `len` bounds the properties). */
export function decodePacketQueue(r: OfpReader): PacketQueue {
  if (r.remaining < 16) throw r.error('ofp_packet_queue', `needs 16 bytes, ${r.remaining} left`, BAD_LEN);
  const queueId = r.u32('ofp_packet_queue.queue_id');
  const port = r.u32('ofp_packet_queue.port');
  const len = r.u16('ofp_packet_queue.len');
  if (len < 16 || len - 10 > r.remaining) {
    r.pos -= 2;
    throw r.error('ofp_packet_queue.len', `queue length ${len} is not within 16..${r.remaining + 10}`, BAD_LEN);
  }
  r.skip(6, 'ofp_packet_queue.pad');
  const body = r.sub(len - 16, 'ofp_packet_queue.properties');
  const properties: QueueProp[] = [];
  while (body.remaining > 0) properties.push(decodeQueueProp(body, properties.length));
  return { queueId, port, properties };
}

function decodeQueueProp(r: OfpReader, index: number): QueueProp {
  const where = `ofp_packet_queue.properties[${index}]`;
  if (r.remaining < 8) throw r.error(where, `needs 8 bytes, ${r.remaining} left`, BAD_LEN);
  const property = r.u16(`${where}.property`);
  const len = r.u16(`${where}.len`);
  if (len < 8 || len - 4 > r.remaining) {
    r.pos -= 2;
    throw r.error(`${where}.len`, `property length ${len} is not within 8..${r.remaining + 4}`, BAD_LEN);
  }
  r.skip(4, `${where}.pad`);
  switch (property) {
    case OFPQT.MIN_RATE: case OFPQT.MAX_RATE: {
      if (len !== 16) {
        r.pos -= 6;
        throw r.error(`${where}.len`, `rate property needs length 16, got ${len}`, BAD_LEN);
      }
      const rate = r.u16(`${where}.rate`);
      r.skip(6, `${where}.pad`);
      return { type: property === OFPQT.MIN_RATE ? 'MIN_RATE' : 'MAX_RATE', rate };
    }
    case OFPQT.EXPERIMENTER: {
      if (len < 16) {
        r.pos -= 6;
        throw r.error(`${where}.len`, `experimenter property needs length >= 16, got ${len}`, BAD_LEN);
      }
      const experimenter = r.u32(`${where}.experimenter`);
      r.skip(4, `${where}.pad`);
      return { type: 'EXPERIMENTER', experimenter, data: r.bytes(len - 16, `${where}.data`) };
    }
    default:
      return { type: 'UNKNOWN', property, data: r.bytes(len - 8, `${where}.data`) };
  }
}

export function encodePacketQueue(w: OfpWriter, q: PacketQueue): void {
  const start = w.pos;
  w.u32(q.queueId);
  w.u32(q.port);
  w.u16(0);
  w.zeros(6);
  for (const p of q.properties) encodeQueueProp(w, p);
  const len = w.pos - start;
  if (len > 0xffff) throw new OfpEncodeError('ofp_packet_queue.len', `${len} > 65535`);
  w.patchU16(start + 8, len);
}

function encodeQueueProp(w: OfpWriter, p: QueueProp): void {
  const start = w.pos;
  switch (p.type) {
    case 'MIN_RATE': case 'MAX_RATE':
      w.u16(OFPQT[p.type]); w.u16(16); w.zeros(4); w.u16(p.rate); w.zeros(6);
      return;
    case 'EXPERIMENTER':
      w.u16(OFPQT.EXPERIMENTER); w.u16(0); w.zeros(4); w.u32(p.experimenter); w.zeros(4); w.bytes(p.data);
      break;
    case 'UNKNOWN':
      w.u16(p.property); w.u16(0); w.zeros(4); w.bytes(p.data);
      break;
    default:
      throw new OfpEncodeError('ofp_queue_prop.property', `unknown property ${String((p as { type: unknown }).type)}`);
  }
  w.patchU16(start + 2, w.pos - start);
}
