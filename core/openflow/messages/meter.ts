/**
 * Meter messages (OF1.3.5 §7.3.4.4 meter-mod, §7.3.5.12–7.3.5.14 meter statistics,
 * configuration and features).
 */
import { decodeMeterBands, encodeMeterBands, type MeterBand } from '../meter-band.js';
import type { OfpReader } from '../ofp-reader.js';
import type { OfpWriter } from '../ofp-writer.js';

/** ofp_meter_mod. */
export interface MeterMod {
  type: 'METER_MOD';
  xid: number;
  /** OFPMC_*. */
  command: number;
  /** OFPMF_* bits. */
  flags: number;
  meterId: number;
  bands: readonly MeterBand[];
}

export interface MeterBandStats {
  packetBandCount: bigint;
  byteBandCount: bigint;
}

/** One ofp_meter_stats entry. */
export interface MeterStats {
  meterId: number;
  flowCount: number;
  packetInCount: bigint;
  byteInCount: bigint;
  durationSec: number;
  durationNsec: number;
  bandStats: readonly MeterBandStats[];
}

/** One ofp_meter_config entry. */
export interface MeterConfig {
  flags: number;
  meterId: number;
  bands: readonly MeterBand[];
}

/** ofp_meter_features. */
export interface MeterFeatures {
  maxMeter: number;
  /** Bitmap of 1 << OFPMBT_* supported. */
  bandTypes: number;
  /** OFPMF_* bits supported. */
  capabilities: number;
  maxBands: number;
  maxColor: number;
}

export function decodeMeterMod(r: OfpReader, xid: number): MeterMod {
  const command = r.u16('ofp_meter_mod.command');
  const flags = r.u16('ofp_meter_mod.flags');
  const meterId = r.u32('ofp_meter_mod.meter_id');
  const bands = decodeMeterBands(r, r.remaining);
  return { type: 'METER_MOD', xid, command, flags, meterId, bands };
}

export function encodeMeterMod(w: OfpWriter, m: MeterMod): void {
  w.u16(m.command);
  w.u16(m.flags);
  w.u32(m.meterId);
  encodeMeterBands(w, m.bands);
}

/** Reads one ofp_meter_stats, bounded by its own len field. */
export function decodeMeterStats(r: OfpReader): MeterStats {
  const meterId = r.u32('ofp_meter_stats.meter_id');
  const len = r.u16('ofp_meter_stats.len');
  if (len < 40 || (len - 40) % 16 !== 0) throw r.error('ofp_meter_stats.len', `len ${len} is not 40 + 16n`);
  const s = r.sub(len - 6, 'ofp_meter_stats');
  s.skip(6, 'ofp_meter_stats.pad');
  const flowCount = s.u32('ofp_meter_stats.flow_count');
  const packetInCount = s.u64('ofp_meter_stats.packet_in_count');
  const byteInCount = s.u64('ofp_meter_stats.byte_in_count');
  const durationSec = s.u32('ofp_meter_stats.duration_sec');
  const durationNsec = s.u32('ofp_meter_stats.duration_nsec');
  const bandStats: MeterBandStats[] = [];
  while (s.remaining > 0) {
    const packetBandCount = s.u64('ofp_meter_band_stats.packet_band_count');
    bandStats.push({ packetBandCount, byteBandCount: s.u64('ofp_meter_band_stats.byte_band_count') });
  }
  return { meterId, flowCount, packetInCount, byteInCount, durationSec, durationNsec, bandStats };
}

export function encodeMeterStats(w: OfpWriter, m: MeterStats): void {
  w.u32(m.meterId);
  w.u16(40 + 16 * m.bandStats.length);
  w.zeros(6);
  w.u32(m.flowCount);
  w.u64(m.packetInCount);
  w.u64(m.byteInCount);
  w.u32(m.durationSec);
  w.u32(m.durationNsec);
  for (const b of m.bandStats) {
    w.u64(b.packetBandCount);
    w.u64(b.byteBandCount);
  }
}

/** Reads one ofp_meter_config, bounded by its own length field. */
export function decodeMeterConfig(r: OfpReader): MeterConfig {
  const length = r.u16('ofp_meter_config.length');
  if (length < 8) throw r.error('ofp_meter_config.length', `length ${length} < 8`);
  const s = r.sub(length - 2, 'ofp_meter_config');
  const flags = s.u16('ofp_meter_config.flags');
  const meterId = s.u32('ofp_meter_config.meter_id');
  const bands = decodeMeterBands(s, s.remaining);
  return { flags, meterId, bands };
}

export function encodeMeterConfig(w: OfpWriter, m: MeterConfig): void {
  const start = w.pos;
  w.u16(0); // length, patched below
  w.u16(m.flags);
  w.u32(m.meterId);
  encodeMeterBands(w, m.bands);
  w.patchU16(start, w.pos - start);
}

export function decodeMeterFeatures(r: OfpReader): MeterFeatures {
  const maxMeter = r.u32('ofp_meter_features.max_meter');
  const bandTypes = r.u32('ofp_meter_features.band_types');
  const capabilities = r.u32('ofp_meter_features.capabilities');
  const maxBands = r.u8('ofp_meter_features.max_bands');
  const maxColor = r.u8('ofp_meter_features.max_color');
  r.skip(2, 'ofp_meter_features.pad');
  return { maxMeter, bandTypes, capabilities, maxBands, maxColor };
}

export function encodeMeterFeatures(w: OfpWriter, m: MeterFeatures): void {
  w.u32(m.maxMeter);
  w.u32(m.bandTypes);
  w.u32(m.capabilities);
  w.u8(m.maxBands);
  w.u8(m.maxColor);
  w.zeros(2);
}
