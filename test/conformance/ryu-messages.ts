/**
 * Conversions between OfpMessage and Ryu's `to_jsondict()` JSON at the message level, both ways,
 * for the conformance corpus. Nested structures (match, actions, buckets, ...) go through
 * ryu-structures.ts.
 *
 * toRyu drops the xid (Ryu's JSON has none; the corpus's are 0) and gives every len/length the
 * value the encoder would write, measured by encoding. fromRyu ignores len/length keys (the
 * encoder recomputes them) and sets xid 0.
 *
 * Multipart messages are in ryu-multipart.ts. A PACKET_OUT whose data Ryu built with its packet
 * library shows the frame as `{Packet: ...}`; the caller asks for that form with
 * `packetData: true` (see ryu-packet.ts).
 */
import { encodeActions, type OfpMessage } from '../../core/openflow/index.js';
import { asMessage, b64, bytes, flatFrom, flatTo, list, str, wireLength, wrap, type Obj } from './ryu-flat-fields.js';
import { multipartFromRyu, multipartToRyu } from './ryu-multipart.js';
import { packetFromRyu, packetToRyu } from './ryu-packet.js';
import {
  actionFromRyu, actionToRyu, bucketFromRyu, bucketToRyu, helloElementFromRyu, helloElementToRyu, instructionFromRyu,
  instructionToRyu, matchFromRyu, matchToRyu, meterBandFromRyu, meterBandToRyu, packetQueueFromRyu, packetQueueToRyu,
  portDescFromRyu, portDescToRyu, unwrap, type RyuJson,
} from './ryu-structures.js';

export interface ToRyuOptions {
  /** Show PACKET_OUT data as Ryu's packet-library JSON instead of base64. */
  packetData?: boolean;
}

const FLOW_MOD = ['tableId', 'command', 'idleTimeout', 'hardTimeout', 'priority', 'bufferId', 'outPort', 'outGroup', 'flags'];
const FLOW_REMOVED = ['priority', 'reason', 'tableId', 'durationSec', 'durationNsec', 'idleTimeout', 'hardTimeout'];
const PACKET_IN = ['bufferId', 'totalLen', 'reason', 'tableId'];
const ASYNC = ['packetInMask', 'portStatusMask', 'flowRemovedMask'];

export function messageToRyu(m: OfpMessage, opts: ToRyuOptions = {}): RyuJson {
  switch (m.type) {
    case 'HELLO': return wrap('OFPHello', { elements: m.elements.map(helloElementToRyu) });
    case 'ERROR':
      if ('experimenter' in m) {
        return wrap('OFPErrorMsg', { type: m.errorType, code: null, ...flatTo(m, ['expType', 'experimenter']), data: b64(m.data) });
      }
      return wrap('OFPErrorMsg', { type: m.errorType, code: m.code, data: b64(m.data) });
    case 'ECHO_REQUEST': return wrap('OFPEchoRequest', { data: b64(m.data) });
    case 'ECHO_REPLY': return wrap('OFPEchoReply', { data: b64(m.data) });
    case 'EXPERIMENTER': return wrap('OFPExperimenter', { ...flatTo(m, ['experimenter', 'expType']), data: b64(m.data) });
    case 'FEATURES_REQUEST': return wrap('OFPFeaturesRequest', {});
    case 'FEATURES_REPLY':
      return wrap('OFPSwitchFeatures', flatTo(m, ['datapathId', 'nBuffers', 'nTables', 'auxiliaryId', 'capabilities']));
    case 'GET_CONFIG_REQUEST': return wrap('OFPGetConfigRequest', {});
    case 'GET_CONFIG_REPLY': return wrap('OFPGetConfigReply', flatTo(m, ['flags', 'missSendLen']));
    case 'SET_CONFIG': return wrap('OFPSetConfig', flatTo(m, ['flags', 'missSendLen']));
    case 'PACKET_IN':
      return wrap('OFPPacketIn', { ...flatTo(m, [...PACKET_IN, 'cookie']), match: matchToRyu(m.match), data: b64(m.data) });
    case 'FLOW_REMOVED':
      return wrap('OFPFlowRemoved', {
        ...flatTo(m, [...FLOW_REMOVED, 'cookie', 'packetCount', 'byteCount']), match: matchToRyu(m.match),
      });
    case 'PORT_STATUS': return wrap('OFPPortStatus', { reason: m.reason, desc: portDescToRyu(m.desc) });
    case 'PACKET_OUT':
      return wrap('OFPPacketOut', {
        ...flatTo(m, ['bufferId', 'inPort']), actions: m.actions.map(actionToRyu),
        actions_len: wireLength((w) => encodeActions(w, m.actions)),
        data: opts.packetData ? packetToRyu(m.data) : b64(m.data),
      });
    case 'FLOW_MOD':
      return wrap('OFPFlowMod', {
        ...flatTo(m, [...FLOW_MOD, 'cookie', 'cookieMask']), match: matchToRyu(m.match),
        instructions: m.instructions.map(instructionToRyu),
      });
    case 'GROUP_MOD':
      return wrap('OFPGroupMod', { command: m.command, type: m.groupType, group_id: m.groupId, buckets: m.buckets.map(bucketToRyu) });
    case 'PORT_MOD': return wrap('OFPPortMod', flatTo(m, ['portNo', 'hwAddr', 'config', 'mask', 'advertise']));
    case 'TABLE_MOD': return wrap('OFPTableMod', flatTo(m, ['tableId', 'config']));
    case 'MULTIPART_REQUEST': case 'MULTIPART_REPLY': return multipartToRyu(m);
    case 'BARRIER_REQUEST': return wrap('OFPBarrierRequest', {});
    case 'BARRIER_REPLY': return wrap('OFPBarrierReply', {});
    case 'QUEUE_GET_CONFIG_REQUEST': return wrap('OFPQueueGetConfigRequest', { port: m.port });
    case 'QUEUE_GET_CONFIG_REPLY': return wrap('OFPQueueGetConfigReply', { port: m.port, queues: m.queues.map(packetQueueToRyu) });
    case 'ROLE_REQUEST': return wrap('OFPRoleRequest', flatTo(m, ['role', 'generationId']));
    case 'ROLE_REPLY': return wrap('OFPRoleReply', flatTo(m, ['role', 'generationId']));
    case 'GET_ASYNC_REQUEST': return wrap('OFPGetAsyncRequest', {});
    case 'GET_ASYNC_REPLY': return wrap('OFPGetAsyncReply', flatTo(m, ASYNC));
    case 'SET_ASYNC': return wrap('OFPSetAsync', flatTo(m, ASYNC));
    case 'METER_MOD':
      return wrap('OFPMeterMod', { ...flatTo(m, ['command', 'flags', 'meterId']), bands: m.bands.map(meterBandToRyu) });
  }
}

function pair(j: Obj, k: string): [number, number] {
  const v = list(j, k);
  if (v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number') throw new Error(`${k}: expected two numbers`);
  return [v[0], v[1]];
}

export function messageFromRyu(json: RyuJson): OfpMessage {
  const [cls, j] = unwrap(json, 'message');
  const xid = 0;
  switch (cls) {
    case 'OFPHello': return { type: 'HELLO', xid, elements: list(j, 'elements').map(helloElementFromRyu) };
    case 'OFPErrorMsg': {
      const { type: errorType } = flatFrom(j, ['type']) as { type: number };
      if (errorType === 0xffff) {
        return asMessage({ type: 'ERROR', xid, errorType, ...flatFrom(j, ['expType', 'experimenter']), data: bytes(j, 'data') });
      }
      return asMessage({ type: 'ERROR', xid, errorType, ...flatFrom(j, ['code']), data: bytes(j, 'data') });
    }
    case 'OFPEchoRequest': return { type: 'ECHO_REQUEST', xid, data: bytes(j, 'data') };
    case 'OFPEchoReply': return { type: 'ECHO_REPLY', xid, data: bytes(j, 'data') };
    case 'OFPExperimenter':
      return asMessage({ type: 'EXPERIMENTER', xid, ...flatFrom(j, ['experimenter', 'expType']), data: bytes(j, 'data') });
    case 'OFPFeaturesRequest': return { type: 'FEATURES_REQUEST', xid };
    case 'OFPSwitchFeatures':
      return asMessage({ type: 'FEATURES_REPLY', xid, ...flatFrom(j, ['nBuffers', 'nTables', 'auxiliaryId', 'capabilities'], ['datapathId']), reserved: 0 });
    case 'OFPGetConfigRequest': return { type: 'GET_CONFIG_REQUEST', xid };
    case 'OFPGetConfigReply': return asMessage({ type: 'GET_CONFIG_REPLY', xid, ...flatFrom(j, ['flags', 'missSendLen']) });
    case 'OFPSetConfig': return asMessage({ type: 'SET_CONFIG', xid, ...flatFrom(j, ['flags', 'missSendLen']) });
    case 'OFPPacketIn':
      return asMessage({ type: 'PACKET_IN', xid, ...flatFrom(j, PACKET_IN, ['cookie']), match: matchFromRyu(j.match), data: bytes(j, 'data') });
    case 'OFPFlowRemoved':
      return asMessage({ type: 'FLOW_REMOVED', xid, ...flatFrom(j, FLOW_REMOVED, ['cookie', 'packetCount', 'byteCount']), match: matchFromRyu(j.match) });
    case 'OFPPortStatus': return asMessage({ type: 'PORT_STATUS', xid, ...flatFrom(j, ['reason']), desc: portDescFromRyu(j.desc) });
    case 'OFPPacketOut': {
      const data = typeof j.data === 'object' && j.data !== null && !Array.isArray(j.data) ? packetFromRyu(j.data) : bytes(j, 'data');
      return asMessage({ type: 'PACKET_OUT', xid, ...flatFrom(j, ['bufferId', 'inPort']), actions: list(j, 'actions').map(actionFromRyu), data });
    }
    case 'OFPFlowMod':
      return asMessage({
        type: 'FLOW_MOD', xid, ...flatFrom(j, FLOW_MOD, ['cookie', 'cookieMask']), match: matchFromRyu(j.match),
        instructions: list(j, 'instructions').map(instructionFromRyu),
      });
    case 'OFPGroupMod':
      return asMessage({
        type: 'GROUP_MOD', xid, ...flatFrom(j, ['command', 'groupId']), groupType: flatFrom(j, ['type']).type,
        buckets: list(j, 'buckets').map(bucketFromRyu),
      });
    case 'OFPPortMod':
      return asMessage({ type: 'PORT_MOD', xid, ...flatFrom(j, ['portNo', 'config', 'mask', 'advertise']), hwAddr: str(j, 'hw_addr') });
    case 'OFPTableMod': return asMessage({ type: 'TABLE_MOD', xid, ...flatFrom(j, ['tableId', 'config']) });
    case 'OFPBarrierRequest': return { type: 'BARRIER_REQUEST', xid };
    case 'OFPBarrierReply': return { type: 'BARRIER_REPLY', xid };
    case 'OFPQueueGetConfigRequest': return asMessage({ type: 'QUEUE_GET_CONFIG_REQUEST', xid, ...flatFrom(j, ['port']) });
    case 'OFPQueueGetConfigReply':
      return asMessage({ type: 'QUEUE_GET_CONFIG_REPLY', xid, ...flatFrom(j, ['port']), queues: list(j, 'queues').map(packetQueueFromRyu) });
    case 'OFPRoleRequest': return asMessage({ type: 'ROLE_REQUEST', xid, ...flatFrom(j, ['role'], ['generationId']) });
    case 'OFPRoleReply': return asMessage({ type: 'ROLE_REPLY', xid, ...flatFrom(j, ['role'], ['generationId']) });
    case 'OFPGetAsyncRequest': return { type: 'GET_ASYNC_REQUEST', xid };
    case 'OFPGetAsyncReply': case 'OFPSetAsync': {
      const masks = { packetInMask: pair(j, 'packet_in_mask'), portStatusMask: pair(j, 'port_status_mask'), flowRemovedMask: pair(j, 'flow_removed_mask') };
      return cls === 'OFPSetAsync' ? { type: 'SET_ASYNC', xid, ...masks } : { type: 'GET_ASYNC_REPLY', xid, ...masks };
    }
    case 'OFPMeterMod':
      return asMessage({ type: 'METER_MOD', xid, ...flatFrom(j, ['command', 'flags', 'meterId']), bands: list(j, 'bands').map(meterBandFromRyu) });
    default: {
      const mp = multipartFromRyu(cls, j);
      if (mp === undefined) throw new Error(`messageFromRyu: unknown class ${cls}`);
      return mp;
    }
  }
}
