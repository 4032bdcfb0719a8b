/**
 * Meters (OF1.3.5 §5.7): per-meter bands with token buckets driven by the injected clock.
 *
 * Each band has a bucket of `burst` units (kbits or packets; without OFPMF_BURST, one second's
 * worth at the band's rate) refilled at its rate. A packet takes tokens from every band that has
 * them; the bands that could not pay are exceeded, and the one with the highest rate among them
 * applies: DROP drops, DSCP_REMARK raises the AF drop precedence by prec_level (§7.3.4.5).
 * Meter and band statistics count what went in and what each band hit.
 */
import { OFPM, OFPMC, OFPMF } from '../../core/openflow/constants.js';
import { OFPET, OFPMMFC } from '../../core/openflow/error-codes.js';
import type { MeterConfig, MeterFeatures, MeterMod, MeterStats } from '../../core/openflow/messages/meter.js';
import { OFPMBT, type MeterBand } from '../../core/openflow/meter-band.js';
import { durationOf } from './flow-tables.js';
import { ofpError } from './ofp-request-error.js';

interface BandState {
  readonly band: MeterBand;
  /** Bucket size in bits or packets (×1000 for kbit units: bits). */
  readonly capacity: number;
  tokens: number;
  packetCount: number;
  byteCount: number;
}

export interface Meter {
  readonly meterId: number;
  flags: number;
  bands: BandState[];
  lastRefillMs: number;
  packetInCount: number;
  byteInCount: number;
  createdMs: number;
}

/** What a meter decided for one packet. */
export type MeterVerdict = { readonly kind: 'pass' } | { readonly kind: 'drop' } | { readonly kind: 'remark'; readonly precLevel: number };

const PASS: MeterVerdict = { kind: 'pass' };
const DROP: MeterVerdict = { kind: 'drop' };

const meterErr = (code: number, message: string): Error => ofpError(OFPET.METER_MOD_FAILED, code, message);

export const MAX_METERS = 65_536;
export const MAX_BANDS = 8;
const FLAGS = OFPMF.KBPS | OFPMF.PKTPS | OFPMF.BURST | OFPMF.STATS;

export class MeterTable {
  readonly meters = new Map<number, Meter>();

  constructor(
    private readonly clock: () => number,
    /** Flow entries using the meter (flow_count). */
    private readonly flowRefs: (meterId: number) => number,
    /** The meter was deleted: remove flows that use it. */
    private readonly onDeleted: (meterId: number) => void,
  ) {}

  has(meterId: number): boolean {
    return this.meters.has(meterId);
  }

  meterMod(m: MeterMod): void {
    if (m.command > OFPMC.DELETE) throw meterErr(OFPMMFC.BAD_COMMAND, `meter-mod command ${m.command}`);
    if (m.command === OFPMC.DELETE) {
      if (m.meterId === OFPM.ALL) {
        const ids = [...this.meters.keys()];
        this.meters.clear();
        for (const id of ids) this.onDeleted(id);
        return;
      }
      if (m.meterId === 0 || m.meterId > OFPM.MAX) throw meterErr(OFPMMFC.INVALID_METER, `meter id 0x${m.meterId.toString(16)}`);
      if (!this.meters.delete(m.meterId)) throw meterErr(OFPMMFC.UNKNOWN_METER, `meter ${m.meterId} does not exist`);
      this.onDeleted(m.meterId);
      return;
    }
    if (m.meterId === 0 || m.meterId > OFPM.MAX) throw meterErr(OFPMMFC.INVALID_METER, `meter id 0x${m.meterId.toString(16)}`);
    const exists = this.meters.has(m.meterId);
    if (m.command === OFPMC.ADD && exists) throw meterErr(OFPMMFC.METER_EXISTS, `meter ${m.meterId} exists`);
    if (m.command === OFPMC.MODIFY && !exists) throw meterErr(OFPMMFC.UNKNOWN_METER, `meter ${m.meterId} does not exist`);
    if (m.command === OFPMC.ADD && this.meters.size >= MAX_METERS) throw meterErr(OFPMMFC.OUT_OF_METERS, 'meter table full');
    const unit = m.flags & (OFPMF.KBPS | OFPMF.PKTPS);
    if ((m.flags & ~FLAGS) !== 0 || unit === 0 || unit === (OFPMF.KBPS | OFPMF.PKTPS)) {
      throw meterErr(OFPMMFC.BAD_FLAGS, `meter flags 0x${m.flags.toString(16)}`);
    }
    if (m.bands.length > MAX_BANDS) throw meterErr(OFPMMFC.OUT_OF_BANDS, `${m.bands.length} bands`);
    const bands = m.bands.map((band) => this.bandState(band, m.flags));
    const now = this.clock();
    const old = this.meters.get(m.meterId);
    this.meters.set(m.meterId, {
      meterId: m.meterId, flags: m.flags, bands, lastRefillMs: now,
      packetInCount: old?.packetInCount ?? 0, byteInCount: old?.byteInCount ?? 0, createdMs: old?.createdMs ?? now,
    });
  }

  private bandState(band: MeterBand, flags: number): BandState {
    if (band.type === 'EXPERIMENTER') throw meterErr(OFPMMFC.BAD_BAND, 'experimenter bands are not supported');
    if (band.rate === 0) throw meterErr(OFPMMFC.BAD_RATE, 'band rate 0');
    if (band.type === 'DSCP_REMARK' && (band.precLevel < 1 || band.precLevel > 3)) {
      throw meterErr(OFPMMFC.BAD_BAND_VALUE, `prec_level ${band.precLevel}`);
    }
    const scale = flags & OFPMF.KBPS ? 1000 : 1;
    const burst = flags & OFPMF.BURST && band.burstSize > 0 ? band.burstSize : band.rate;
    const capacity = burst * scale;
    return { band, capacity, tokens: capacity, packetCount: 0, byteCount: 0 };
  }

  /** Meters one packet of `bytes` bytes through `meterId` at the clock's time. */
  apply(meterId: number, bytes: number): MeterVerdict {
    const m = this.meters.get(meterId);
    if (!m) return PASS;
    const now = this.clock();
    const elapsed = Math.max(0, now - m.lastRefillMs);
    m.lastRefillMs = now;
    m.packetInCount++;
    m.byteInCount += bytes;
    const kbps = (m.flags & OFPMF.KBPS) !== 0;
    const cost = kbps ? bytes * 8 : 1;
    let hit: BandState | undefined;
    for (const b of m.bands) {
      const perMs = (b.band.rate * (kbps ? 1000 : 1)) / 1000;
      b.tokens = Math.min(b.capacity, b.tokens + elapsed * perMs);
      if (b.tokens >= cost) b.tokens -= cost;
      else if (!hit || b.band.rate > hit.band.rate) hit = b;
    }
    if (!hit) return PASS;
    hit.packetCount++;
    hit.byteCount += bytes;
    if (hit.band.type === 'DSCP_REMARK') return { kind: 'remark', precLevel: hit.band.precLevel };
    return DROP;
  }

  stats(meterId: number): MeterStats[] {
    const now = this.clock();
    const list = meterId === OFPM.ALL ? [...this.meters.values()] : [this.meters.get(meterId)].filter((m): m is Meter => m !== undefined);
    return list.map((m) => ({
      meterId: m.meterId, flowCount: this.flowRefs(m.meterId), packetInCount: BigInt(m.packetInCount),
      byteInCount: BigInt(m.byteInCount), ...durationOf(m.createdMs, now),
      bandStats: m.bands.map((b) => ({ packetBandCount: BigInt(b.packetCount), byteBandCount: BigInt(b.byteCount) })),
    }));
  }

  configs(meterId: number): MeterConfig[] {
    const list = meterId === OFPM.ALL ? [...this.meters.values()] : [this.meters.get(meterId)].filter((m): m is Meter => m !== undefined);
    return list.map((m) => ({ flags: m.flags, meterId: m.meterId, bands: m.bands.map((b) => b.band) }));
  }

  features(): MeterFeatures {
    return {
      maxMeter: MAX_METERS, bandTypes: (1 << OFPMBT.DROP) | (1 << OFPMBT.DSCP_REMARK), capabilities: FLAGS,
      maxBands: MAX_BANDS, maxColor: 0,
    };
  }
}
