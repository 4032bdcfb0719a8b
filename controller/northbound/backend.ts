/**
 * What the northbound API needs from the controller, and nothing more.
 *
 * The gRPC services in this folder are written against these narrow interfaces so they never reach
 * into the OpenFlow server, topology or plugin kernel; the controller implements each face (one
 * object may implement several) and hands them to `NorthboundServer`. Types here are domain types
 * (bigint dpids, Date times, plain objects), not protobuf messages: the mapping to the wire lives
 * in `proto-mapping.ts`, so the controller never imports generated code.
 *
 * Failure contract: a backend method reports a problem the client caused or can act on by throwing
 * one of the errors in `backend-errors.ts` (NotFoundError, UnavailableError, FieldViolationError,
 * FailedPreconditionError); the services map them to gRPC codes. Any other exception becomes
 * INTERNAL with its message.
 */

/** An OpenFlow datapath id (64 bits, so bigint). */
export type Dpid = bigint;

/** Undoes a subscription. Calling it twice is harmless. */
export type Unsubscribe = () => void;

// ---------------------------------------------------------------------------------------------
// Datapaths

/** A switch as the OpenFlow channel sees it (features + description). */
export interface DatapathInfo {
  dpid: Dpid;
  connected: boolean;
  /** "host:port" of the switch's end of the channel. */
  remoteAddress: string;
  /** When the current or last handshake completed. */
  connectedSince: Date;
  nBuffers: number;
  nTables: number;
  /** OFPC_* bits. */
  capabilities: number;
  /** ofp_desc strings; empty until the description reply arrives. */
  manufacturer: string;
  hardware: string;
  software: string;
  serialNumber: string;
  description: string;
  portCount: number;
}

/** ofp_port, with the OpenFlow 1.3 field names in camelCase. */
export interface PortInfo {
  portNo: number;
  name: string;
  /** "aa:bb:cc:dd:ee:ff". */
  hwAddr: string;
  config: number;
  state: number;
  curr: number;
  advertised: number;
  supported: number;
  peer: number;
  /** kbps. */
  currSpeed: number;
  /** kbps. */
  maxSpeed: number;
}

/** ofp_port_stats. Counters are 64-bit on the wire, so bigint. */
export interface PortStatsInfo {
  portNo: number;
  rxPackets: bigint;
  txPackets: bigint;
  rxBytes: bigint;
  txBytes: bigint;
  rxDropped: bigint;
  txDropped: bigint;
  rxErrors: bigint;
  txErrors: bigint;
  rxFrameErr: bigint;
  rxOverErr: bigint;
  rxCrcErr: bigint;
  collisions: bigint;
  durationSec: number;
  durationNsec: number;
}

/** ofp_error_msg as received from a switch. */
export interface OpenFlowErrorInfo {
  type: number;
  code: number;
  data: Buffer;
}

export interface SendRawResult {
  /** The xid the message went out with (the backend may have replaced the caller's). */
  xid: number;
  /** The switch's OFPT_ERROR for the message, if any arrived before the barrier reply. */
  error?: OpenFlowErrorInfo;
}

export interface DatapathsBackend {
  /** Every known datapath, connected or recently gone. */
  list(): readonly DatapathInfo[];
  get(dpid: Dpid): DatapathInfo | undefined;
  /** Ports as last reported; undefined for an unknown dpid. */
  ports(dpid: Dpid): readonly PortInfo[] | undefined;
  /**
   * Fresh counters from the switch (OFPMP_PORT_STATS) for one port, or every port when `portNo`
   * is undefined. Throws UnavailableError if the switch is disconnected or does not answer.
   */
  portStats(dpid: Dpid, portNo: number | undefined): Promise<readonly PortStatsInfo[]>;
  /**
   * Sends one whole OpenFlow message (already checked: version 4, length matches). With
   * `barrier`, resolves after the switch's barrier reply so an OFPT_ERROR can be reported.
   * Throws UnavailableError if the switch is disconnected.
   */
  sendRaw(dpid: Dpid, message: Buffer, options: { barrier: boolean }): Promise<SendRawResult>;
}

// ---------------------------------------------------------------------------------------------
// Topology

export interface PortLocation {
  dpid: Dpid;
  portNo: number;
}

export interface SwitchNode {
  dpid: Dpid;
  /** Live port numbers, ascending. */
  portNos: readonly number[];
}

/** A directed link found by LLDP. */
export interface TopologyLink {
  src: PortLocation;
  dst: PortLocation;
  /** Bits per second, 0n if unknown. */
  bandwidthBps: bigint;
  discoveredAt: Date;
}

export interface HostInfo {
  /** "aa:bb:cc:dd:ee:ff", lower case. */
  mac: string;
  ips: readonly string[];
  /** 0 when untagged. */
  vlanVid: number;
  location: PortLocation;
  lastSeen: Date;
}

export interface TopologySnapshot {
  switches: readonly SwitchNode[];
  links: readonly TopologyLink[];
  hosts: readonly HostInfo[];
}

/** One change to the graph; `previous` only on host-moved. */
export type TopologyChange =
  | { type: 'switch-added' | 'switch-removed'; switch: SwitchNode; time: Date }
  | { type: 'link-added' | 'link-removed'; link: TopologyLink; time: Date }
  | { type: 'host-added' | 'host-removed'; host: HostInfo; time: Date }
  | { type: 'host-moved'; host: HostInfo; previous: HostInfo; time: Date };

export interface TopologyBackend {
  snapshot(): TopologySnapshot;
  /**
   * Calls `listener` synchronously for every change after this call. A snapshot taken in the same
   * tick as subscribe() therefore misses nothing and repeats nothing.
   */
  subscribe(listener: (change: TopologyChange) => void): Unsubscribe;
}

// ---------------------------------------------------------------------------------------------
// Paths

export type PathEndpointRef =
  | { kind: 'mac'; mac: string }
  | { kind: 'ip'; ip: string }
  | { kind: 'switch'; dpid: Dpid };

export type PathMode = 'shortest' | 'k-shortest' | 'ecmp';

export interface PathQuery {
  src: PathEndpointRef;
  dst: PathEndpointRef;
  mode: PathMode;
  /** Maximum number of paths; 1 for shortest, >= 1 for k-shortest, undefined = no cap for ecmp. */
  k: number | undefined;
  excludeLinks: readonly { src: PortLocation; dst: PortLocation }[];
  /** 0n = no limit. */
  minBandwidthBps: bigint;
}

export interface PathHopInfo {
  dpid: Dpid;
  /** 0 on the first hop when the path starts at a switch. */
  inPort: number;
  /** 0 on the last hop when the path ends at a switch. */
  outPort: number;
}

export interface ComputedPath {
  hops: readonly PathHopInfo[];
  cost: number;
}

export interface PathsBackend {
  /** Cheapest first. Throws NotFoundError for an unknown host or switch endpoint. */
  compute(query: PathQuery): readonly ComputedPath[] | Promise<readonly ComputedPath[]>;
}

// ---------------------------------------------------------------------------------------------
// Flows

/** An OXM match field by spec name ("eth_dst"), value and optional mask as text. */
export interface MatchFieldText {
  field: string;
  value: string;
  mask?: string;
}

export interface FlowRecord {
  dpid: Dpid;
  tableId: number;
  priority: number;
  cookie: bigint;
  /** Owning plugin name, "" when the cookie carries no known prefix. */
  owner: string;
  idleTimeout: number;
  hardTimeout: number;
  flags: number;
  match: readonly MatchFieldText[];
  /** Raw ofp_instruction list. */
  instructions: Buffer;
  /** ovs-ofctl style text of the instructions. */
  instructionsText: string;
  packetCount: bigint;
  byteCount: bigint;
  durationSec: number;
}

export interface FlowFilter {
  dpid?: Dpid;
  tableId?: number;
  cookie: bigint;
  /** 0n = no cookie filtering. */
  cookieMask: bigint;
  owner?: string;
}

export interface FlowAddition {
  dpid: Dpid;
  tableId: number;
  priority: number;
  /** Bits below the owner's prefix; the backend ORs the prefix in. */
  cookie: bigint;
  owner: string;
  idleTimeout: number;
  hardTimeout: number;
  flags: number;
  match: readonly MatchFieldText[];
  instructions: Buffer;
}

export interface FlowDeletion extends FlowFilter {
  match: readonly MatchFieldText[];
  strict: boolean;
  priority: number;
}

export interface FlowsBackend {
  list(filter: FlowFilter): readonly FlowRecord[] | Promise<readonly FlowRecord[]>;
  /**
   * Installs one flow. Throws NotFoundError (unknown dpid or owner), UnavailableError
   * (disconnected) or FieldViolationError (a match value or instruction the codec rejects, with
   * the field path relative to the request, e.g. "match[1].value" or "instructions").
   */
  add(flow: FlowAddition): Promise<FlowRecord>;
  /** Returns how many recorded entries were removed. */
  delete(selection: FlowDeletion): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Plugins

export type PluginLifecycleState = 'disabled' | 'starting' | 'running' | 'stopping' | 'failed';

export interface PluginStatus {
  name: string;
  version: string;
  description: string;
  state: PluginLifecycleState;
  /** Why failed or disabled; "" otherwise. */
  reason: string;
  /** Effective config section (JSON-serialisable). */
  config: unknown;
  dependsOn: readonly string[];
  required: boolean;
}

export interface PluginsBackend {
  /** In start order. */
  list(): readonly PluginStatus[];
  /** NotFoundError for an unknown name; FailedPreconditionError if a dependency is not running. */
  enable(name: string): Promise<PluginStatus>;
  /** FailedPreconditionError if required or depended on by a running plugin. */
  disable(name: string): Promise<PluginStatus>;
  /**
   * Restarts the plugin; with `config`, validates it first and throws FieldViolationError (field
   * path inside the config, e.g. "rules[3].dst") without restarting when it is invalid.
   */
  reload(name: string, config: unknown): Promise<PluginStatus>;
}

// ---------------------------------------------------------------------------------------------
// Events

export type EventSeverity = 'debug' | 'info' | 'warning' | 'critical';

export interface ControllerEvent {
  seq: bigint;
  time: Date;
  /** Dotted, most general first: "plugin.failed", "alert.ids". */
  kind: string;
  source: string;
  severity: EventSeverity;
  message: string;
  attributes: Readonly<Record<string, string>>;
  /** Optional JSON-serialisable payload. */
  payload?: unknown;
}

export interface EventsBackend {
  /** Every event raised after this call, synchronously; filtering is the northbound's job. */
  subscribe(listener: (event: ControllerEvent) => void): Unsubscribe;
}

// ---------------------------------------------------------------------------------------------

/** Everything the six services need; the controller passes one object implementing each face. */
export interface NorthboundBackends {
  datapaths: DatapathsBackend;
  topology: TopologyBackend;
  paths: PathsBackend;
  flows: FlowsBackend;
  plugins: PluginsBackend;
  events: EventsBackend;
}
