/**
 * sluice.v1.Datapaths over a DatapathsBackend.
 *
 * Raw sends are checked at the OpenFlow header only (version, type, length): the northbound must
 * not pull in the message codec, and a switch rejects a bad body with OFPT_ERROR, which a barrier
 * send reports back to the caller.
 */
import { NotFoundError, UnavailableError } from '../backend-errors.js';
import type { DatapathsBackend, Dpid } from '../backend.js';
import { unary } from '../call-handlers.js';
import { formatDpid } from '../dpid-text.js';
import type { DatapathsHandlers } from '../generated/sluice/v1/Datapaths.js';
import type { SendOpenFlowRequest__Output } from '../generated/sluice/v1/SendOpenFlowRequest.js';
import type { SendOpenFlowResponse } from '../generated/sluice/v1/SendOpenFlowResponse.js';
import { datapathMessage, portMessage, portStatsMessage } from '../proto-mapping.js';
import { RequestChecks } from '../request-checks.js';

/** OpenFlow 1.3 wire version (ofp_header.version). */
const OFP13_VERSION = 0x04;
/** ofp_type values of the messages the Send* RPCs carry (OpenFlow 1.3 §7.1). */
const OFPT = { FLOW_MOD: 14, GROUP_MOD: 15, METER_MOD: 29 } as const;
/** ofp_header is 8 bytes. */
const OFP_HEADER_LEN = 8;
/** OFPP_ANY: "all ports" in a port-stats request. */
const OFPP_ANY = 0xffffffff;

export function datapathsService(backend: DatapathsBackend): DatapathsHandlers {
  /** A dpid the backend knows, or NOT_FOUND. */
  const known = (dpid: Dpid) => {
    const dp = backend.get(dpid);
    if (!dp) throw new NotFoundError('datapath', formatDpid(dpid));
    return dp;
  };

  const send = (name: keyof typeof OFPT) =>
    unary<SendOpenFlowRequest__Output, SendOpenFlowResponse>(async (req) => {
      const checks = new RequestChecks();
      const dpid = checks.dpid('dpid', req.dpid, true);
      checkHeader(checks, req.message, OFPT[name], `OFPT_${name}`);
      checks.done();
      const dp = known(dpid!);
      if (!dp.connected) throw new UnavailableError(`datapath ${formatDpid(dp.dpid)} is disconnected`);
      const result = await backend.sendRaw(dp.dpid, req.message, { barrier: req.barrier });
      return { xid: result.xid, error: result.error ?? null };
    });

  return {
    List: unary((req) => {
      const all = [...backend.list()].sort((a, b) => (a.dpid < b.dpid ? -1 : a.dpid > b.dpid ? 1 : 0));
      return { datapaths: all.filter((d) => d.connected || !req.connected_only).map(datapathMessage) };
    }),

    Get: unary((req) => {
      const checks = new RequestChecks();
      const dpid = checks.dpid('dpid', req.dpid, true);
      checks.done();
      return datapathMessage(known(dpid!));
    }),

    ListPorts: unary((req) => {
      const checks = new RequestChecks();
      const dpid = checks.dpid('dpid', req.dpid, true);
      checks.done();
      const ports = backend.ports(dpid!);
      if (!ports) throw new NotFoundError('datapath', formatDpid(dpid!));
      return { ports: [...ports].sort((a, b) => a.portNo - b.portNo).map(portMessage) };
    }),

    GetPortStats: unary(async (req) => {
      const checks = new RequestChecks();
      const dpid = checks.dpid('dpid', req.dpid, true);
      checks.done();
      const dp = known(dpid!);
      if (!dp.connected) throw new UnavailableError(`datapath ${formatDpid(dp.dpid)} is disconnected`);
      const portNo = req.port_no === 0 || req.port_no === OFPP_ANY ? undefined : req.port_no;
      const stats = await backend.portStats(dp.dpid, portNo);
      return { stats: [...stats].sort((a, b) => a.portNo - b.portNo).map(portStatsMessage) };
    }),

    SendFlowMod: send('FLOW_MOD'),
    SendGroupMod: send('GROUP_MOD'),
    SendMeterMod: send('METER_MOD'),
  };
}

function checkHeader(checks: RequestChecks, message: Buffer, type: number, typeName: string): void {
  if (message.length < OFP_HEADER_LEN) {
    checks.add('message', `${message.length} bytes is shorter than ofp_header (${OFP_HEADER_LEN})`);
    return;
  }
  const version = message.readUInt8(0);
  if (version !== OFP13_VERSION) checks.add('message', `ofp_header.version is ${version}, expected 4 (OpenFlow 1.3)`);
  const got = message.readUInt8(1);
  if (got !== type) checks.add('message', `ofp_header.type is ${got}, expected ${type} (${typeName})`);
  const length = message.readUInt16BE(2);
  if (length !== message.length) {
    checks.add('message', `ofp_header.length is ${length} but ${message.length} bytes were sent`);
  }
}
