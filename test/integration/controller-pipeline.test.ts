/**
 * The pipeline map and re-sync planning, without a switch: StageTable refuses gotos and match
 * fields off the map, cookies name their owner, and planResync adds, keeps, replaces and
 * deletes exactly what the intent says (never a flow without our mark).
 */
import { describe, expect, it } from 'vitest';
import type { FlowStats } from '../../core/openflow/messages/flow.js';
import { flowKey } from '../../controller/flows/flow-intent.js';
import { planResync } from '../../controller/flows/flow-resync.js';
import { basePipelineFlows } from '../../controller/pipeline/base-pipeline.js';
import { cookieFor, cookieOwnerOf, isOurCookie } from '../../controller/pipeline/cookie-owners.js';
import { checkFlowSpec, PipelineError, StageTable, STAGE_NAMES, tableOf } from '../../controller/pipeline/stages.js';
import type { InstalledFlow } from '../../controller/services/flows.js';

describe('pipeline map', () => {
  it('numbers the stages 0..5 in order', () => {
    expect(STAGE_NAMES).toEqual(['admission', 'classification', 'nat', 'l3', 'l2', 'egress']);
    expect(STAGE_NAMES.map(tableOf)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => tableOf('firewall')).toThrow(PipelineError);
  });

  it('refuses gotos and match fields not in the map', () => {
    const l2 = new StageTable('l2', 'l2');
    expect(l2.goto('egress')).toEqual({ type: 'GOTO_TABLE', tableId: 5 });
    expect(() => l2.goto('nat' as never)).toThrow(/l2 may not goto nat/);
    expect(() => l2.flow(10, { fields: [{ field: 'tcp_dst', value: 80 }] }, [])).toThrow(/l2 does not match on tcp_dst/);
    expect(() => checkFlowSpec({ stage: 'egress', priority: 1, match: { fields: [] }, instructions: [{ type: 'GOTO_TABLE', tableId: 0 }] })).toThrow(/egress may not goto table 0/);
    expect(() => new StageTable('l2', 'nobody')).toThrow(/unknown cookie owner/);
  });

  it('chains table-miss flows to the next stage and ends at the controller', () => {
    const flows = basePipelineFlows();
    expect(flows.map((f) => f.instructions[0]!.type)).toEqual(['GOTO_TABLE', 'GOTO_TABLE', 'GOTO_TABLE', 'GOTO_TABLE', 'GOTO_TABLE', 'APPLY_ACTIONS']);
    expect(flows.slice(0, 5).map((f) => (f.instructions[0] as { tableId: number }).tableId)).toEqual([1, 2, 3, 4, 5]);
  });

  it('puts the owner in the high 16 bits of the cookie', () => {
    expect(cookieFor('l2', 0x42n)).toBe(0x5c10000000000042n);
    expect(cookieOwnerOf(0x5c10000000000042n)).toBe('l2');
    expect(isOurCookie(0x5cffn << 48n)).toBe(true);
    expect(isOurCookie(0x1234n)).toBe(false);
    expect(() => cookieFor('l2', 1n << 48n)).toThrow(RangeError);
  });
});

describe('planResync', () => {
  const flow = (priority: number, mac: string, cookie: bigint, extra: Partial<InstalledFlow> = {}): InstalledFlow => ({
    stage: 'l2', dpid: 1n, tableId: 4, owner: 'l2', priority, fullCookie: cookie,
    match: { fields: [{ field: 'eth_dst', value: mac }] }, instructions: [], ...extra,
  });
  const stat = (priority: number, mac: string, cookie: bigint, mask?: string): FlowStats => ({
    tableId: 4, durationSec: 0, durationNsec: 0, priority, idleTimeout: 0, hardTimeout: 0, flags: 0, cookie,
    packetCount: 0n, byteCount: 0n, instructions: [],
    match: { fields: [mask === undefined ? { field: 'eth_dst', value: mac } : { field: 'eth_dst', value: mac, mask }] },
  });
  const intent = (...flows: InstalledFlow[]) => new Map(flows.map((f) => [flowKey(f.tableId, f.priority, f.match), f]));

  it('adds missing, keeps equal, replaces a changed cookie, deletes stale ours, ignores others', () => {
    const keep = flow(10, '02:00:00:00:00:01', 0x5c10000000000001n);
    const missing = flow(10, '02:00:00:00:00:02', 0x5c10000000000002n);
    const recookied = flow(10, '02:00:00:00:00:03', 0x5c10000000000003n);
    const plan = planResync(intent(keep, missing, recookied), [
      stat(10, '02:00:00:00:00:01', 0x5c10000000000001n, 'ff:ff:ff:ff:ff:ff'), // all-ones mask = exact
      stat(10, '02:00:00:00:00:03', 0x5c10000000000099n),
      stat(20, '02:00:00:00:00:04', 0x5c10000000000004n),
      stat(30, '02:00:00:00:00:05', 0x1234n),
    ]);
    expect(plan.add).toEqual([missing, recookied]);
    expect(plan.remove.map((s) => s.priority)).toEqual([20]);
    expect(plan.expired).toEqual([]);
  });

  it('forgets, rather than resurrects, an intended flow with a timeout that is gone', () => {
    const ephemeral = flow(10, '02:00:00:00:00:06', 0x5c10000000000006n, { idleTimeout: 30 });
    const plan = planResync(intent(ephemeral), []);
    expect(plan.add).toEqual([]);
    expect(plan.expired).toEqual([ephemeral]);
  });
});
