/**
 * Domain objects (backend.ts) → protobuf messages. One function per message so every service
 * renders a dpid, a host or a flow the same way. 64-bit values go out as decimal strings, which
 * protobufjs encodes exactly.
 */
import type {
  ComputedPath,
  ControllerEvent,
  DatapathInfo,
  EventSeverity,
  FlowRecord,
  HostInfo,
  PluginLifecycleState,
  PluginStatus,
  PortInfo,
  PortLocation,
  PortStatsInfo,
  SwitchNode,
  TopologyChange,
  TopologyLink,
} from './backend.js';
import { formatDpid } from './dpid-text.js';
import type { Timestamp } from './generated/google/protobuf/Timestamp.js';
import type { Datapath } from './generated/sluice/v1/Datapath.js';
import type { Dpid } from './generated/sluice/v1/Dpid.js';
import type { Event } from './generated/sluice/v1/Event.js';
import type { Flow } from './generated/sluice/v1/Flow.js';
import type { Host } from './generated/sluice/v1/Host.js';
import type { Link } from './generated/sluice/v1/Link.js';
import type { Path } from './generated/sluice/v1/Path.js';
import type { Plugin } from './generated/sluice/v1/Plugin.js';
import type { PluginState } from './generated/sluice/v1/PluginState.js';
import type { Port } from './generated/sluice/v1/Port.js';
import type { PortRef } from './generated/sluice/v1/PortRef.js';
import type { PortStats } from './generated/sluice/v1/PortStats.js';
import type { Severity } from './generated/sluice/v1/Severity.js';
import type { Switch } from './generated/sluice/v1/Switch.js';
import type { TopologyEvent } from './generated/sluice/v1/TopologyEvent.js';

/** OFPPS_LINK_DOWN (ofp_port_state) and OFPPC_PORT_DOWN (ofp_port_config), OpenFlow 1.3 §7.2.1. */
const OFPPS_LINK_DOWN = 1 << 0;
const OFPPC_PORT_DOWN = 1 << 0;

export function dpidMessage(dpid: bigint): Dpid {
  return { value: dpid.toString(), text: formatDpid(dpid) };
}

export function timestampMessage(date: Date): Timestamp {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}

export function datapathMessage(d: DatapathInfo): Datapath {
  return {
    dpid: dpidMessage(d.dpid),
    connected: d.connected,
    remote_address: d.remoteAddress,
    connected_since: timestampMessage(d.connectedSince),
    n_buffers: d.nBuffers,
    n_tables: d.nTables,
    capabilities: d.capabilities,
    manufacturer: d.manufacturer,
    hardware: d.hardware,
    software: d.software,
    serial_number: d.serialNumber,
    description: d.description,
    port_count: d.portCount,
  };
}

export function portMessage(p: PortInfo): Port {
  return {
    port_no: p.portNo,
    name: p.name,
    hw_addr: p.hwAddr,
    config: p.config,
    state: p.state,
    curr: p.curr,
    advertised: p.advertised,
    supported: p.supported,
    peer: p.peer,
    curr_speed: p.currSpeed,
    max_speed: p.maxSpeed,
    link_up: (p.state & OFPPS_LINK_DOWN) === 0 && (p.config & OFPPC_PORT_DOWN) === 0,
  };
}

export function portStatsMessage(s: PortStatsInfo): PortStats {
  return {
    port_no: s.portNo,
    rx_packets: s.rxPackets.toString(),
    tx_packets: s.txPackets.toString(),
    rx_bytes: s.rxBytes.toString(),
    tx_bytes: s.txBytes.toString(),
    rx_dropped: s.rxDropped.toString(),
    tx_dropped: s.txDropped.toString(),
    rx_errors: s.rxErrors.toString(),
    tx_errors: s.txErrors.toString(),
    rx_frame_err: s.rxFrameErr.toString(),
    rx_over_err: s.rxOverErr.toString(),
    rx_crc_err: s.rxCrcErr.toString(),
    collisions: s.collisions.toString(),
    duration_sec: s.durationSec,
    duration_nsec: s.durationNsec,
  };
}

export function portRefMessage(p: PortLocation): PortRef {
  return { dpid: dpidMessage(p.dpid), port_no: p.portNo };
}

export function switchMessage(s: SwitchNode): Switch {
  return { dpid: dpidMessage(s.dpid), port_nos: [...s.portNos] };
}

export function linkMessage(l: TopologyLink): Link {
  return {
    src: portRefMessage(l.src),
    dst: portRefMessage(l.dst),
    bandwidth_bps: l.bandwidthBps.toString(),
    discovered_at: timestampMessage(l.discoveredAt),
  };
}

export function hostMessage(h: HostInfo): Host {
  return {
    mac: h.mac,
    ips: [...h.ips],
    vlan_vid: h.vlanVid,
    location: portRefMessage(h.location),
    last_seen: timestampMessage(h.lastSeen),
  };
}

export function topologyEventMessage(c: TopologyChange, snapshot = false): TopologyEvent {
  const time = timestampMessage(c.time);
  switch (c.type) {
    case 'switch-added':
      return { type: 'TOPOLOGY_EVENT_TYPE_SWITCH_ADDED', time, switch: switchMessage(c.switch), snapshot };
    case 'switch-removed':
      return { type: 'TOPOLOGY_EVENT_TYPE_SWITCH_REMOVED', time, switch: switchMessage(c.switch), snapshot };
    case 'link-added':
      return { type: 'TOPOLOGY_EVENT_TYPE_LINK_ADDED', time, link: linkMessage(c.link), snapshot };
    case 'link-removed':
      return { type: 'TOPOLOGY_EVENT_TYPE_LINK_REMOVED', time, link: linkMessage(c.link), snapshot };
    case 'host-added':
      return { type: 'TOPOLOGY_EVENT_TYPE_HOST_ADDED', time, host: hostMessage(c.host), snapshot };
    case 'host-removed':
      return { type: 'TOPOLOGY_EVENT_TYPE_HOST_REMOVED', time, host: hostMessage(c.host), snapshot };
    case 'host-moved':
      return {
        type: 'TOPOLOGY_EVENT_TYPE_HOST_MOVED',
        time,
        host: hostMessage(c.host),
        previous_host: hostMessage(c.previous),
        snapshot,
      };
  }
}

export function pathMessage(p: ComputedPath): Path {
  return {
    hops: p.hops.map((h) => ({ dpid: dpidMessage(h.dpid), in_port: h.inPort, out_port: h.outPort })),
    cost: p.cost,
  };
}

export function flowMessage(f: FlowRecord): Flow {
  return {
    dpid: dpidMessage(f.dpid),
    table_id: f.tableId,
    priority: f.priority,
    cookie: f.cookie.toString(),
    owner: f.owner,
    idle_timeout: f.idleTimeout,
    hard_timeout: f.hardTimeout,
    flags: f.flags,
    match: f.match.map((m) => ({ field: m.field, value: m.value, mask: m.mask ?? '' })),
    instructions: f.instructions,
    instructions_text: f.instructionsText,
    packet_count: f.packetCount.toString(),
    byte_count: f.byteCount.toString(),
    duration_sec: f.durationSec,
  };
}

const PLUGIN_STATES: Record<PluginLifecycleState, PluginState> = {
  disabled: 'PLUGIN_STATE_DISABLED',
  starting: 'PLUGIN_STATE_STARTING',
  running: 'PLUGIN_STATE_RUNNING',
  stopping: 'PLUGIN_STATE_STOPPING',
  failed: 'PLUGIN_STATE_FAILED',
};

export function pluginMessage(p: PluginStatus): Plugin {
  return {
    name: p.name,
    version: p.version,
    description: p.description,
    state: PLUGIN_STATES[p.state],
    reason: p.reason,
    // A config the backend cannot serialise (a cycle, a bigint) must not fail the whole list.
    config_json: safeJson(p.config),
    depends_on: [...p.dependsOn],
    required: p.required,
  };
}

/** Severity order shared by the wire enum and the event filter. */
export const SEVERITY_RANK: Record<EventSeverity, number> = { debug: 1, info: 2, warning: 3, critical: 4 };

const SEVERITIES: Record<EventSeverity, Severity> = {
  debug: 'SEVERITY_DEBUG',
  info: 'SEVERITY_INFO',
  warning: 'SEVERITY_WARNING',
  critical: 'SEVERITY_CRITICAL',
};

export function eventMessage(e: ControllerEvent): Event {
  return {
    seq: e.seq.toString(),
    time: timestampMessage(e.time),
    kind: e.kind,
    source: e.source,
    severity: SEVERITIES[e.severity],
    message: e.message,
    attributes: { ...e.attributes },
    payload_json: e.payload === undefined ? '' : safeJson(e.payload),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? '';
  } catch (err) {
    return JSON.stringify({ error: `not serialisable: ${err instanceof Error ? err.message : String(err)}` });
  }
}
