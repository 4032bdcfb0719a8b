/**
 * FlowIntent: the flows each owner wants on each switch, kept whether or not the switch is
 * connected, so a switch that (re)connects can be brought back to it.
 *
 * Keyed per switch by (table, priority, canonical match): OpenFlow itself treats two flows with
 * the same table, priority and match as the same flow (an ADD replaces), so the intent can
 * never hold what the switch would see as duplicates.
 */
import type { Match } from '../../core/openflow/match.js';
import type { Dpid } from '../services/datapaths.js';
import type { InstalledFlow } from '../services/flows.js';
import { matchCovers, matchKey } from './match-key.js';

export function flowKey(tableId: number, priority: number, match: Match): string {
  return `${tableId}/${priority}/${matchKey(match)}`;
}

export interface IntentFilter {
  owner?: string;
  tableId?: number;
  priority?: number;
  match?: Match;
  /** Strict: match must be equal; otherwise it must cover the filter (non-strict delete semantics). */
  strict?: boolean;
  fullCookie?: bigint;
}

export class FlowIntent {
  private readonly bySwitch = new Map<Dpid, Map<string, InstalledFlow>>();

  flows(dpid: Dpid): Map<string, InstalledFlow> {
    let m = this.bySwitch.get(dpid);
    if (m === undefined) {
      m = new Map();
      this.bySwitch.set(dpid, m);
    }
    return m;
  }

  switches(): Dpid[] {
    return [...this.bySwitch.keys()];
  }

  /** Adds or replaces; returns the flow it replaced, if any. */
  put(flow: InstalledFlow): InstalledFlow | undefined {
    const m = this.flows(flow.dpid);
    const key = flowKey(flow.tableId, flow.priority, flow.match);
    const old = m.get(key);
    m.set(key, flow);
    return old;
  }

  delete(flow: InstalledFlow): void {
    const m = this.bySwitch.get(flow.dpid);
    const key = flowKey(flow.tableId, flow.priority, flow.match);
    if (m?.get(key) === flow) m.delete(key);
  }

  /** Removes and returns the flows on `dpid` the filter selects. */
  take(dpid: Dpid, f: IntentFilter): InstalledFlow[] {
    const m = this.bySwitch.get(dpid);
    if (m === undefined) return [];
    const out: InstalledFlow[] = [];
    for (const [key, flow] of m) {
      if (f.owner !== undefined && flow.owner !== f.owner) continue;
      if (f.tableId !== undefined && flow.tableId !== f.tableId) continue;
      if (f.priority !== undefined && flow.priority !== f.priority) continue;
      if (f.fullCookie !== undefined && flow.fullCookie !== f.fullCookie) continue;
      if (f.match !== undefined) {
        const hit = f.strict ? matchKey(f.match) === matchKey(flow.match) : matchCovers(f.match, flow.match);
        if (!hit) continue;
      }
      m.delete(key);
      out.push(flow);
    }
    return out;
  }
}
