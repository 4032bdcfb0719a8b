/**
 * sluice.v1.Flows over a FlowsBackend.
 *
 * Match fields are checked here only for shape (a field name, a value). Whether "eth_dst" is a
 * known OXM field, whether its value parses and whether it may be masked is the OpenFlow codec's
 * knowledge; the backend owns the codec and reports problems as FieldViolationError with the same
 * "match[i].field/value/mask" paths, so clients see one consistent INVALID_ARGUMENT shape.
 */
import type { FlowRecord, FlowsBackend, MatchFieldText } from '../backend.js';
import { unary } from '../call-handlers.js';
import type { FlowsHandlers } from '../generated/sluice/v1/Flows.js';
import type { MatchField__Output } from '../generated/sluice/v1/MatchField.js';
import { flowMessage } from '../proto-mapping.js';
import { RequestChecks } from '../request-checks.js';

/** Owner recorded for flows added through this API without an explicit owner. */
export const NORTHBOUND_OWNER = 'northbound';
/** OFPTT_MAX: the highest table id a flow can live in (OFPTT_ALL = 0xff is "every table"). */
const OFPTT_MAX = 0xfe;
const OXM_NAME = /^[a-z][a-z0-9_]*$/;

export function flowsService(backend: FlowsBackend): FlowsHandlers {
  return {
    List: unary(async (req) => {
      const checks = new RequestChecks();
      const dpid = checks.dpid('dpid', req.dpid, false);
      const tableId = req.table_id ? checks.range('table_id', req.table_id.value, 0, OFPTT_MAX) : undefined;
      const cookie = checks.uint64('cookie', req.cookie);
      const cookieMask = checks.uint64('cookie_mask', req.cookie_mask);
      checks.done();
      const flows = await backend.list({ dpid, tableId, cookie, cookieMask, owner: req.owner || undefined });
      return { flows: [...flows].sort(flowOrder).map(flowMessage) };
    }),

    Add: unary(async (req) => {
      const checks = new RequestChecks();
      const dpid = checks.dpid('dpid', req.dpid, true);
      checks.range('table_id', req.table_id, 0, OFPTT_MAX);
      checks.range('priority', req.priority, 0, 0xffff);
      checks.range('idle_timeout', req.idle_timeout, 0, 0xffff);
      checks.range('hard_timeout', req.hard_timeout, 0, 0xffff);
      checks.range('flags', req.flags, 0, 0xffff);
      const cookie = checks.uint64('cookie', req.cookie);
      const match = matchFields(checks, req.match);
      // ofp_instruction structures are multiples of 8 bytes (OpenFlow 1.3 §7.2.4).
      if (req.instructions.length % 8 !== 0) {
        checks.add('instructions', `${req.instructions.length} bytes is not a whole number of 8-byte ofp_instruction units`);
      }
      checks.done();
      const flow = await backend.add({
        dpid: dpid!,
        tableId: req.table_id,
        priority: req.priority,
        cookie,
        owner: req.owner || NORTHBOUND_OWNER,
        idleTimeout: req.idle_timeout,
        hardTimeout: req.hard_timeout,
        flags: req.flags,
        match,
        instructions: req.instructions,
      });
      return { flow: flowMessage(flow) };
    }),

    Delete: unary(async (req) => {
      const checks = new RequestChecks();
      const dpid = checks.dpid('dpid', req.dpid, false);
      const tableId = req.table_id ? checks.range('table_id', req.table_id.value, 0, OFPTT_MAX) : undefined;
      const cookie = checks.uint64('cookie', req.cookie);
      const cookieMask = checks.uint64('cookie_mask', req.cookie_mask);
      const match = matchFields(checks, req.match);
      checks.range('priority', req.priority, 0, 0xffff);
      if (dpid === undefined && !req.dpid && req.owner === '' && cookieMask === 0n && match.length === 0) {
        checks.add('dpid', 'give at least one of dpid, owner, cookie_mask or match (refusing to delete every flow)');
      }
      checks.done();
      const deleted = await backend.delete({
        dpid,
        tableId,
        cookie,
        cookieMask,
        owner: req.owner || undefined,
        match,
        strict: req.strict,
        priority: req.priority,
      });
      return { deleted };
    }),
  };
}

/** The order ListFlowsResponse promises: dpid, table, then the entry a lookup would hit first. */
function flowOrder(a: FlowRecord, b: FlowRecord): number {
  if (a.dpid !== b.dpid) return a.dpid < b.dpid ? -1 : 1;
  return a.tableId - b.tableId || b.priority - a.priority;
}

function matchFields(checks: RequestChecks, fields: MatchField__Output[]): MatchFieldText[] {
  return fields.map((m, i) => {
    if (!OXM_NAME.test(m.field)) checks.add(`match[${i}].field`, `"${m.field}" is not an OXM field name (e.g. eth_dst)`);
    if (m.value === '') checks.add(`match[${i}].value`, 'required');
    return m.mask === '' ? { field: m.field, value: m.value } : { field: m.field, value: m.value, mask: m.mask };
  });
}
