/**
 * The group table (OF1.3.5 §5.6): ALL, SELECT, INDIRECT and FAST_FAILOVER groups, GROUP_MOD
 * with its OFPGMFC_* errors, and the counters of group statistics.
 *
 * Bucket choice:
 * - SELECT: a hash of the packet's flow key picks among the live buckets by weight, so one flow
 *   stays on one bucket while different flows spread; dead buckets are skipped.
 * - FAST_FAILOVER: the first live bucket.
 * A bucket is live when its watch_port is live (link up, not administratively down) and its
 * watch_group is live (has a live bucket); OFPP_ANY / OFPG_ANY watch nothing.
 *
 * Chaining: a bucket may point to another group (OFPGFC_CHAINING); a change that would make a
 * group reach itself is OFPGMFC_LOOP, and a group another group points to cannot be deleted
 * (OFPGMFC_CHAINED_GROUP).
 */
import type { Bucket } from '../../core/openflow/group-bucket.js';
import { OFPG, OFPGC, OFPGT } from '../../core/openflow/constants.js';
import { OFPET, OFPGMFC } from '../../core/openflow/error-codes.js';
import type { GroupDesc, GroupMod, GroupStats } from '../../core/openflow/messages/group.js';
import { OFPP } from '../../core/openflow/port-desc.js';
import { compileActions, type ActionChecks, type ExecAction } from './exec-action.js';
import { durationOf } from './flow-tables.js';
import { ofpError } from './ofp-request-error.js';

export interface GroupBucket {
  readonly desc: Bucket;
  readonly actions: readonly ExecAction[];
  packetCount: number;
  byteCount: number;
}

export interface Group {
  readonly groupId: number;
  groupType: number;
  buckets: GroupBucket[];
  packetCount: number;
  byteCount: number;
  createdMs: number;
}

export interface GroupTableDeps extends ActionChecks {
  clock(): number;
  portLive(portNo: number): boolean;
  /** Flow entries referring to the group (ref_count). */
  flowRefs(groupId: number): number;
  /** The group was deleted: remove flows that use it. */
  onDeleted(groupId: number): void;
}

const groupErr = (code: number, message: string): Error => ofpError(OFPET.GROUP_MOD_FAILED, code, message);

export const MAX_GROUPS = 65_536;
export const MAX_BUCKETS = 256;

export class GroupTable {
  readonly groups = new Map<number, Group>();

  constructor(private readonly deps: GroupTableDeps) {}

  has(groupId: number): boolean {
    return this.groups.has(groupId);
  }

  groupMod(m: GroupMod): void {
    switch (m.command) {
      case OFPGC.ADD: {
        this.checkId(m.groupId);
        if (this.groups.has(m.groupId)) throw groupErr(OFPGMFC.GROUP_EXISTS, `group ${m.groupId} exists`);
        if (this.groups.size >= MAX_GROUPS) throw groupErr(OFPGMFC.OUT_OF_GROUPS, 'group table full');
        const buckets = this.compileBuckets(m);
        this.groups.set(m.groupId, { groupId: m.groupId, groupType: m.groupType, buckets, packetCount: 0, byteCount: 0, createdMs: this.deps.clock() });
        return;
      }
      case OFPGC.MODIFY: {
        this.checkId(m.groupId);
        const g = this.groups.get(m.groupId);
        if (!g) throw groupErr(OFPGMFC.UNKNOWN_GROUP, `group ${m.groupId} does not exist`);
        const buckets = this.compileBuckets(m);
        if (this.reaches(buckets, m.groupId)) throw groupErr(OFPGMFC.LOOP, `group ${m.groupId} would reach itself`);
        g.groupType = m.groupType;
        g.buckets = buckets;
        return;
      }
      case OFPGC.DELETE: {
        if (m.groupId === OFPG.ALL) {
          const ids = [...this.groups.keys()];
          this.groups.clear();
          for (const id of ids) this.deps.onDeleted(id);
          return;
        }
        if (!this.groups.has(m.groupId)) return;
        for (const g of this.groups.values()) {
          if (g.groupId !== m.groupId && g.buckets.some((b) => b.actions.some((a) => a.type === 'GROUP' && a.groupId === m.groupId))) {
            throw groupErr(OFPGMFC.CHAINED_GROUP, `group ${g.groupId} forwards to group ${m.groupId}`);
          }
        }
        this.groups.delete(m.groupId);
        this.deps.onDeleted(m.groupId);
        return;
      }
      default:
        throw groupErr(OFPGMFC.BAD_COMMAND, `group-mod command ${m.command}`);
    }
  }

  private checkId(groupId: number): void {
    if (groupId > OFPG.MAX) throw groupErr(OFPGMFC.INVALID_GROUP, `group id 0x${groupId.toString(16)} is reserved`);
  }

  private compileBuckets(m: GroupMod): GroupBucket[] {
    if (m.groupType > OFPGT.FF) throw groupErr(OFPGMFC.BAD_TYPE, `group type ${m.groupType}`);
    if (m.buckets.length > MAX_BUCKETS) throw groupErr(OFPGMFC.OUT_OF_BUCKETS, `${m.buckets.length} buckets`);
    if (m.groupType === OFPGT.INDIRECT && m.buckets.length !== 1) {
      throw groupErr(OFPGMFC.INVALID_GROUP, `an indirect group needs exactly one bucket, got ${m.buckets.length}`);
    }
    for (const b of m.buckets) {
      if (b.actions.some((a) => a.type === 'GROUP' && a.groupId === m.groupId)) throw groupErr(OFPGMFC.LOOP, `group ${m.groupId} forwards to itself`);
    }
    return m.buckets.map((b) => {
      if (m.groupType !== OFPGT.SELECT && b.weight !== 0) throw groupErr(OFPGMFC.WEIGHT_UNSUPPORTED, 'weight is for select groups only');
      if (m.groupType === OFPGT.FF) {
        if (b.watchPort === OFPP.ANY && b.watchGroup === OFPG.ANY) throw groupErr(OFPGMFC.BAD_WATCH, 'fast-failover bucket watches nothing');
        if (b.watchGroup !== OFPG.ANY && !this.groups.has(b.watchGroup)) throw groupErr(OFPGMFC.BAD_WATCH, `watch_group ${b.watchGroup} does not exist`);
        if (b.watchPort !== OFPP.ANY && b.watchPort > OFPP.MAX) throw groupErr(OFPGMFC.BAD_WATCH, `watch_port 0x${b.watchPort.toString(16)}`);
      }
      const actions = compileActions(b.actions, this.deps);
      return { desc: b, actions, packetCount: 0, byteCount: 0 };
    });
  }

  /** Whether following GROUP actions from `buckets` reaches `target`. */
  private reaches(buckets: readonly GroupBucket[], target: number, seen = new Set<number>()): boolean {
    for (const b of buckets) {
      for (const a of b.actions) {
        if (a.type !== 'GROUP') continue;
        if (a.groupId === target) return true;
        if (seen.has(a.groupId)) continue;
        seen.add(a.groupId);
        const next = this.groups.get(a.groupId);
        if (next && this.reaches(next.buckets, target, seen)) return true;
      }
    }
    return false;
  }

  bucketLive(b: GroupBucket, depth = 0): boolean {
    const { watchPort, watchGroup } = b.desc;
    if (watchPort !== OFPP.ANY && !this.deps.portLive(watchPort)) return false;
    if (watchGroup !== OFPG.ANY) {
      const g = this.groups.get(watchGroup);
      if (!g || depth > 16 || !g.buckets.some((x) => this.bucketLive(x, depth + 1))) return false;
    }
    return true;
  }

  /** The buckets a packet with key hash `hash` goes through. */
  choose(g: Group, hash: number): GroupBucket[] {
    switch (g.groupType) {
      case OFPGT.ALL: return g.buckets;
      case OFPGT.INDIRECT: return g.buckets.slice(0, 1);
      case OFPGT.FF: {
        const live = g.buckets.find((b) => this.bucketLive(b));
        return live ? [live] : [];
      }
      default: {
        let total = 0;
        const live: GroupBucket[] = [];
        for (const b of g.buckets) if (b.desc.weight > 0 && this.bucketLive(b)) { live.push(b); total += b.desc.weight; }
        if (total === 0) return [];
        let point = hash % total;
        for (const b of live) {
          if (point < b.desc.weight) return [b];
          point -= b.desc.weight;
        }
        return [];
      }
    }
  }

  stats(groupId: number): GroupStats[] {
    const now = this.deps.clock();
    const list = groupId === OFPG.ALL ? [...this.groups.values()] : [this.groups.get(groupId)].filter((g): g is Group => g !== undefined);
    return list.map((g) => ({
      groupId: g.groupId, refCount: this.deps.flowRefs(g.groupId), packetCount: BigInt(g.packetCount),
      byteCount: BigInt(g.byteCount), ...durationOf(g.createdMs, now),
      bucketStats: g.buckets.map((b) => ({ packetCount: BigInt(b.packetCount), byteCount: BigInt(b.byteCount) })),
    }));
  }

  descs(): GroupDesc[] {
    return [...this.groups.values()].map((g) => ({ groupType: g.groupType, groupId: g.groupId, buckets: g.buckets.map((b) => b.desc) }));
  }
}
