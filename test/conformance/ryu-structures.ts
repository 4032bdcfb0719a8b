/**
 * Conversions between the codec's structure types and Ryu's `to_jsondict()` JSON, both ways, for
 * the conformance corpus in ../shared/conformance/ryu-of13.
 *
 * toRyu output matches what `loadRyuJson` returns for Ryu's files: integers above 2^53 are
 * bigint, the rest numbers, `len`/`length` carry the on-wire values. fromRyu ignores every
 * len/length key (the encoder recomputes them), so it works with those keys removed.
 *
 * Ryu's quirks reproduced here: a missing OXM mask is `null`; unknown OXM fields are named
 * `field_<class << 7 | field>` with a base64 value; experimenter action bodies are base64; NX
 * field references are names (`"reg0"`) or `[name, ofs]` pairs in learn specs; a CT zone taken
 * from an immediate is `zone_src: ""`; absent NAT addresses are `""` and absent ports `null`.
 */
import {
  OFPAT, OFPIT, OFPMBT, OFPQT, OFPTFPT, OFPXMC, OfpWriter, OXM_FIELDS, encodeAction, encodeInstruction,
  encodeMatch, encodeMeterBand, encodeBucket, encodePacketQueue, encodeTableFeatures, helloVersions, isOxmFieldName,
  versionBitmapElement, NX_EXPERIMENTER_ID, NXAST,
  type Action, type Bucket, type Controller2Prop, type HelloElement, type Instruction, type LearnSpec, type Match,
  type MeterBand, type NiciraAction, type NxmFieldRef, type NxFieldSlice, type OxmFieldName, type OxmId, type OxmTlv,
  type PacketQueue, type PortDesc, type QueueProp, type TableFeatureProp, type TableFeatures, type TlvId,
} from '../../core/openflow/index.js';

export type RyuJson = unknown;
type Obj = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// JSON helpers

/** `{ Cls: body }` → [Cls, body]; throws with the path when the shape is wrong. */
export function unwrap(j: RyuJson, where = 'json'): [string, Obj] {
  if (typeof j !== 'object' || j === null || Array.isArray(j)) throw new Error(`${where}: expected {"Class": {...}}`);
  const keys = Object.keys(j);
  if (keys.length !== 1) throw new Error(`${where}: expected one class key, got ${keys.join(',')}`);
  const body = (j as Obj)[keys[0]!];
  if (typeof body !== 'object' || body === null) throw new Error(`${where}.${keys[0]}: expected an object`);
  return [keys[0]!, body as Obj];
}

function wrap(cls: string, body: Obj): RyuJson {
  return { [cls]: body };
}

/** A JSON integer as loadRyuJson gives it: number when exact, else bigint. */
export function ryuInt(v: number | bigint): number | bigint {
  if (typeof v === 'number') return v;
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function num(o: Obj, k: string): number {
  const v = o[k];
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
  throw new Error(`${k}: expected a number, got ${String(v)}`);
}

function big(o: Obj, k: string): bigint {
  const v = o[k];
  if (typeof v === 'number' || typeof v === 'bigint') return BigInt(v);
  throw new Error(`${k}: expected an integer, got ${String(v)}`);
}

function str(o: Obj, k: string): string {
  const v = o[k];
  if (typeof v !== 'string') throw new Error(`${k}: expected a string, got ${String(v)}`);
  return v;
}

function arr(o: Obj, k: string): unknown[] {
  const v = o[k];
  if (!Array.isArray(v)) throw new Error(`${k}: expected an array`);
  return v;
}

function b64(b: Buffer): string {
  return b.toString('base64');
}

/** Bytes one structure takes on the wire, measured by encoding it. */
function wireLength(encode: (w: OfpWriter) => void): number {
  const w = new OfpWriter(64);
  encode(w);
  return w.pos;
}

// ---------------------------------------------------------------------------------------------
// OXM and match

function oxmValueToRyu(v: number | bigint | string): unknown {
  return typeof v === 'bigint' ? ryuInt(v) : v;
}

function oxmValueFromRyu(name: OxmFieldName, v: unknown): number | bigint | string {
  const kind = OXM_FIELDS[name].kind;
  if (kind === 'mac' || kind === 'ipv4' || kind === 'ipv6') {
    if (typeof v !== 'string') throw new Error(`${name}: expected an address string`);
    return v;
  }
  if (typeof v !== 'number' && typeof v !== 'bigint') throw new Error(`${name}: expected an integer`);
  return kind === 'u64' || kind === 'u128' ? BigInt(v) : Number(v);
}

export function oxmToRyu(t: OxmTlv): RyuJson {
  if (t.field === 'opaque') {
    const name = t.experimenter === undefined
      ? `field_${t.oxmClass * 128 + t.oxmField}`
      : `experimenter_${t.experimenter}_${t.oxmField}`;
    return wrap('OXMTlv', { field: name, mask: null, value: b64(t.payload), hasmask: t.hasMask });
  }
  return wrap('OXMTlv', {
    field: t.field, mask: t.mask === undefined ? null : oxmValueToRyu(t.mask), value: oxmValueToRyu(t.value),
  });
}

export function oxmFromRyu(j: RyuJson): OxmTlv {
  const [, o] = unwrap(j, 'OXMTlv');
  const field = str(o, 'field');
  const m = /^field_(\d+)$/.exec(field);
  if (m) {
    const n = Number(m[1]);
    return {
      field: 'opaque', oxmClass: n >> 7, oxmField: n & 0x7f, hasMask: o.hasmask === true,
      payload: Buffer.from(str(o, 'value'), 'base64'),
    };
  }
  if (!isOxmFieldName(field)) throw new Error(`OXMTlv: unknown field ${field}`);
  const value = oxmValueFromRyu(field, o.value);
  if (o.mask === null || o.mask === undefined) return { field, value } as OxmTlv;
  return { field, value, mask: oxmValueFromRyu(field, o.mask) } as OxmTlv;
}

export function matchToRyu(m: Match): RyuJson {
  const w = new OfpWriter(64);
  encodeMatch(w, m);
  return wrap('OFPMatch', { length: w.buf.readUInt16BE(2), oxm_fields: m.fields.map(oxmToRyu), type: 1 });
}

export function matchFromRyu(j: RyuJson): Match {
  const [, o] = unwrap(j, 'OFPMatch');
  return { fields: arr(o, 'oxm_fields').map((f) => oxmFromRyu(f)) };
}

// ---------------------------------------------------------------------------------------------
// Actions

const SIMPLE_ACTION_CLASS: Partial<Record<Action['type'], string>> = {
  COPY_TTL_OUT: 'OFPActionCopyTtlOut', COPY_TTL_IN: 'OFPActionCopyTtlIn', DEC_MPLS_TTL: 'OFPActionDecMplsTtl',
  POP_VLAN: 'OFPActionPopVlan', DEC_NW_TTL: 'OFPActionDecNwTtl', POP_PBB: 'OFPActionPopPbb',
};
const ETHERTYPE_ACTION_CLASS: Partial<Record<Action['type'], string>> = {
  PUSH_VLAN: 'OFPActionPushVlan', PUSH_MPLS: 'OFPActionPushMpls', POP_MPLS: 'OFPActionPopMpls', PUSH_PBB: 'OFPActionPushPbb',
};

/** NX actions whose Ryu class has no fields of its own. */
const NX_EMPTY_CLASS: Partial<Record<NiciraAction['type'], string>> = {
  NX_POP_QUEUE: 'NXActionPopQueue', NX_EXIT: 'NXActionExit', NX_DEC_TTL: 'NXActionDecTtl',
  NX_DEC_MPLS_TTL: 'NXActionDecMplsTtl', NX_CT_CLEAR: 'NXActionCTClear', NX_DEC_NSH_TTL: 'NXActionDecNshTtl',
};

function refToRyu(ref: NxmFieldRef): string {
  return typeof ref === 'number' ? `field_${ref >>> 9}` : ref;
}

function refFromRyu(v: unknown, where: string): NxmFieldRef {
  if (typeof v !== 'string') throw new Error(`${where}: expected a field name`);
  if (isOxmFieldName(v)) return v;
  const m = /^field_(\d+)$/.exec(v);
  if (m) return Number(m[1]) << 9;
  throw new Error(`${where}: unknown field ${v}`);
}

export function actionToRyu(a: Action): RyuJson {
  const len = wireLength((w) => encodeAction(w, a));
  const simple = SIMPLE_ACTION_CLASS[a.type];
  if (simple) return wrap(simple, { len, type: OFPAT[a.type as keyof typeof OFPAT] });
  const eth = ETHERTYPE_ACTION_CLASS[a.type];
  if (eth) return wrap(eth, { ethertype: (a as { ethertype: number }).ethertype, len, type: OFPAT[a.type as keyof typeof OFPAT] });
  switch (a.type) {
    case 'OUTPUT': return wrap('OFPActionOutput', { len, max_len: a.maxLen, port: a.port, type: OFPAT.OUTPUT });
    case 'SET_MPLS_TTL': return wrap('OFPActionSetMplsTtl', { len, mpls_ttl: a.mplsTtl, type: OFPAT.SET_MPLS_TTL });
    case 'SET_NW_TTL': return wrap('OFPActionSetNwTtl', { len, nw_ttl: a.nwTtl, type: OFPAT.SET_NW_TTL });
    case 'SET_QUEUE': return wrap('OFPActionSetQueue', { len, queue_id: a.queueId, type: OFPAT.SET_QUEUE });
    case 'GROUP': return wrap('OFPActionGroup', { group_id: a.groupId, len, type: OFPAT.GROUP });
    case 'SET_FIELD': return wrap('OFPActionSetField', { field: oxmToRyu(a.field), len, type: OFPAT.SET_FIELD });
    case 'EXPERIMENTER':
      if (a.experimenter === NX_EXPERIMENTER_ID && a.data.length >= 2) {
        return wrap('NXActionUnknown', {
          data: b64(a.data.subarray(2)), experimenter: a.experimenter, len, subtype: a.data.readUInt16BE(0), type: OFPAT.EXPERIMENTER,
        });
      }
      return wrap('OFPActionExperimenterUnknown', { data: b64(a.data), experimenter: a.experimenter, len, type: OFPAT.EXPERIMENTER });
    default:
      return niciraToRyu(a as NiciraAction, len);
  }
}

function niciraToRyu(a: NiciraAction, len: number): RyuJson {
  const nx = (cls: string, subtype: number, body: Obj): RyuJson =>
    wrap(cls, { ...body, experimenter: NX_EXPERIMENTER_ID, len, subtype, type: OFPAT.EXPERIMENTER });
  const empty = NX_EMPTY_CLASS[a.type];
  if (empty) return nx(empty, subtypeOf(a.type), {});
  switch (a.type) {
    case 'NX_RESUBMIT': return nx('NXActionResubmit', NXAST.RESUBMIT, { in_port: a.inPort });
    case 'NX_RESUBMIT_TABLE': return nx('NXActionResubmitTable', NXAST.RESUBMIT_TABLE, { in_port: a.inPort, table_id: a.tableId });
    case 'NX_SET_TUNNEL': return nx('NXActionSetTunnel', NXAST.SET_TUNNEL, { tun_id: a.tunId });
    case 'NX_SET_TUNNEL64': return nx('NXActionSetTunnel64', NXAST.SET_TUNNEL64, { tun_id: ryuInt(a.tunId) });
    case 'NX_SET_QUEUE': return nx('NXActionSetQueue', NXAST.SET_QUEUE, { queue_id: a.queueId });
    case 'NX_REG_MOVE':
      return nx('NXActionRegMove', NXAST.REG_MOVE, {
        dst_field: refToRyu(a.dst), dst_ofs: a.dstOfs, n_bits: a.nBits, src_field: refToRyu(a.src), src_ofs: a.srcOfs,
      });
    case 'NX_REG_LOAD': return nx('NXActionRegLoad', NXAST.REG_LOAD, { dst: refToRyu(a.dst), ofs_nbits: a.ofsNbits, value: ryuInt(a.value) });
    case 'NX_REG_LOAD2': {
      const [, f] = unwrap(oxmToRyu(a.field));
      return nx('NXActionRegLoad2', NXAST.REG_LOAD2, { dst: f.field, mask: f.mask, value: f.value });
    }
    case 'NX_NOTE': return nx('NXActionNote', NXAST.NOTE, { note: [...a.note] });
    case 'NX_OUTPUT_REG': return nx('NXActionOutputReg', NXAST.OUTPUT_REG, { max_len: a.maxLen, ofs_nbits: a.ofsNbits, src: refToRyu(a.src) });
    case 'NX_LEARN':
      return nx('NXActionLearn', NXAST.LEARN, {
        cookie: ryuInt(a.cookie), fin_hard_timeout: a.finHardTimeout, fin_idle_timeout: a.finIdleTimeout, flags: a.flags,
        hard_timeout: a.hardTimeout, idle_timeout: a.idleTimeout, priority: a.priority, specs: a.specs.map(learnSpecToRyu),
        table_id: a.tableId,
      });
    case 'NX_FIN_TIMEOUT':
      return nx('NXActionFinTimeout', NXAST.FIN_TIMEOUT, { fin_hard_timeout: a.finHardTimeout, fin_idle_timeout: a.finIdleTimeout });
    case 'NX_CONTROLLER':
      return nx('NXActionController', NXAST.CONTROLLER, { controller_id: a.controllerId, max_len: a.maxLen, reason: a.reason });
    case 'NX_DEC_TTL_CNT_IDS': return nx('NXActionDecTtlCntIds', NXAST.DEC_TTL_CNT_IDS, { cnt_ids: [...a.controllerIds] });
    case 'NX_PUSH_MPLS': return nx('NXActionPushMpls', NXAST.PUSH_MPLS, { ethertype: a.ethertype });
    case 'NX_POP_MPLS': return nx('NXActionPopMpls', NXAST.POP_MPLS, { ethertype: a.ethertype });
    case 'NX_SET_MPLS_TTL': return nx('NXActionSetMplsTtl', NXAST.SET_MPLS_TTL, { ttl: a.ttl });
    case 'NX_SET_MPLS_LABEL': return nx('NXActionSetMplsLabel', NXAST.SET_MPLS_LABEL, { label: a.label });
    case 'NX_SET_MPLS_TC': return nx('NXActionSetMplsTc', NXAST.SET_MPLS_TC, { tc: a.tc });
    case 'NX_STACK_PUSH': case 'NX_STACK_POP':
      return nx(a.type === 'NX_STACK_PUSH' ? 'NXActionStackPush' : 'NXActionStackPop', subtypeOf(a.type), {
        end: a.ofs + a.nBits - 1, field: refToRyu(a.field), start: a.ofs,
      });
    case 'NX_SAMPLE':
      return nx('NXActionSample', NXAST.SAMPLE, {
        collector_set_id: a.collectorSetId, obs_domain_id: a.obsDomainId, obs_point_id: a.obsPointId, probability: a.probability,
      });
    case 'NX_SAMPLE2':
      return nx('NXActionSample2', NXAST.SAMPLE2, {
        collector_set_id: a.collectorSetId, obs_domain_id: a.obsDomainId, obs_point_id: a.obsPointId, probability: a.probability,
        sampling_port: a.samplingPort,
      });
    case 'NX_CONJUNCTION': return nx('NXActionConjunction', NXAST.CONJUNCTION, { clause: a.clause, id: a.id, n_clauses: a.nClauses });
    case 'NX_CT':
      return nx('NXActionCT', NXAST.CT, {
        actions: a.actions.map(actionToRyu), alg: a.alg, flags: a.flags, recirc_table: a.recircTable,
        zone_ofs_nbits: a.zoneOfsNbits, zone_src: a.zoneSrc === undefined ? '' : refToRyu(a.zoneSrc),
      });
    case 'NX_NAT':
      return nx('NXActionNAT', NXAST.NAT, {
        flags: a.flags, range_ipv4_max: a.ipv4Max ?? '', range_ipv4_min: a.ipv4Min ?? '', range_ipv6_max: a.ipv6Max ?? '',
        range_ipv6_min: a.ipv6Min ?? '', range_proto_max: a.protoMax ?? null, range_proto_min: a.protoMin ?? null,
      });
    case 'NX_CONTROLLER2': {
      const body: Obj = {};
      for (const p of a.props) {
        if (p.type === 'MAX_LEN') body.max_len = p.maxLen;
        else if (p.type === 'CONTROLLER_ID') body.controller_id = p.controllerId;
        else if (p.type === 'REASON') body.reason = p.reason;
        else if (p.type === 'USERDATA') body.userdata = [...p.userdata];
        else if (p.type === 'PAUSE') body.pause = true;
        else if (p.type === 'METER_ID') body.meter_id = p.meterId;
      }
      return nx('NXActionController2', NXAST.CONTROLLER2, body);
    }
    case 'NX_OUTPUT_TRUNC': return nx('NXActionOutputTrunc', NXAST.OUTPUT_TRUNC, { max_len: a.maxLen, port: a.port });
    default:
      throw new Error(`actionToRyu: no Ryu form for ${a.type}`);
  }
}

function subtypeOf(t: NiciraAction['type']): number {
  return NXAST[t.slice(3) as keyof typeof NXAST];
}

function sliceToRyu(s: NxFieldSlice): [string, number] {
  return [refToRyu(s.field), s.ofs];
}

function sliceFromRyu(v: unknown, where: string): NxFieldSlice {
  if (!Array.isArray(v) || v.length !== 2) throw new Error(`${where}: expected [field, ofs]`);
  return { field: refFromRyu(v[0], where), ofs: Number(v[1]) };
}

function learnSpecToRyu(s: LearnSpec): RyuJson {
  const src = typeof s.src === 'bigint' ? ryuInt(s.src) : sliceToRyu(s.src);
  if (s.kind === 'output') return wrap('NXFlowSpecOutput', { dst: '', n_bits: s.nBits, src });
  return wrap(s.kind === 'match' ? 'NXFlowSpecMatch' : 'NXFlowSpecLoad', { dst: sliceToRyu(s.dst!), n_bits: s.nBits, src });
}

function learnSpecFromRyu(j: RyuJson): LearnSpec {
  const [cls, o] = unwrap(j, 'NXFlowSpec');
  const nBits = num(o, 'n_bits');
  const src = Array.isArray(o.src) ? sliceFromRyu(o.src, `${cls}.src`) : big(o, 'src');
  if (cls === 'NXFlowSpecOutput') return { kind: 'output', nBits, src };
  const kind = cls === 'NXFlowSpecMatch' ? 'match' : cls === 'NXFlowSpecLoad' ? 'load' : undefined;
  if (kind === undefined) throw new Error(`unknown learn spec ${cls}`);
  return { kind, nBits, src, dst: sliceFromRyu(o.dst, `${cls}.dst`) };
}

export function actionFromRyu(j: RyuJson): Action {
  const [cls, o] = unwrap(j, 'action');
  for (const [t, c] of Object.entries(SIMPLE_ACTION_CLASS)) if (c === cls) return { type: t } as Action;
  for (const [t, c] of Object.entries(ETHERTYPE_ACTION_CLASS)) if (c === cls) return { type: t, ethertype: num(o, 'ethertype') } as Action;
  for (const [t, c] of Object.entries(NX_EMPTY_CLASS)) if (c === cls) return { type: t } as Action;
  switch (cls) {
    case 'OFPActionOutput': return { type: 'OUTPUT', port: num(o, 'port'), maxLen: num(o, 'max_len') };
    case 'OFPActionSetMplsTtl': return { type: 'SET_MPLS_TTL', mplsTtl: num(o, 'mpls_ttl') };
    case 'OFPActionSetNwTtl': return { type: 'SET_NW_TTL', nwTtl: num(o, 'nw_ttl') };
    case 'OFPActionSetQueue': return { type: 'SET_QUEUE', queueId: num(o, 'queue_id') };
    case 'OFPActionGroup': return { type: 'GROUP', groupId: num(o, 'group_id') };
    case 'OFPActionSetField': return { type: 'SET_FIELD', field: oxmFromRyu(o.field) };
    case 'OFPActionExperimenterUnknown':
      return { type: 'EXPERIMENTER', experimenter: num(o, 'experimenter'), data: Buffer.from(str(o, 'data'), 'base64') };
    case 'NXActionUnknown': {
      const sub = Buffer.alloc(2);
      sub.writeUInt16BE(num(o, 'subtype'));
      return { type: 'EXPERIMENTER', experimenter: NX_EXPERIMENTER_ID, data: Buffer.concat([sub, Buffer.from(str(o, 'data'), 'base64')]) };
    }
    case 'NXActionResubmit': return { type: 'NX_RESUBMIT', inPort: num(o, 'in_port') };
    case 'NXActionResubmitTable': return { type: 'NX_RESUBMIT_TABLE', inPort: num(o, 'in_port'), tableId: num(o, 'table_id') };
    case 'NXActionSetTunnel': return { type: 'NX_SET_TUNNEL', tunId: num(o, 'tun_id') };
    case 'NXActionSetTunnel64': return { type: 'NX_SET_TUNNEL64', tunId: big(o, 'tun_id') };
    case 'NXActionSetQueue': return { type: 'NX_SET_QUEUE', queueId: num(o, 'queue_id') };
    case 'NXActionRegMove':
      return {
        type: 'NX_REG_MOVE', nBits: num(o, 'n_bits'), srcOfs: num(o, 'src_ofs'), dstOfs: num(o, 'dst_ofs'),
        src: refFromRyu(o.src_field, 'src_field'), dst: refFromRyu(o.dst_field, 'dst_field'),
      };
    case 'NXActionRegLoad':
      return { type: 'NX_REG_LOAD', ofsNbits: num(o, 'ofs_nbits'), dst: refFromRyu(o.dst, 'dst'), value: big(o, 'value') };
    case 'NXActionRegLoad2':
      return { type: 'NX_REG_LOAD2', field: oxmFromRyu(wrap('OXMTlv', { field: o.dst, value: o.value, mask: o.mask ?? null })) };
    case 'NXActionNote': return { type: 'NX_NOTE', note: Buffer.from(arr(o, 'note').map(Number)) };
    case 'NXActionOutputReg':
      return { type: 'NX_OUTPUT_REG', ofsNbits: num(o, 'ofs_nbits'), src: refFromRyu(o.src, 'src'), maxLen: num(o, 'max_len') };
    case 'NXActionLearn':
      return {
        type: 'NX_LEARN', idleTimeout: num(o, 'idle_timeout'), hardTimeout: num(o, 'hard_timeout'), priority: num(o, 'priority'),
        cookie: big(o, 'cookie'), flags: num(o, 'flags'), tableId: num(o, 'table_id'), finIdleTimeout: num(o, 'fin_idle_timeout'),
        finHardTimeout: num(o, 'fin_hard_timeout'), specs: arr(o, 'specs').map(learnSpecFromRyu),
      };
    case 'NXActionFinTimeout':
      return { type: 'NX_FIN_TIMEOUT', finIdleTimeout: num(o, 'fin_idle_timeout'), finHardTimeout: num(o, 'fin_hard_timeout') };
    case 'NXActionController':
      return { type: 'NX_CONTROLLER', maxLen: num(o, 'max_len'), controllerId: num(o, 'controller_id'), reason: num(o, 'reason') };
    case 'NXActionDecTtlCntIds': return { type: 'NX_DEC_TTL_CNT_IDS', controllerIds: arr(o, 'cnt_ids').map(Number) };
    case 'NXActionPushMpls': return { type: 'NX_PUSH_MPLS', ethertype: num(o, 'ethertype') };
    case 'NXActionPopMpls': return { type: 'NX_POP_MPLS', ethertype: num(o, 'ethertype') };
    case 'NXActionSetMplsTtl': return { type: 'NX_SET_MPLS_TTL', ttl: num(o, 'ttl') };
    case 'NXActionSetMplsLabel': return { type: 'NX_SET_MPLS_LABEL', label: num(o, 'label') };
    case 'NXActionSetMplsTc': return { type: 'NX_SET_MPLS_TC', tc: num(o, 'tc') };
    case 'NXActionStackPush': case 'NXActionStackPop': {
      const ofs = num(o, 'start');
      return {
        type: cls === 'NXActionStackPush' ? 'NX_STACK_PUSH' : 'NX_STACK_POP', field: refFromRyu(o.field, 'field'), ofs,
        nBits: num(o, 'end') - ofs + 1,
      };
    }
    case 'NXActionSample':
      return {
        type: 'NX_SAMPLE', probability: num(o, 'probability'), collectorSetId: num(o, 'collector_set_id'),
        obsDomainId: num(o, 'obs_domain_id'), obsPointId: num(o, 'obs_point_id'),
      };
    case 'NXActionSample2':
      return {
        type: 'NX_SAMPLE2', probability: num(o, 'probability'), collectorSetId: num(o, 'collector_set_id'),
        obsDomainId: num(o, 'obs_domain_id'), obsPointId: num(o, 'obs_point_id'), samplingPort: num(o, 'sampling_port'), direction: 0,
      };
    case 'NXActionConjunction':
      return { type: 'NX_CONJUNCTION', clause: num(o, 'clause'), nClauses: num(o, 'n_clauses'), id: num(o, 'id') };
    case 'NXActionCT': {
      const zone = o.zone_src;
      const base = {
        type: 'NX_CT', flags: num(o, 'flags'), zoneOfsNbits: num(o, 'zone_ofs_nbits'), recircTable: num(o, 'recirc_table'),
        alg: num(o, 'alg'), actions: arr(o, 'actions').map(actionFromRyu),
      } as const;
      return zone === '' || zone === null || zone === undefined ? base : { ...base, zoneSrc: refFromRyu(zone, 'zone_src') };
    }
    case 'NXActionNAT': {
      const s = (k: string): string | undefined => (typeof o[k] === 'string' && o[k] !== '' ? (o[k] as string) : undefined);
      const n = (k: string): number | undefined => (typeof o[k] === 'number' ? (o[k] as number) : undefined);
      const [ipv4Min, ipv4Max, ipv6Min, ipv6Max] = [s('range_ipv4_min'), s('range_ipv4_max'), s('range_ipv6_min'), s('range_ipv6_max')];
      const [protoMin, protoMax] = [n('range_proto_min'), n('range_proto_max')];
      return {
        type: 'NX_NAT', flags: num(o, 'flags'),
        ...(ipv4Min !== undefined && { ipv4Min }), ...(ipv4Max !== undefined && { ipv4Max }),
        ...(ipv6Min !== undefined && { ipv6Min }), ...(ipv6Max !== undefined && { ipv6Max }),
        ...(protoMin !== undefined && { protoMin }), ...(protoMax !== undefined && { protoMax }),
      };
    }
    case 'NXActionController2': {
      // Ryu writes the properties it has in property-type order.
      const props: Controller2Prop[] = [];
      if (o.max_len !== undefined) props.push({ type: 'MAX_LEN', maxLen: num(o, 'max_len') });
      if (o.controller_id !== undefined) props.push({ type: 'CONTROLLER_ID', controllerId: num(o, 'controller_id') });
      if (o.reason !== undefined) props.push({ type: 'REASON', reason: num(o, 'reason') });
      if (o.userdata !== undefined) props.push({ type: 'USERDATA', userdata: Buffer.from(arr(o, 'userdata').map(Number)) });
      if (o.pause === true) props.push({ type: 'PAUSE' });
      if (o.meter_id !== undefined) props.push({ type: 'METER_ID', meterId: num(o, 'meter_id') });
      return { type: 'NX_CONTROLLER2', props };
    }
    case 'NXActionOutputTrunc': return { type: 'NX_OUTPUT_TRUNC', port: num(o, 'port'), maxLen: num(o, 'max_len') };
    default:
      throw new Error(`actionFromRyu: unknown class ${cls}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Instructions

export function instructionToRyu(i: Instruction): RyuJson {
  const len = wireLength((w) => encodeInstruction(w, i));
  const type = OFPIT[i.type];
  switch (i.type) {
    case 'GOTO_TABLE': return wrap('OFPInstructionGotoTable', { len, table_id: i.tableId, type });
    case 'WRITE_METADATA':
      return wrap('OFPInstructionWriteMetadata', { len, metadata: ryuInt(i.metadata), metadata_mask: ryuInt(i.metadataMask), type });
    case 'WRITE_ACTIONS': case 'APPLY_ACTIONS':
      return wrap('OFPInstructionActions', { actions: i.actions.map(actionToRyu), len, type });
    case 'CLEAR_ACTIONS': return wrap('OFPInstructionActions', { actions: [], len, type });
    case 'METER': return wrap('OFPInstructionMeter', { len, meter_id: i.meterId, type });
    case 'EXPERIMENTER': return wrap('OFPInstructionExperimenter', { data: b64(i.data), experimenter: i.experimenter, len, type });
  }
}

export function instructionFromRyu(j: RyuJson): Instruction {
  const [cls, o] = unwrap(j, 'instruction');
  switch (cls) {
    case 'OFPInstructionGotoTable': return { type: 'GOTO_TABLE', tableId: num(o, 'table_id') };
    case 'OFPInstructionWriteMetadata': return { type: 'WRITE_METADATA', metadata: big(o, 'metadata'), metadataMask: big(o, 'metadata_mask') };
    case 'OFPInstructionMeter': return { type: 'METER', meterId: num(o, 'meter_id') };
    case 'OFPInstructionExperimenter':
      return { type: 'EXPERIMENTER', experimenter: num(o, 'experimenter'), data: Buffer.from(str(o, 'data'), 'base64') };
    case 'OFPInstructionActions': {
      const t = num(o, 'type');
      if (t === OFPIT.CLEAR_ACTIONS) return { type: 'CLEAR_ACTIONS' };
      const actions = arr(o, 'actions').map(actionFromRyu);
      if (t === OFPIT.WRITE_ACTIONS) return { type: 'WRITE_ACTIONS', actions };
      if (t === OFPIT.APPLY_ACTIONS) return { type: 'APPLY_ACTIONS', actions };
      throw new Error(`OFPInstructionActions: bad type ${t}`);
    }
    default: throw new Error(`instructionFromRyu: unknown class ${cls}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Buckets, meter bands

export function bucketToRyu(b: Bucket): RyuJson {
  return wrap('OFPBucket', {
    actions: b.actions.map(actionToRyu), len: wireLength((w) => encodeBucket(w, b)), watch_group: b.watchGroup,
    watch_port: b.watchPort, weight: b.weight,
  });
}

export function bucketFromRyu(j: RyuJson): Bucket {
  const [, o] = unwrap(j, 'OFPBucket');
  return { weight: num(o, 'weight'), watchPort: num(o, 'watch_port'), watchGroup: num(o, 'watch_group'), actions: arr(o, 'actions').map(actionFromRyu) };
}

export function meterBandToRyu(b: MeterBand): RyuJson {
  const len = wireLength((w) => encodeMeterBand(w, b));
  const common = { burst_size: b.burstSize, len, rate: b.rate, type: OFPMBT[b.type] };
  switch (b.type) {
    case 'DROP': return wrap('OFPMeterBandDrop', common);
    case 'DSCP_REMARK': return wrap('OFPMeterBandDscpRemark', { ...common, prec_level: b.precLevel });
    case 'EXPERIMENTER':
      // Ryu's experimenter band has no body field; a non-empty body would be lost, so say so.
      if (b.data.length > 0) throw new Error('meterBandToRyu: Ryu cannot represent experimenter band data');
      return wrap('OFPMeterBandExperimenter', { ...common, experimenter: b.experimenter });
  }
}

export function meterBandFromRyu(j: RyuJson): MeterBand {
  const [cls, o] = unwrap(j, 'meter band');
  const rate = num(o, 'rate');
  const burstSize = num(o, 'burst_size');
  switch (cls) {
    case 'OFPMeterBandDrop': return { type: 'DROP', rate, burstSize };
    case 'OFPMeterBandDscpRemark': return { type: 'DSCP_REMARK', rate, burstSize, precLevel: num(o, 'prec_level') };
    case 'OFPMeterBandExperimenter': return { type: 'EXPERIMENTER', rate, burstSize, experimenter: num(o, 'experimenter'), data: Buffer.alloc(0) };
    default: throw new Error(`meterBandFromRyu: unknown class ${cls}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Table features

function tlvIdToRyu(cls: string, id: TlvId): RyuJson {
  return wrap(cls, { len: 4 + (id.data?.length ?? 0), type: id.type });
}

function tlvIdFromRyu(j: RyuJson): TlvId {
  const [, o] = unwrap(j, 'id');
  return { type: num(o, 'type') };
}

function oxmIdToRyu(id: OxmId): RyuJson {
  const type = id.name ?? `field_${id.oxmClass * 128 + id.oxmField}`;
  const body: Obj = { hasmask: id.hasMask ? 1 : 0, length: id.length, type };
  if (id.experimenter !== undefined) body.exp_id = id.experimenter;
  return wrap('OFPOxmId', body);
}

function oxmIdFromRyu(j: RyuJson): OxmId {
  const [, o] = unwrap(j, 'OFPOxmId');
  const type = str(o, 'type');
  const hasMask = o.hasmask === 1 || o.hasmask === true;
  // Ryu always writes oxm_length 0 in ids it serialises.
  const length = typeof o.length === 'number' ? o.length : 0;
  if (isOxmFieldName(type)) {
    const spec = OXM_FIELDS[type];
    const base = { oxmClass: spec.oxmClass, oxmField: spec.field, hasMask, length, name: type };
    return 'experimenter' in spec ? { ...base, experimenter: spec.experimenter } : base;
  }
  const m = /^field_(\d+)$/.exec(type);
  if (!m) throw new Error(`OFPOxmId: unknown field ${type}`);
  const n = Number(m[1]);
  const base = { oxmClass: n >> 7, oxmField: n & 0x7f, hasMask, length };
  return base.oxmClass === OFPXMC.EXPERIMENTER ? { ...base, experimenter: num(o, 'exp_id') } : base;
}

function propLength(p: TableFeatureProp): number {
  // Encode a one-property table and read the property's own length field back.
  const w = new OfpWriter(128);
  encodeTableFeatures(w, { tableId: 0, name: '', metadataMatch: 0n, metadataWrite: 0n, config: 0, maxEntries: 0, properties: [p] });
  return w.buf.readUInt16BE(64 + 2);
}

function tableFeaturePropToRyu(p: TableFeatureProp): RyuJson {
  const length = propLength(p);
  switch (p.type) {
    case 'INSTRUCTIONS': case 'INSTRUCTIONS_MISS':
      return wrap('OFPTableFeaturePropInstructions', {
        instruction_ids: p.instructionIds.map((id) => tlvIdToRyu('OFPInstructionId', id)), length, type: OFPTFPT[p.type],
      });
    case 'NEXT_TABLES': case 'NEXT_TABLES_MISS':
      return wrap('OFPTableFeaturePropNextTables', { length, table_ids: [...p.tableIds], type: OFPTFPT[p.type] });
    case 'WRITE_ACTIONS': case 'WRITE_ACTIONS_MISS': case 'APPLY_ACTIONS': case 'APPLY_ACTIONS_MISS':
      return wrap('OFPTableFeaturePropActions', {
        action_ids: p.actionIds.map((id) => tlvIdToRyu('OFPActionId', id)), length, type: OFPTFPT[p.type],
      });
    case 'MATCH': case 'WILDCARDS': case 'WRITE_SETFIELD': case 'WRITE_SETFIELD_MISS': case 'APPLY_SETFIELD': case 'APPLY_SETFIELD_MISS':
      return wrap('OFPTableFeaturePropOxm', { length, oxm_ids: p.oxmIds.map(oxmIdToRyu), type: OFPTFPT[p.type] });
    case 'EXPERIMENTER': case 'EXPERIMENTER_MISS': {
      const data: number[] = [];
      for (let i = 0; i + 4 <= p.data.length; i += 4) data.push(p.data.readUInt32BE(i));
      return wrap('OFPTableFeaturePropExperimenter', { data, exp_type: p.expType, experimenter: p.experimenter, length, type: OFPTFPT[p.type] });
    }
    case 'UNKNOWN':
      return wrap('OFPTableFeaturePropUnknown', { data: b64(p.data), length, type: p.propType });
  }
}

function tableFeaturePropFromRyu(j: RyuJson): TableFeatureProp {
  const [cls, o] = unwrap(j, 'table feature property');
  const code = num(o, 'type');
  const name = (Object.keys(OFPTFPT) as (keyof typeof OFPTFPT)[]).find((k) => OFPTFPT[k] === code);
  switch (cls) {
    case 'OFPTableFeaturePropInstructions':
      return { type: name as 'INSTRUCTIONS', instructionIds: arr(o, 'instruction_ids').map(tlvIdFromRyu) };
    case 'OFPTableFeaturePropNextTables':
      return { type: name as 'NEXT_TABLES', tableIds: arr(o, 'table_ids').map(Number) };
    case 'OFPTableFeaturePropActions':
      return { type: name as 'WRITE_ACTIONS', actionIds: arr(o, 'action_ids').map(tlvIdFromRyu) };
    case 'OFPTableFeaturePropOxm':
      return { type: name as 'MATCH', oxmIds: arr(o, 'oxm_ids').map(oxmIdFromRyu) };
    case 'OFPTableFeaturePropExperimenter': {
      const words = arr(o, 'data').map(Number);
      const data = Buffer.alloc(4 * words.length);
      words.forEach((d, i) => data.writeUInt32BE(d, 4 * i));
      return { type: name as 'EXPERIMENTER', experimenter: num(o, 'experimenter'), expType: num(o, 'exp_type'), data };
    }
    case 'OFPTableFeaturePropUnknown':
      return { type: 'UNKNOWN', propType: code, data: Buffer.from(str(o, 'data'), 'base64') };
    default: throw new Error(`tableFeaturePropFromRyu: unknown class ${cls}`);
  }
}

export function tableFeaturesToRyu(tf: TableFeatures): RyuJson {
  return wrap('OFPTableFeaturesStats', {
    config: tf.config, length: wireLength((w) => encodeTableFeatures(w, tf)), max_entries: tf.maxEntries,
    metadata_match: ryuInt(tf.metadataMatch), metadata_write: ryuInt(tf.metadataWrite), name: tf.name,
    properties: tf.properties.map(tableFeaturePropToRyu), table_id: tf.tableId,
  });
}

export function tableFeaturesFromRyu(j: RyuJson): TableFeatures {
  const [, o] = unwrap(j, 'OFPTableFeaturesStats');
  return {
    tableId: num(o, 'table_id'), name: str(o, 'name'), metadataMatch: big(o, 'metadata_match'), metadataWrite: big(o, 'metadata_write'),
    config: num(o, 'config'), maxEntries: num(o, 'max_entries'), properties: arr(o, 'properties').map(tableFeaturePropFromRyu),
  };
}

// ---------------------------------------------------------------------------------------------
// Packet queues

function queuePropToRyu(p: QueueProp): RyuJson {
  switch (p.type) {
    case 'MIN_RATE': return wrap('OFPQueuePropMinRate', { len: 16, property: OFPQT.MIN_RATE, rate: p.rate });
    case 'MAX_RATE': return wrap('OFPQueuePropMaxRate', { len: 16, property: OFPQT.MAX_RATE, rate: p.rate });
    case 'EXPERIMENTER':
      return wrap('OFPQueuePropExperimenter', { data: [...p.data], experimenter: p.experimenter, len: 16 + p.data.length, property: OFPQT.EXPERIMENTER });
    case 'UNKNOWN':
      return wrap('OFPQueuePropUnknown', { data: b64(p.data), len: 8 + p.data.length, property: p.property });
  }
}

function queuePropFromRyu(j: RyuJson): QueueProp {
  const [cls, o] = unwrap(j, 'queue property');
  switch (cls) {
    case 'OFPQueuePropMinRate': return { type: 'MIN_RATE', rate: num(o, 'rate') };
    case 'OFPQueuePropMaxRate': return { type: 'MAX_RATE', rate: num(o, 'rate') };
    case 'OFPQueuePropExperimenter':
      return { type: 'EXPERIMENTER', experimenter: num(o, 'experimenter'), data: Buffer.from(arr(o, 'data').map(Number)) };
    case 'OFPQueuePropUnknown': return { type: 'UNKNOWN', property: num(o, 'property'), data: Buffer.from(str(o, 'data'), 'base64') };
    default: throw new Error(`queuePropFromRyu: unknown class ${cls}`);
  }
}

export function packetQueueToRyu(q: PacketQueue): RyuJson {
  return wrap('OFPPacketQueue', {
    len: wireLength((w) => encodePacketQueue(w, q)), port: q.port, properties: q.properties.map(queuePropToRyu), queue_id: q.queueId,
  });
}

export function packetQueueFromRyu(j: RyuJson): PacketQueue {
  const [, o] = unwrap(j, 'OFPPacketQueue');
  return { queueId: num(o, 'queue_id'), port: num(o, 'port'), properties: arr(o, 'properties').map(queuePropFromRyu) };
}

// ---------------------------------------------------------------------------------------------
// Hello elements, ports

export function helloElementToRyu(e: HelloElement): RyuJson {
  if (e.type === 'VERSIONBITMAP') {
    return wrap('OFPHelloElemVersionBitmap', { length: 4 + 4 * e.bitmaps.length, type: 1, versions: helloVersions(e) });
  }
  return wrap('OFPHelloElemUnknown', { data: b64(e.data), length: 4 + e.data.length, type: e.elementType });
}

export function helloElementFromRyu(j: RyuJson): HelloElement {
  const [cls, o] = unwrap(j, 'hello element');
  if (cls === 'OFPHelloElemVersionBitmap') return versionBitmapElement(arr(o, 'versions').map(Number));
  if (cls === 'OFPHelloElemUnknown') return { type: 'UNKNOWN', elementType: num(o, 'type'), data: Buffer.from(str(o, 'data'), 'base64') };
  throw new Error(`helloElementFromRyu: unknown class ${cls}`);
}

export function portDescToRyu(p: PortDesc): RyuJson {
  return wrap('OFPPort', {
    advertised: p.advertised, config: p.config, curr: p.curr, curr_speed: p.currSpeed, hw_addr: p.hwAddr, max_speed: p.maxSpeed,
    name: p.name, peer: p.peer, port_no: p.portNo, state: p.state, supported: p.supported,
  });
}

export function portDescFromRyu(j: RyuJson): PortDesc {
  const [, o] = unwrap(j, 'OFPPort');
  return {
    portNo: num(o, 'port_no'), hwAddr: str(o, 'hw_addr'), name: str(o, 'name'), config: num(o, 'config'), state: num(o, 'state'),
    curr: num(o, 'curr'), advertised: num(o, 'advertised'), supported: num(o, 'supported'), peer: num(o, 'peer'),
    currSpeed: num(o, 'curr_speed'), maxSpeed: num(o, 'max_speed'),
  };
}
