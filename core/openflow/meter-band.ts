/**
 * Meter bands (OpenFlow 1.3.5 §7.3.4.5, ofp_meter_band_*), as carried by METER_MOD and the
 * METER_CONFIG multipart reply. Experimenter bands keep their body verbatim.
 */
import { OfpEncodeError } from './encode-error.js';
import { OFPBRC, OFPET, OFPMMFC } from './error-codes.js';
import { readList } from './tlv-list.js';
import type { OfpReader } from './ofp-reader.js';
import type { OfpWriter } from './ofp-writer.js';

/** enum ofp_meter_band_type. */
export const OFPMBT = { DROP: 1, DSCP_REMARK: 2, EXPERIMENTER: 0xffff } as const;

/** Rate is in kb/s or packets/s and burst in kb or packets, as the meter's OFPMF_ flags say. */
export type MeterBand =
  | { readonly type: 'DROP'; readonly rate: number; readonly burstSize: number }
  /** precLevel: how many drop-precedence levels to add to the DSCP. */
  | { readonly type: 'DSCP_REMARK'; readonly rate: number; readonly burstSize: number; readonly precLevel: number }
  /** data: whatever follows the experimenter id, verbatim. */
  | { readonly type: 'EXPERIMENTER'; readonly rate: number; readonly burstSize: number; readonly experimenter: number; readonly data: Buffer };

const BAD_LEN = { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN } as const;

/** Reads exactly `len` bytes of bands. Unknown type is OFPMMFC_BAD_BAND, a bad length OFPBRC_BAD_LEN. */
export function decodeMeterBands(r: OfpReader, len: number): MeterBand[] {
  return readList(r, len, 'bands', decodeMeterBand);
}

export function decodeMeterBand(r: OfpReader, index = 0): MeterBand {
  const where = `ofp_meter_band[${index}]`;
  const at = r.pos;
  if (r.remaining < 16) throw r.error(where, `needs 16 bytes, ${r.remaining} left`, BAD_LEN);
  const type = r.u16(`${where}.type`);
  const len = r.u16(`${where}.len`);
  const fail = (field: string, reason: string, code: { type: number; code: number }): Error => {
    r.pos = at;
    return r.error(`${where}.${field}`, reason, code);
  };
  if (len < 16 || len - 4 > r.remaining) throw fail('len', `band length ${len} is not within 16..${r.remaining + 4}`, BAD_LEN);
  const rate = r.u32(`${where}.rate`);
  const burstSize = r.u32(`${where}.burst_size`);
  switch (type) {
    case OFPMBT.DROP:
      if (len !== 16) throw fail('len', `OFPMBT_DROP needs length 16, got ${len}`, BAD_LEN);
      r.skip(4, `${where}.pad`);
      return { type: 'DROP', rate, burstSize };
    case OFPMBT.DSCP_REMARK: {
      if (len !== 16) throw fail('len', `OFPMBT_DSCP_REMARK needs length 16, got ${len}`, BAD_LEN);
      const precLevel = r.u8(`${where}.prec_level`);
      r.skip(3, `${where}.pad`);
      return { type: 'DSCP_REMARK', rate, burstSize, precLevel };
    }
    case OFPMBT.EXPERIMENTER: {
      const experimenter = r.u32(`${where}.experimenter`);
      return { type: 'EXPERIMENTER', rate, burstSize, experimenter, data: r.bytes(len - 16, `${where}.data`) };
    }
    default:
      throw fail('type', `unknown meter band type ${type}`, { type: OFPET.METER_MOD_FAILED, code: OFPMMFC.BAD_BAND });
  }
}

export function encodeMeterBands(w: OfpWriter, list: readonly MeterBand[]): void {
  for (const b of list) encodeMeterBand(w, b);
}

export function encodeMeterBand(w: OfpWriter, b: MeterBand): void {
  const code = OFPMBT[b.type];
  if (code === undefined) throw new OfpEncodeError('ofp_meter_band.type', `unknown band ${String((b as { type: unknown }).type)}`);
  const start = w.pos;
  w.u16(code);
  w.u16(0);
  w.u32(b.rate);
  w.u32(b.burstSize);
  switch (b.type) {
    case 'DROP': w.zeros(4); break;
    case 'DSCP_REMARK': w.u8(b.precLevel); w.zeros(3); break;
    case 'EXPERIMENTER': w.u32(b.experimenter); w.bytes(b.data); break;
  }
  w.patchU16(start + 2, w.pos - start);
}
