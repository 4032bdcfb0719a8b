/**
 * Per-port counters of the demo's switches as Prometheus series.
 *
 * Ports keep their own ofp_port_stats counters; copying them into gauges on a timer would
 * serve stale numbers and wake the process for nothing, so the copy happens when /metrics is
 * scraped: `scrapedMetrics` wraps the registry and refreshes the gauges first. They are gauges
 * (set, not incremented) because the port, not the registry, owns the running total.
 */
import type { Gauge } from 'prom-client';
import type { Metrics } from '../../core/telemetry/metrics.js';
import type { Port, PortCounters } from '../../switch/port/port.js';

export interface PortSource {
  dpid: bigint;
  ports: readonly Port[];
}

const SERIES: { key: keyof PortCounters; name: string; help: string }[] = [
  { key: 'rxPackets', name: 'sluice_switch_port_rx_packets', help: 'frames received on the port' },
  { key: 'txPackets', name: 'sluice_switch_port_tx_packets', help: 'frames sent on the port' },
  { key: 'rxBytes', name: 'sluice_switch_port_rx_bytes', help: 'bytes received on the port' },
  { key: 'txBytes', name: 'sluice_switch_port_tx_bytes', help: 'bytes sent on the port' },
  { key: 'rxDropped', name: 'sluice_switch_port_rx_dropped', help: 'received frames dropped (no receiver or queue full)' },
  { key: 'txDropped', name: 'sluice_switch_port_tx_dropped', help: 'frames not sent (link down)' },
];

export class PortMetrics {
  private readonly gauges: { key: keyof PortCounters; gauge: Gauge<'dpid' | 'port' | 'name'> }[];

  constructor(metrics: Metrics, private readonly sources: () => readonly PortSource[]) {
    this.gauges = SERIES.map((s) => ({
      key: s.key,
      gauge: metrics.gauge({ name: s.name, help: s.help, labelNames: ['dpid', 'port', 'name'] }),
    }));
  }

  refresh(): void {
    for (const { dpid, ports } of this.sources()) {
      const dpidText = dpid.toString(16).padStart(16, '0');
      for (const p of ports) {
        const c = p.counters();
        const labels = { dpid: dpidText, port: String(p.portNo), name: p.name };
        for (const { key, gauge } of this.gauges) gauge.set(labels, c[key]);
      }
    }
  }
}

/** The registry as the metrics server sees it, with port gauges brought up to date per scrape. */
export function scrapedMetrics(metrics: Metrics, ports: PortMetrics): Metrics {
  return {
    counter: (def) => metrics.counter(def),
    gauge: (def) => metrics.gauge(def),
    histogram: (def) => metrics.histogram(def),
    get contentType() {
      return metrics.contentType;
    },
    metricsText: () => {
      ports.refresh();
      return metrics.metricsText();
    },
  };
}
