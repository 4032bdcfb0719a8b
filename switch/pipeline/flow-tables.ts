/**
 * The switch's flow tables and the flow-mod semantics of OF1.3.5 §6.4:
 *
 * - ADD: with OFPFF_CHECK_OVERLAP, an entry of the same priority that some packet could also
 *   match is OFPFMFC_OVERLAP. An entry with an identical match and priority is replaced; its
 *   counters carry over unless OFPFF_RESET_COUNTS.
 * - MODIFY / MODIFY_STRICT: change the instructions of the selected entries, keeping counters
 *   (unless OFPFF_RESET_COUNTS), cookie and timeouts. Nothing selected is not an error.
 * - DELETE / DELETE_STRICT: remove the selected entries, FLOW_REMOVED (OFPRR_DELETE) for those
 *   with OFPFF_SEND_FLOW_REM; table OFPTT_ALL means every table.
 * - Selection: non-strict commands pick entries at least as specific as the request's match,
 *   strict ones the identical match and priority; the cookie/cookie_mask filter applies to
 *   MODIFY and DELETE, out_port/out_group to DELETE (and flow statistics).
 *
 * Time comes from the injected clock; `expire(now)` ends entries whose idle or hard timeout has
 * passed (OFPRR_IDLE_TIMEOUT / OFPRR_HARD_TIMEOUT).
 */
import { OFPFC, OFPFF, OFPG, OFPRR, OFPTT_ALL } from '../../core/openflow/constants.js';
import { OFPBRC, OFPET, OFPFMFC } from '../../core/openflow/error-codes.js';
import type { FlowMod, FlowRemoved, FlowStats, FlowStatsRequest } from '../../core/openflow/messages/flow.js';
import { OFPP } from '../../core/openflow/port-desc.js';
import { compileMatch, matchCovers, matchesOverlap, type CompiledMatch } from './compiled-match.js';
import { outputsTo, usesGroup } from './exec-action.js';
import type { Instruction } from '../../core/openflow/instructions.js';
import { FlowEntry, type FlowProgram } from './flow-entry.js';
import { compileInstructions, type ProgramChecks } from './flow-program.js';
import { FlowTable } from './flow-table.js';
import { HASH_SEED, mixWord } from './key-hash.js';
import { ofpError } from './ofp-request-error.js';

export interface FlowTablesDeps extends ProgramChecks {
  clock(): number;
  onFlowRemoved(fr: FlowRemoved): void;
}

export interface FlowSelector {
  tableId: number;
  outPort: number;
  outGroup: number;
  cookie: bigint;
  cookieMask: bigint;
  match: CompiledMatch;
  /** Strict: identical match and this priority. */
  strictPriority?: number;
}

const ALL_FLAGS = OFPFF.SEND_FLOW_REM | OFPFF.CHECK_OVERLAP | OFPFF.RESET_COUNTS | OFPFF.NO_PKT_COUNTS | OFPFF.NO_BYT_COUNTS;

export function durationOf(createdMs: number, now: number): { durationSec: number; durationNsec: number } {
  const ms = Math.max(0, now - createdMs);
  return { durationSec: Math.floor(ms / 1000), durationNsec: Math.round((ms % 1000) * 1e6) };
}

/** Structural hash of decoded OpenFlow values (numbers, strings, bigints, byte arrays, arrays, plain objects). */
function plainHash(x: unknown, h: number): number {
  switch (typeof x) {
    case 'number': return mixWord(mixWord(h, x | 0), (x / 4294967296) | 0);
    case 'string': {
      h = mixWord(h, x.length);
      for (let i = 0; i < x.length; i++) h = mixWord(h, x.charCodeAt(i));
      return h;
    }
    case 'bigint': return mixWord(h, Number(BigInt.asUintN(32, x)));
    case 'boolean': return mixWord(h, x ? 1 : 2);
    case 'object': {
      if (x === null) return mixWord(h, 3);
      if (Array.isArray(x)) {
        h = mixWord(h, x.length);
        for (const v of x) h = plainHash(v, h);
        return h;
      }
      if (x instanceof Uint8Array) {
        h = mixWord(h, x.length);
        for (let i = 0; i < x.length; i++) h = mixWord(h, x[i]!);
        return h;
      }
      for (const k in x) h = plainHash((x as Record<string, unknown>)[k], h);
      return h;
    }
    default: return mixWord(h, 4);
  }
}

function plainEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!plainEqual(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Uint8Array) {
    if (!(b instanceof Uint8Array) || a.length !== b.length || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(b) || b instanceof Uint8Array || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ra = a as Record<string, unknown>, rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    if (!(k in rb) || !plainEqual(ra[k], rb[k])) return false;
    n++;
  }
  for (const _ in rb) n--;
  return n === 0;
}

/**
 * Identical instruction lists (and their compiled programs) shared between flows: a bulk install
 * usually repeats a few action lists, and every flow keeping its own decoded copy plus program
 * was a handful of retained objects per flow for the GC to promote and trace. Both are read-only
 * once installed (MODIFY replaces an entry's, never changes them). Bounded: cleared when full.
 */
class InstructionPool {
  private readonly byHash = new Map<number, { instructions: readonly Instruction[]; program: FlowProgram }[]>();
  private count = 0;

  intern(instructions: readonly Instruction[], program: FlowProgram): { instructions: readonly Instruction[]; program: FlowProgram } {
    const h = plainHash(instructions, HASH_SEED);
    let list = this.byHash.get(h);
    if (list !== undefined) {
      for (const x of list) if (plainEqual(x.instructions, instructions)) return x;
    }
    if (this.count >= 4096) { this.byHash.clear(); this.count = 0; list = undefined; }
    const x = { instructions, program };
    if (list === undefined) this.byHash.set(h, [x]); else list.push(x);
    this.count++;
    return x;
  }
}

export class FlowTables {
  readonly tables: FlowTable[];
  private seq = 0;
  /** Entries with a timeout, so expiry does not walk every flow. */
  private readonly timed = new Set<FlowEntry>();
  private readonly pool = new InstructionPool();

  constructor(private readonly deps: FlowTablesDeps) {
    this.tables = Array.from({ length: deps.nTables }, (_, i) => new FlowTable(i));
  }

  get flowCount(): number {
    let n = 0;
    for (const t of this.tables) n += t.size;
    return n;
  }

  /** Applies a FLOW_MOD; throws OfpRequestError with the spec's error. */
  flowMod(m: FlowMod): void {
    const { command } = m;
    if (command > OFPFC.DELETE_STRICT) throw ofpError(OFPET.FLOW_MOD_FAILED, OFPFMFC.BAD_COMMAND, `flow-mod command ${command}`);
    const isDelete = command === OFPFC.DELETE || command === OFPFC.DELETE_STRICT;
    if (m.tableId >= this.deps.nTables && !(isDelete && m.tableId === OFPTT_ALL)) {
      throw ofpError(OFPET.FLOW_MOD_FAILED, OFPFMFC.BAD_TABLE_ID, `table ${m.tableId} does not exist`);
    }
    if ((m.flags & ~ALL_FLAGS) !== 0) throw ofpError(OFPET.FLOW_MOD_FAILED, OFPFMFC.BAD_FLAGS, `flags 0x${m.flags.toString(16)}`);
    const cm = compileMatch(m.match);
    const strict = command === OFPFC.MODIFY_STRICT || command === OFPFC.DELETE_STRICT;
    const selector: FlowSelector = {
      tableId: m.tableId,
      outPort: isDelete ? m.outPort : OFPP.ANY,
      outGroup: isDelete ? m.outGroup : OFPG.ANY,
      cookie: m.cookie,
      cookieMask: m.cookieMask,
      match: cm,
      ...(strict ? { strictPriority: m.priority } : {}),
    };
    if (isDelete) {
      this.remove(this.select(selector), OFPRR.DELETE);
      return;
    }
    // Compiled every time (it also validates against the current groups and meters), shared when identical.
    const { instructions, program } = this.pool.intern(m.instructions, compileInstructions(m.instructions, m.tableId, this.deps));
    if (command === OFPFC.ADD) {
      this.add(m, cm, instructions, program);
      return;
    }
    for (const e of this.select(selector)) {
      e.instructions = instructions;
      e.program = program;
      if (m.flags & OFPFF.RESET_COUNTS) { e.packetCount = 0; e.byteCount = 0; }
    }
  }

  private add(m: FlowMod, cm: CompiledMatch, instructions: readonly Instruction[], program: FlowProgram): void {
    const table = this.tables[m.tableId]!;
    if (m.flags & OFPFF.CHECK_OVERLAP) {
      for (const e of table.entries) {
        if (e.priority === m.priority && matchesOverlap(e.cm, cm)) {
          throw ofpError(OFPET.FLOW_MOD_FAILED, OFPFMFC.OVERLAP, `overlaps a flow of priority ${m.priority} in table ${m.tableId}`);
        }
      }
    }
    const now = this.deps.clock();
    // The common cookie 0 as the shared literal, not a decoded BigInt per flow.
    const cookie = m.cookie === 0n ? 0n : m.cookie;
    const entry = new FlowEntry(m.tableId, m.priority, this.seq++, cm, cookie, m.idleTimeout, m.hardTimeout,
      m.flags, instructions, program, now);
    const old = table.findStrict(cm, m.priority);
    if (old) {
      if (!(m.flags & OFPFF.RESET_COUNTS)) { entry.packetCount = old.packetCount; entry.byteCount = old.byteCount; }
      this.detach(old);
    }
    table.insert(entry);
    if (entry.idleTimeout > 0 || entry.hardTimeout > 0) this.timed.add(entry);
  }

  /** Entries picked by a selector (flow-mod MODIFY/DELETE, flow and aggregate statistics). */
  select(s: FlowSelector): FlowEntry[] {
    const out: FlowEntry[] = [];
    const tables = s.tableId === OFPTT_ALL ? this.tables : [this.tables[s.tableId]!];
    for (const t of tables) {
      if (s.strictPriority !== undefined) {
        const e = t.findStrict(s.match, s.strictPriority);
        if (e && this.passesFilters(e, s)) out.push(e);
        continue;
      }
      for (const e of t.entries) if (matchCovers(s.match, e.cm) && this.passesFilters(e, s)) out.push(e);
    }
    return out;
  }

  private passesFilters(e: FlowEntry, s: FlowSelector): boolean {
    if ((e.cookie & s.cookieMask) !== (s.cookie & s.cookieMask)) return false;
    if (s.outPort !== OFPP.ANY && !e.actionLists().some((l) => outputsTo(l, s.outPort))) return false;
    if (s.outGroup !== OFPG.ANY && !e.actionLists().some((l) => usesGroup(l, s.outGroup))) return false;
    return true;
  }

  /** Removes entries, reporting FLOW_REMOVED with `reason` for those that asked (OFPFF_SEND_FLOW_REM). */
  remove(entries: readonly FlowEntry[], reason: number): void {
    const now = this.deps.clock();
    for (const e of entries) {
      this.detach(e);
      if (e.flags & OFPFF.SEND_FLOW_REM) this.deps.onFlowRemoved(this.flowRemoved(e, reason, now));
    }
  }

  /** Removes every entry for which `pred` holds (group or meter deletion). */
  removeWhere(pred: (e: FlowEntry) => boolean, reason: number): void {
    const doomed: FlowEntry[] = [];
    for (const t of this.tables) for (const e of t.entries) if (pred(e)) doomed.push(e);
    this.remove(doomed, reason);
  }

  private detach(e: FlowEntry): void {
    this.tables[e.tableId]!.remove(e);
    this.timed.delete(e);
  }

  /** Ends entries whose hard or idle timeout has passed at `now` (ms). */
  expire(now: number): void {
    const hard: FlowEntry[] = [];
    const idle: FlowEntry[] = [];
    for (const e of this.timed) {
      if (e.hardTimeout > 0 && now - e.createdMs >= e.hardTimeout * 1000) hard.push(e);
      else if (e.idleTimeout > 0 && now - e.lastUsedMs >= e.idleTimeout * 1000) idle.push(e);
    }
    this.remove(hard, OFPRR.HARD_TIMEOUT);
    this.remove(idle, OFPRR.IDLE_TIMEOUT);
  }

  private flowRemoved(e: FlowEntry, reason: number, now: number): FlowRemoved {
    return {
      type: 'FLOW_REMOVED', xid: 0, cookie: e.cookie, priority: e.priority, reason, tableId: e.tableId,
      ...durationOf(e.createdMs, now), idleTimeout: e.idleTimeout, hardTimeout: e.hardTimeout,
      packetCount: BigInt(e.packetCount), byteCount: BigInt(e.byteCount), match: e.cm.match,
    };
  }

  /** Selector for a flow or aggregate statistics request (table OFPTT_ALL allowed). */
  statsSelector(q: FlowStatsRequest): FlowSelector {
    if (q.tableId >= this.deps.nTables && q.tableId !== OFPTT_ALL) {
      throw ofpError(OFPET.BAD_REQUEST, OFPBRC.BAD_TABLE_ID, `table ${q.tableId} does not exist`);
    }
    return { tableId: q.tableId, outPort: q.outPort, outGroup: q.outGroup, cookie: q.cookie, cookieMask: q.cookieMask, match: compileMatch(q.match) };
  }

  flowStats(q: FlowStatsRequest): FlowStats[] {
    const now = this.deps.clock();
    return this.select(this.statsSelector(q)).map((e) => ({
      tableId: e.tableId, ...durationOf(e.createdMs, now), priority: e.priority, idleTimeout: e.idleTimeout,
      hardTimeout: e.hardTimeout, flags: e.flags, cookie: e.cookie, packetCount: BigInt(e.packetCount),
      byteCount: BigInt(e.byteCount), match: e.cm.match, instructions: [...e.instructions],
    }));
  }

  aggregate(q: FlowStatsRequest): { packetCount: bigint; byteCount: bigint; flowCount: number } {
    let packets = 0, bytes = 0, flows = 0;
    for (const e of this.select(this.statsSelector(q))) { packets += e.packetCount; bytes += e.byteCount; flows++; }
    return { packetCount: BigInt(packets), byteCount: BigInt(bytes), flowCount: flows };
  }
}
