/**
 * OfpMessage: every OpenFlow 1.3 message, as a union discriminated by `type` (the OFPT_ name
 * without its prefix). Each variant carries the header's xid and its body fields under the
 * spec's names in camelCase; lengths and padding are not fields, the encoder computes them.
 */
import type { OfpTypeName } from '../constants.js';
import type { FlowMod, FlowRemoved } from './flow.js';
import type { GroupMod } from './group.js';
import type { MeterMod } from './meter.js';
import type { MultipartReply, MultipartRequest } from './multipart.js';
import type { PacketIn, PacketOut } from './packet.js';
import type { PortMod, PortStatus } from './port.js';
import type { QueueGetConfigReply, QueueGetConfigRequest } from './queue.js';
import type {
  BarrierReply, BarrierRequest, FeaturesReply, FeaturesRequest, GetAsyncReply, GetAsyncRequest,
  GetConfigReply, GetConfigRequest, RoleReply, RoleRequest, SetAsync, SetConfig,
} from './switch-config.js';
import type { EchoReply, EchoRequest, ErrorMsg, Experimenter, ExperimenterErrorMsg, Hello } from './symmetric.js';
import type { TableMod } from './table.js';

export type OfpMessage =
  | Hello
  | ErrorMsg
  | ExperimenterErrorMsg
  | EchoRequest
  | EchoReply
  | Experimenter
  | FeaturesRequest
  | FeaturesReply
  | GetConfigRequest
  | GetConfigReply
  | SetConfig
  | PacketIn
  | FlowRemoved
  | PortStatus
  | PacketOut
  | FlowMod
  | GroupMod
  | PortMod
  | TableMod
  | MultipartRequest
  | MultipartReply
  | BarrierRequest
  | BarrierReply
  | QueueGetConfigRequest
  | QueueGetConfigReply
  | RoleRequest
  | RoleReply
  | GetAsyncRequest
  | GetAsyncReply
  | SetAsync
  | MeterMod;

/** The variant of OfpMessage with the given type name: `OfpMessageOf<'FLOW_MOD'>` is FlowMod. */
export type OfpMessageOf<T extends OfpTypeName> = Extract<OfpMessage, { type: T }>;

// Compile-time check that the union covers every OFPT_ name and nothing else.
type Missing = Exclude<OfpTypeName, OfpMessage['type']>;
type Extra = Exclude<OfpMessage['type'], OfpTypeName>;
const coverage: [Missing, Extra] extends [never, never] ? true : never = true;
void coverage;
