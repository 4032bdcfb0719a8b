/**
 * The northbound's Events face: bus events turned into the API's flat ControllerEvent (dotted
 * kind, severity, one readable message, string attributes).
 *
 * The bus has no wildcard subscription, so the catalogue below names every bus event the API
 * forwards and says how each reads. An event type missing here is simply not forwarded; adding
 * one is one entry.
 */
import type { EventBus } from '../../core/kernel/event-bus.js';
import type { SluiceEvents } from '../../core/kernel/sluice-events.js';
import type { Host } from '../hosts/hosts.js';
import type { ControllerEvent, EventSeverity, EventsBackend, Unsubscribe } from '../northbound/backend.js';
import { formatDpid } from '../northbound/dpid-text.js';
import type { SwitchLink } from '../topology/topology.js';

interface Rendered {
  severity: EventSeverity;
  message: string;
  attributes: Record<string, string>;
  /** Overrides the bus name as the API kind (plugin.state → plugin.failed). */
  kind?: string;
}

type Catalogue = { [K in keyof SluiceEvents]?: (payload: SluiceEvents[K]) => Rendered };

function linkText(l: SwitchLink): string {
  return `${formatDpid(l.src.dpid)}:${l.src.port} -> ${formatDpid(l.dst.dpid)}:${l.dst.port}`;
}

function hostAttrs(h: Host): Record<string, string> {
  return { mac: h.mac.toString(), dpid: formatDpid(h.location.dpid), port: String(h.location.port), ips: [...h.ipv4, ...h.ipv6].join(',') };
}

const CATALOGUE: Catalogue = {
  'plugin.state': (e) => ({
    kind: `plugin.${e.state}`,
    severity: e.state === 'failed' ? 'critical' : 'info',
    message: `plugin ${e.name} ${e.previous} -> ${e.state}${e.reason ? `: ${e.reason}` : ''}`,
    attributes: { plugin: e.name, version: e.version, state: e.state, previous: e.previous },
  }),
  'datapath.connected': (e) => ({ severity: 'info', message: `switch ${formatDpid(e.dpid)} connected`, attributes: { dpid: formatDpid(e.dpid) } }),
  'datapath.disconnected': (e) => ({ severity: 'warning', message: `switch ${formatDpid(e.dpid)} disconnected`, attributes: { dpid: formatDpid(e.dpid) } }),
  'datapath.port-status': (e) => ({
    severity: 'info',
    message: `switch ${formatDpid(e.dpid)} port ${e.port.portNo} (${e.port.name}) ${e.reason}`,
    attributes: { dpid: formatDpid(e.dpid), port: String(e.port.portNo), reason: e.reason },
  }),
  'datapath.error': (e) => ({
    severity: 'warning',
    message: `switch ${formatDpid(e.dpid)} sent OFPT_ERROR type ${e.error.errorType}${'code' in e.error ? ` code ${e.error.code}` : ''}${e.request ? ` for ${e.request.type}` : ''}`,
    attributes: { dpid: formatDpid(e.dpid), type: String(e.error.errorType), xid: String(e.error.xid) },
  }),
  'topology.switch-added': (e) => ({ severity: 'info', message: `switch ${formatDpid(e.dpid)} joined the topology`, attributes: { dpid: formatDpid(e.dpid) } }),
  'topology.switch-removed': (e) => ({ severity: 'warning', message: `switch ${formatDpid(e.dpid)} left the topology`, attributes: { dpid: formatDpid(e.dpid) } }),
  'topology.link-added': (e) => ({ severity: 'info', message: `link up ${linkText(e.link)}`, attributes: { link: linkText(e.link) } }),
  'topology.link-removed': (e) => ({ severity: 'warning', message: `link down ${linkText(e.link)} (${e.reason})`, attributes: { link: linkText(e.link), reason: e.reason } }),
  'hosts.added': (e) => ({ severity: 'info', message: `host ${e.host.mac} at ${formatDpid(e.host.location.dpid)}:${e.host.location.port}`, attributes: hostAttrs(e.host) }),
  'hosts.updated': (e) => ({ severity: 'debug', message: `host ${e.host.mac} addresses ${[...e.host.ipv4, ...e.host.ipv6].join(', ')}`, attributes: hostAttrs(e.host) }),
  'hosts.moved': (e) => ({
    severity: 'info',
    message: `host ${e.host.mac} moved ${formatDpid(e.previous.location.dpid)}:${e.previous.location.port} -> ${formatDpid(e.host.location.dpid)}:${e.host.location.port}`,
    attributes: hostAttrs(e.host),
  }),
  'hosts.removed': (e) => ({ severity: 'info', message: `host ${e.host.mac} removed (${e.reason})`, attributes: { ...hostAttrs(e.host), reason: e.reason } }),
};

export class EventsAdapter implements EventsBackend {
  private seq = 0n;
  private readonly listeners = new Set<(e: ControllerEvent) => void>();
  private readonly disposers: Array<() => void> = [];

  constructor(events: EventBus<SluiceEvents>) {
    // One bus registration per type for the adapter, not per client: sequence numbers are then
    // global, and a hundred Subscribe streams cost one listener each.
    for (const type of Object.keys(CATALOGUE) as (keyof SluiceEvents)[]) {
      const render = CATALOGUE[type] as (p: unknown) => Rendered;
      const reg = events.on(type, (payload: unknown) => this.publish(type, render(payload)));
      this.disposers.push(() => reg.dispose());
    }
  }

  subscribe(listener: (event: ControllerEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
    this.listeners.clear();
  }

  private publish(type: string, r: Rendered): void {
    if (this.listeners.size === 0) return;
    const event: ControllerEvent = {
      seq: ++this.seq,
      time: new Date(),
      kind: r.kind ?? type,
      source: type.split('.', 1)[0]!,
      severity: r.severity,
      message: r.message,
      attributes: r.attributes,
    };
    for (const l of [...this.listeners]) l(event);
  }
}
