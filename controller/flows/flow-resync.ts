/**
 * Re-sync planning: what to send a switch so its flows of ours equal the intent. Pure: flow
 * stats and intent in, flows to add and stale entries to delete out; the flow service sends.
 *
 * Compared by (table, priority, match) and then cookie:
 * - intended, absent on the switch → add (unless it carries a timeout: such a flow expired on
 *   purpose, and re-adding it would resurrect it; it is dropped from the intent instead);
 * - present with another cookie → add (an ADD replaces it, cookie included);
 * - present on the switch with one of our cookies but not intended → delete strictly (table,
 *   priority, match, exact cookie), so nothing else is touched.
 * Flows without our cookie mark are never considered: operators' hand-made flows survive.
 */
import type { FlowStats } from '../../core/openflow/messages/flow.js';
import type { InstalledFlow } from '../services/flows.js';
import { isOurCookie } from '../pipeline/cookie-owners.js';
import { flowKey } from './flow-intent.js';

export interface ResyncPlan {
  add: InstalledFlow[];
  remove: FlowStats[];
  /** Intended flows with timeouts that are gone from the switch: expired, to forget. */
  expired: InstalledFlow[];
}

export function planResync(intent: ReadonlyMap<string, InstalledFlow>, onSwitch: readonly FlowStats[]): ResyncPlan {
  const plan: ResyncPlan = { add: [], remove: [], expired: [] };
  const seen = new Map<string, bigint>();
  for (const s of onSwitch) {
    if (!isOurCookie(s.cookie)) continue;
    const key = flowKey(s.tableId, s.priority, s.match);
    if (intent.has(key)) seen.set(key, s.cookie);
    else plan.remove.push(s);
  }
  for (const [key, flow] of intent) {
    const cookie = seen.get(key);
    if (cookie === flow.fullCookie) continue;
    if (cookie === undefined && ((flow.idleTimeout ?? 0) > 0 || (flow.hardTimeout ?? 0) > 0)) plan.expired.push(flow);
    else plan.add.push(flow);
  }
  return plan;
}
