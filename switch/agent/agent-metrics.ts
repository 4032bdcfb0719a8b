/**
 * The agent's Prometheus series. One instance per agent; the registry returns the same metric
 * objects when asked twice, so two agents on one registry (tests, the demo) share the series
 * and tell themselves apart by the `dpid` label.
 */
import type { Counter, Gauge } from 'prom-client';
import type { Metrics } from '../../core/telemetry/index.js';

export type ChannelKind = 'active' | 'passive';

export class AgentMetrics {
  private readonly connections: Gauge<'dpid' | 'kind'>;
  private readonly connects: Counter<'dpid' | 'kind'>;
  private readonly messagesIn: Counter<'dpid' | 'type'>;
  private readonly messagesOut: Counter<'dpid' | 'type'>;
  private readonly errors: Counter<'dpid' | 'kind'>;
  private readonly dropped: Counter<'dpid' | 'type'>;
  /**
   * Received messages counted but not yet added to the series: a pipelined load brings hundreds
   * of messages per read and prom-client hashes the labels on every inc, so the channel counts
   * here per message and calls flushReceived() once per read (after its last message).
   */
  private readonly pendingIn = new Map<string, number>();

  constructor(metrics: Metrics, private readonly dpid: string) {
    this.connections = metrics.gauge({
      name: 'sluice_switch_controller_connections',
      help: 'OpenFlow connections past the HELLO exchange (active: to controllers, passive: ovs-ofctl and the like)',
      labelNames: ['dpid', 'kind'],
    });
    this.connects = metrics.counter({
      name: 'sluice_switch_controller_connects_total',
      help: 'OpenFlow connections that completed the HELLO exchange',
      labelNames: ['dpid', 'kind'],
    });
    this.messagesIn = metrics.counter({
      name: 'sluice_switch_openflow_messages_received_total',
      help: 'OpenFlow messages received, by OFPT type',
      labelNames: ['dpid', 'type'],
    });
    this.messagesOut = metrics.counter({
      name: 'sluice_switch_openflow_messages_sent_total',
      help: 'OpenFlow messages sent, by OFPT type',
      labelNames: ['dpid', 'type'],
    });
    this.errors = metrics.counter({
      name: 'sluice_switch_openflow_errors_total',
      help: 'Channel problems: decode (bad input answered with OFPT_ERROR), framing, hello, echo_timeout, internal',
      labelNames: ['dpid', 'kind'],
    });
    this.dropped = metrics.counter({
      name: 'sluice_switch_openflow_async_dropped_total',
      help: 'Asynchronous messages not sent because the connection was congested',
      labelNames: ['dpid', 'type'],
    });
  }

  connected(kind: ChannelKind): void {
    this.connections.inc({ dpid: this.dpid, kind });
    this.connects.inc({ dpid: this.dpid, kind });
  }

  disconnected(kind: ChannelKind): void {
    this.connections.dec({ dpid: this.dpid, kind });
  }

  received(type: string): void {
    this.pendingIn.set(type, (this.pendingIn.get(type) ?? 0) + 1);
  }

  /** Adds the counts of received() since the last flush to the series. */
  flushReceived(): void {
    if (this.pendingIn.size === 0) return;
    for (const [type, n] of this.pendingIn) this.messagesIn.inc({ dpid: this.dpid, type }, n);
    this.pendingIn.clear();
  }

  sent(type: string): void {
    this.messagesOut.inc({ dpid: this.dpid, type });
  }

  error(kind: 'decode' | 'framing' | 'hello' | 'echo_timeout' | 'internal'): void {
    this.errors.inc({ dpid: this.dpid, kind });
  }

  droppedAsync(type: string): void {
    this.dropped.inc({ dpid: this.dpid, type });
  }
}
