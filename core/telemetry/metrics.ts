// The metrics registry: counters, gauges and histograms on prom-client, exposed as
// Prometheus text (format 0.0.4).
//
// Each MetricsRegistry owns its own prom-client Registry rather than the process-global
// one, so two controllers in one process (tests, the demo) never collide.
//
// Asking twice for the same metric returns the first instance. That is deliberate: a
// plugin that is reloaded at run time re-runs its constructor and asks again, and
// prom-client would otherwise throw "already registered". Asking for an existing name
// with a different kind or label set is a programming error and throws MetricConflictError.

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricDefinition<L extends string> {
  /** Full metric name, `sluice_<component>_<what>[_total|_seconds|…]`. */
  name: string;
  help: string;
  labelNames?: readonly L[];
}

export interface HistogramDefinition<L extends string> extends MetricDefinition<L> {
  /** Upper bounds; prom-client's defaults (5 ms … 10 s) when omitted. */
  buckets?: readonly number[];
}

export interface Metrics {
  counter<L extends string = never>(def: MetricDefinition<L>): Counter<L>;
  gauge<L extends string = never>(def: MetricDefinition<L>): Gauge<L>;
  histogram<L extends string = never>(def: HistogramDefinition<L>): Histogram<L>;
  /** Prometheus text exposition of every metric in this registry. */
  metricsText(): Promise<string>;
  /** The Content-Type to serve `metricsText()` with. */
  readonly contentType: string;
}

type MetricKind = 'counter' | 'gauge' | 'histogram';

export class MetricConflictError extends Error {
  override readonly name = 'MetricConflictError';
}

interface Entry {
  kind: MetricKind;
  labels: string;
  metric: Counter<string> | Gauge<string> | Histogram<string>;
}

export interface MetricsRegistryOptions {
  /** Also export Node's process metrics (CPU, heap, event-loop lag) with this prefix. */
  processMetricsPrefix?: string;
  /** Labels added to every series, e.g. `{ instance: 'ctl-1' }`. */
  defaultLabels?: Readonly<Record<string, string>>;
}

export class MetricsRegistry implements Metrics {
  readonly registry = new Registry();
  private readonly entries = new Map<string, Entry>();

  constructor(options: MetricsRegistryOptions = {}) {
    if (options.defaultLabels !== undefined) this.registry.setDefaultLabels(options.defaultLabels);
    if (options.processMetricsPrefix !== undefined) {
      collectDefaultMetrics({ register: this.registry, prefix: options.processMetricsPrefix });
    }
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  counter<L extends string = never>(def: MetricDefinition<L>): Counter<L> {
    return this.getOrCreate('counter', def, () =>
      new Counter<L>({ name: def.name, help: def.help, labelNames: def.labelNames ?? [], registers: [this.registry] }),
    ) as Counter<L>;
  }

  gauge<L extends string = never>(def: MetricDefinition<L>): Gauge<L> {
    return this.getOrCreate('gauge', def, () =>
      new Gauge<L>({ name: def.name, help: def.help, labelNames: def.labelNames ?? [], registers: [this.registry] }),
    ) as Gauge<L>;
  }

  histogram<L extends string = never>(def: HistogramDefinition<L>): Histogram<L> {
    return this.getOrCreate('histogram', def, () =>
      new Histogram<L>({
        name: def.name,
        help: def.help,
        labelNames: def.labelNames ?? [],
        ...(def.buckets === undefined ? {} : { buckets: [...def.buckets] }),
        registers: [this.registry],
      }),
    ) as Histogram<L>;
  }

  metricsText(): Promise<string> {
    return this.registry.metrics();
  }

  private getOrCreate(kind: MetricKind, def: MetricDefinition<string>, create: () => Entry['metric']): Entry['metric'] {
    const labels = [...(def.labelNames ?? [])].sort().join(',');
    const existing = this.entries.get(def.name);
    if (existing !== undefined) {
      if (existing.kind !== kind || existing.labels !== labels) {
        throw new MetricConflictError(
          `metric ${def.name} already registered as ${existing.kind}{${existing.labels}}, requested ${kind}{${labels}}`,
        );
      }
      return existing.metric;
    }
    const metric = create();
    this.entries.set(def.name, { kind, labels, metric });
    return metric;
  }
}
