/**
 * Switch handshake and controller-session messages (OF1.3.5 §7.3.1–7.3.2, §7.3.7–7.3.10):
 * features, switch configuration, barrier, role and asynchronous-message configuration.
 */
import { writeFixedLatin1 } from '../fixed-latin1.js';
import type { OfpReader } from '../ofp-reader.js';
import type { OfpWriter } from '../ofp-writer.js';

export interface FeaturesRequest {
  type: 'FEATURES_REQUEST';
  xid: number;
}

/** ofp_switch_features. */
export interface FeaturesReply {
  type: 'FEATURES_REPLY';
  xid: number;
  datapathId: bigint;
  nBuffers: number;
  nTables: number;
  /** Non-zero on auxiliary connections (§6.3.6). */
  auxiliaryId: number;
  /** OFPC_* bits. */
  capabilities: number;
  /** ofp_switch_features.reserved; kept so a decoded reply re-encodes byte for byte. */
  reserved: number;
}

export interface GetConfigRequest {
  type: 'GET_CONFIG_REQUEST';
  xid: number;
}

/** ofp_switch_config as a reply. */
export interface GetConfigReply {
  type: 'GET_CONFIG_REPLY';
  xid: number;
  /** OFPC_FRAG_* bits. */
  flags: number;
  missSendLen: number;
}

/** ofp_switch_config as a command. */
export interface SetConfig {
  type: 'SET_CONFIG';
  xid: number;
  flags: number;
  missSendLen: number;
}

export interface BarrierRequest {
  type: 'BARRIER_REQUEST';
  xid: number;
}

export interface BarrierReply {
  type: 'BARRIER_REPLY';
  xid: number;
}

/** ofp_role_request. */
export interface RoleRequest {
  type: 'ROLE_REQUEST';
  xid: number;
  /** OFPCR_ROLE_*. */
  role: number;
  generationId: bigint;
}

export interface RoleReply {
  type: 'ROLE_REPLY';
  xid: number;
  role: number;
  generationId: bigint;
}

export interface GetAsyncRequest {
  type: 'GET_ASYNC_REQUEST';
  xid: number;
}

/**
 * ofp_async_config masks. Index 0 applies while the controller is master or equal, index 1 while
 * it is slave (§7.3.10).
 */
export interface AsyncConfig {
  packetInMask: [number, number];
  portStatusMask: [number, number];
  flowRemovedMask: [number, number];
}

export interface GetAsyncReply extends AsyncConfig {
  type: 'GET_ASYNC_REPLY';
  xid: number;
}

export interface SetAsync extends AsyncConfig {
  type: 'SET_ASYNC';
  xid: number;
}

export function decodeFeaturesReply(r: OfpReader, xid: number): FeaturesReply {
  const datapathId = r.u64('ofp_switch_features.datapath_id');
  const nBuffers = r.u32('ofp_switch_features.n_buffers');
  const nTables = r.u8('ofp_switch_features.n_tables');
  const auxiliaryId = r.u8('ofp_switch_features.auxiliary_id');
  r.skip(2, 'ofp_switch_features.pad');
  const capabilities = r.u32('ofp_switch_features.capabilities');
  const reserved = r.u32('ofp_switch_features.reserved');
  return { type: 'FEATURES_REPLY', xid, datapathId, nBuffers, nTables, auxiliaryId, capabilities, reserved };
}

export function encodeFeaturesReply(w: OfpWriter, m: FeaturesReply): void {
  w.u64(m.datapathId);
  w.u32(m.nBuffers);
  w.u8(m.nTables);
  w.u8(m.auxiliaryId);
  w.zeros(2);
  w.u32(m.capabilities);
  w.u32(m.reserved);
}

function decodeSwitchConfig(r: OfpReader): { flags: number; missSendLen: number } {
  const flags = r.u16('ofp_switch_config.flags');
  const missSendLen = r.u16('ofp_switch_config.miss_send_len');
  return { flags, missSendLen };
}

export function decodeGetConfigReply(r: OfpReader, xid: number): GetConfigReply {
  return { type: 'GET_CONFIG_REPLY', xid, ...decodeSwitchConfig(r) };
}

export function decodeSetConfig(r: OfpReader, xid: number): SetConfig {
  return { type: 'SET_CONFIG', xid, ...decodeSwitchConfig(r) };
}

export function encodeSwitchConfig(w: OfpWriter, m: GetConfigReply | SetConfig): void {
  w.u16(m.flags);
  w.u16(m.missSendLen);
}

function decodeRole(r: OfpReader): { role: number; generationId: bigint } {
  const role = r.u32('ofp_role_request.role');
  r.skip(4, 'ofp_role_request.pad');
  const generationId = r.u64('ofp_role_request.generation_id');
  return { role, generationId };
}

export function decodeRoleRequest(r: OfpReader, xid: number): RoleRequest {
  return { type: 'ROLE_REQUEST', xid, ...decodeRole(r) };
}

export function decodeRoleReply(r: OfpReader, xid: number): RoleReply {
  return { type: 'ROLE_REPLY', xid, ...decodeRole(r) };
}

export function encodeRole(w: OfpWriter, m: RoleRequest | RoleReply): void {
  w.u32(m.role);
  w.zeros(4);
  w.u64(m.generationId);
}

function decodeAsyncConfig(r: OfpReader): AsyncConfig {
  const pair = (field: string): [number, number] => [r.u32(`${field}[0]`), r.u32(`${field}[1]`)];
  const packetInMask = pair('ofp_async_config.packet_in_mask');
  const portStatusMask = pair('ofp_async_config.port_status_mask');
  const flowRemovedMask = pair('ofp_async_config.flow_removed_mask');
  return { packetInMask, portStatusMask, flowRemovedMask };
}

export function decodeGetAsyncReply(r: OfpReader, xid: number): GetAsyncReply {
  return { type: 'GET_ASYNC_REPLY', xid, ...decodeAsyncConfig(r) };
}

export function decodeSetAsync(r: OfpReader, xid: number): SetAsync {
  return { type: 'SET_ASYNC', xid, ...decodeAsyncConfig(r) };
}

export function encodeAsyncConfig(w: OfpWriter, m: AsyncConfig): void {
  for (const mask of [m.packetInMask, m.portStatusMask, m.flowRemovedMask]) {
    w.u32(mask[0]);
    w.u32(mask[1]);
  }
}

/** ofp_desc: the switch's self-description (multipart OFPMP_DESC reply). */
export interface Desc {
  mfrDesc: string;
  hwDesc: string;
  swDesc: string;
  serialNum: string;
  dpDesc: string;
}

// ofp_desc strings are NUL-padded ASCII in fixed fields (DESC_STR_LEN = 256, SERIAL_NUM_LEN = 32);
// read byte per character so any content survives a decode/encode trip.
export function decodeDesc(r: OfpReader): Desc {
  const mfrDesc = r.fixedString(256, 'ofp_desc.mfr_desc');
  const hwDesc = r.fixedString(256, 'ofp_desc.hw_desc');
  const swDesc = r.fixedString(256, 'ofp_desc.sw_desc');
  const serialNum = r.fixedString(32, 'ofp_desc.serial_num');
  const dpDesc = r.fixedString(256, 'ofp_desc.dp_desc');
  return { mfrDesc, hwDesc, swDesc, serialNum, dpDesc };
}

export function encodeDesc(w: OfpWriter, d: Desc): void {
  writeFixedLatin1(w, d.mfrDesc, 256, 'ofp_desc.mfr_desc');
  writeFixedLatin1(w, d.hwDesc, 256, 'ofp_desc.hw_desc');
  writeFixedLatin1(w, d.swDesc, 256, 'ofp_desc.sw_desc');
  writeFixedLatin1(w, d.serialNum, 32, 'ofp_desc.serial_num');
  writeFixedLatin1(w, d.dpDesc, 256, 'ofp_desc.dp_desc');
}
