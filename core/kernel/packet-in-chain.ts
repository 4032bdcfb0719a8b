// PacketInChain: the ordered processors every packet-in passes through, as in ONOS's
// PacketProcessor bands. Lower priority numbers run first; the DESIGN's stages are bands of
// one hundred:
//
//   admission 100–199 (zero-trust, firewall) → inspection 200–299 (IDS, ML sampling)
//   → services 300–399 (DNS, NAT, ARP/ICMP of L3) → forwarding 400–499 (L3, L2)
//
// A processor returns 'consume' (the packet is handled; later processors do not see it)
// or 'continue'. Processors are synchronous on purpose: ordering is then a property of the
// chain, not of promise timing, and the hot path costs no microtask. A processor that needs
// I/O consumes the packet and carries on by itself.
//
// The chain is generic over the context type; the controller defines it (parsed packet,
// datapath, in_port, …). Parsing happens once, before dispatch, and processors share it.
//
// A throwing processor is treated as 'continue' and counted. Because a broken processor
// tends to throw on every packet, it is logged on its 1st, 2nd, 4th, 8th… error only.

import type { Logger } from '../telemetry/logger.js';
import type { Disposable } from './disposable.js';

export const PacketInStage = {
  admission: 100,
  inspection: 200,
  services: 300,
  forwarding: 400,
} as const;
export type PacketInStageName = keyof typeof PacketInStage;

export type PacketInVerdict = 'consume' | 'continue';
export type PacketInProcessor<C> = (context: C) => PacketInVerdict;

/** `packetInPriority('forwarding', 10)` → 410; offsets outside 0–99 would leak into the next stage. */
export function packetInPriority(stage: PacketInStageName, offset = 0): number {
  if (!Number.isInteger(offset) || offset < 0 || offset > 99) throw new RangeError(`stage offset must be 0-99, got ${offset}`);
  return PacketInStage[stage] + offset;
}

export function packetInStageOf(priority: number): PacketInStageName | undefined {
  for (const [name, base] of Object.entries(PacketInStage) as Array<[PacketInStageName, number]>) {
    if (priority >= base && priority < base + 100) return name;
  }
  return undefined;
}

export interface PacketInProcessorInfo {
  name: string;
  priority: number;
  stage: PacketInStageName | undefined;
  /** Packets this processor was called with. */
  seen: number;
  consumed: number;
  errors: number;
}

interface Entry<C> extends PacketInProcessorInfo {
  fn: PacketInProcessor<C>;
  /** Registration order, to keep equal priorities stable. */
  seq: number;
}

export class PacketInChain<C> {
  private entries: ReadonlyArray<Entry<C>> = [];
  private seq = 0;

  constructor(private readonly log: Logger) {}

  register(name: string, priority: number, fn: PacketInProcessor<C>): Disposable {
    if (!Number.isInteger(priority) || priority < 0) throw new RangeError(`processor ${name}: priority must be a non-negative integer, got ${priority}`);
    if (this.entries.some((e) => e.name === name)) throw new Error(`packet-in processor ${JSON.stringify(name)} is already registered`);
    const entry: Entry<C> = { name, priority, stage: packetInStageOf(priority), seen: 0, consumed: 0, errors: 0, fn, seq: this.seq++ };
    // Copy-on-write so a processor may register or unregister during dispatch safely.
    this.entries = [...this.entries, entry].sort((a, b) => a.priority - b.priority || a.seq - b.seq);
    return { dispose: () => this.unregister(name) };
  }

  unregister(name: string): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.name !== name);
    return this.entries.length !== before;
  }

  /** Runs the chain; returns the name of the processor that consumed the packet, if any. */
  dispatch(context: C): string | undefined {
    for (const entry of this.entries) {
      entry.seen++;
      let verdict: PacketInVerdict;
      try {
        verdict = entry.fn(context);
      } catch (err) {
        entry.errors++;
        // Powers of two: visible at once, then quieter as a broken processor keeps failing.
        if ((entry.errors & (entry.errors - 1)) === 0) {
          this.log.error('packet-in processor threw; treating as continue', { processor: entry.name, errors: entry.errors, err });
        }
        continue;
      }
      if (verdict === 'consume') {
        entry.consumed++;
        return entry.name;
      }
    }
    return undefined;
  }

  /** Processors in dispatch order, with their counters. */
  list(): PacketInProcessorInfo[] {
    return this.entries.map(({ name, priority, stage, seen, consumed, errors }) => ({ name, priority, stage, seen, consumed, errors }));
  }
}
