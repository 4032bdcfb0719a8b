import { afterEach, describe, expect, it } from 'vitest';
import { MetricConflictError, MetricsRegistry } from '../../core/telemetry/metrics.js';
import { parseMetricsUrl, startMetricsServer, type MetricsServer } from '../../core/telemetry/metrics-server.js';

/** Parses Prometheus text format 0.0.4 into sample lines and TYPE/HELP metadata. */
function parseExposition(text: string) {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let m = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (m) {
      types.set(m[1]!, m[2]!);
      continue;
    }
    m = /^# HELP (\S+) (.*)$/.exec(line);
    if (m) {
      help.set(m[1]!, m[2]!);
      continue;
    }
    m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (!m) throw new Error(`unparseable exposition line: ${line}`);
    samples.set(m[1]!, Number(m[2]));
  }
  return { samples, types, help };
}

describe('MetricsRegistry', () => {
  it('exposes counters, gauges and histograms in Prometheus text that parses back', async () => {
    const m = new MetricsRegistry();
    const pktIn = m.counter({ name: 'sluice_packet_in_total', help: 'packet-ins received', labelNames: ['dpid'] });
    pktIn.inc({ dpid: '0x1' });
    pktIn.inc({ dpid: '0x1' }, 2);
    m.gauge({ name: 'sluice_datapaths', help: 'connected datapaths' }).set(3);
    const h = m.histogram({ name: 'sluice_flow_mod_seconds', help: 'latency', buckets: [0.001, 0.01] });
    h.observe(0.0005);
    h.observe(0.005);
    h.observe(1);
    const { samples, types, help } = parseExposition(await m.metricsText());
    expect(samples.get('sluice_packet_in_total{dpid="0x1"}')).toBe(3);
    expect(samples.get('sluice_datapaths')).toBe(3);
    expect(samples.get('sluice_flow_mod_seconds_bucket{le="0.001"}')).toBe(1);
    expect(samples.get('sluice_flow_mod_seconds_bucket{le="0.01"}')).toBe(2);
    expect(samples.get('sluice_flow_mod_seconds_bucket{le="+Inf"}')).toBe(3);
    expect(samples.get('sluice_flow_mod_seconds_count')).toBe(3);
    expect(types.get('sluice_packet_in_total')).toBe('counter');
    expect(types.get('sluice_datapaths')).toBe('gauge');
    expect(types.get('sluice_flow_mod_seconds')).toBe('histogram');
    expect(help.get('sluice_datapaths')).toBe('connected datapaths');
  });

  it('returns the same metric when asked twice, and rejects a conflicting redefinition', () => {
    const m = new MetricsRegistry();
    const a = m.counter({ name: 'sluice_x_total', help: 'x', labelNames: ['a', 'b'] });
    expect(m.counter({ name: 'sluice_x_total', help: 'x', labelNames: ['b', 'a'] })).toBe(a);
    expect(() => m.gauge({ name: 'sluice_x_total', help: 'x', labelNames: ['a', 'b'] })).toThrow(MetricConflictError);
    expect(() => m.counter({ name: 'sluice_x_total', help: 'x', labelNames: ['a'] })).toThrow(
      /already registered as counter\{a,b\}, requested counter\{a\}/,
    );
  });

  it('keeps registries separate (no global registry)', async () => {
    const a = new MetricsRegistry();
    const b = new MetricsRegistry();
    a.counter({ name: 'sluice_only_in_a_total', help: 'a' }).inc();
    expect(await b.metricsText()).not.toContain('sluice_only_in_a_total');
  });
});

describe('metrics http server', () => {
  let server: MetricsServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('parses the config URL form', () => {
    expect(parseMetricsUrl('http://0.0.0.0:9464/metrics')).toEqual({ host: '0.0.0.0', port: 9464, path: '/metrics' });
    expect(parseMetricsUrl('http://[::1]:9/m')).toEqual({ host: '::1', port: 9, path: '/m' });
    expect(() => parseMetricsUrl('https://x:1/m')).toThrow(/scheme must be http/);
    expect(() => parseMetricsUrl('nope')).toThrow(/not a URL/);
  });

  it('serves /metrics on an ephemeral port, 404 elsewhere, and stops', async () => {
    const m = new MetricsRegistry();
    m.counter({ name: 'sluice_scrapes_test_total', help: 'test' }).inc(7);
    server = await startMetricsServer(m, { host: '127.0.0.1', port: 0, path: '/metrics' });
    expect(server.port).toBeGreaterThan(0);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const { samples } = parseExposition(await res.text());
    expect(samples.get('sluice_scrapes_test_total')).toBe(7);
    const other = await fetch(`http://127.0.0.1:${server.port}/other`);
    expect(other.status).toBe(404);
    await other.text();
    const post = await fetch(server.url, { method: 'POST' });
    expect(post.status).toBe(405);
    await post.text();
    const port = server.port;
    await server.stop();
    server = undefined;
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});
