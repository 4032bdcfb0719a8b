// The top-level schema of sluice.yaml: one section per component, each strict (an unknown
// key is an error, because a typo that silently does nothing is worse than a refusal).
//
// Every option has a default, so an empty or missing file is a complete config. The
// defaults are the ones DESIGN.md promises:
//
//   controller.listen         tcp:0.0.0.0:6653
//   switch.controllers        [tcp:127.0.0.1:6653]
//   switch.passive            off; ptcp:6634 when enabled
//   northbound.listen         0.0.0.0:50051 (reflection + health on)
//   metrics.listen            http://0.0.0.0:9464/metrics
//
// Component sections use `.prefault({})`, not `.default({})`: zod 4 returns a default
// as-is without parsing it, so only prefault fills in the section's own field defaults.
//
// Plugin sections are only checked for shape here (a map, plus the kernel's reserved
// `enabled` and `required` keys); each plugin's own schema is applied by the plugin host,
// which knows the registry, with the same path and position reporting.

import { z } from 'zod';
import { parseMetricsUrl } from '../telemetry/metrics-server.js';
import { endpointString, hostPortString } from './endpoint.js';

export const DEFAULT_CONTROLLER_LISTEN = 'tcp:0.0.0.0:6653';
export const DEFAULT_SWITCH_CONTROLLER = 'tcp:127.0.0.1:6653';
export const DEFAULT_SWITCH_PASSIVE_LISTEN = 'ptcp:6634';
export const DEFAULT_NORTHBOUND_LISTEN = '0.0.0.0:50051';
export const DEFAULT_METRICS_URL = 'http://0.0.0.0:9464/metrics';

/** Keys in `plugins.<name>` that belong to the kernel, not to the plugin's own schema. */
export const RESERVED_PLUGIN_KEYS = ['enabled', 'required'] as const;

const datapathId = z
  .string()
  .regex(/^(0x)?[0-9a-fA-F]{1,16}$/, 'expected a 64-bit datapath id in hex, e.g. 0x1 or 00000000000000a1');

export const controllerSchema = z
  .strictObject({
    listen: endpointString('tcp').default(DEFAULT_CONTROLLER_LISTEN).describe('OpenFlow 1.3 listen address for switches'),
    connect: z
      .array(endpointString('tcp'))
      .default([])
      .describe('passive switches to dial (tcp:HOST:PORT), e.g. OVS with set-controller ptcp:6634'),
  })
  .describe('the OpenFlow controller');

export const switchSchema = z
  .strictObject({
    datapathId: datapathId.optional().describe('datapath id; derived from the first port MAC when absent'),
    controllers: z
      .array(endpointString('tcp'))
      .default([DEFAULT_SWITCH_CONTROLLER])
      .describe('controllers to connect to; each gets its role from the controller (OFPT_ROLE_REQUEST)'),
    ports: z.array(z.string().min(1, 'interface name must not be empty')).default([]).describe('Linux interfaces to open as OpenFlow ports, in port-number order'),
    failMode: z
      .enum(['secure', 'standalone'])
      .default('secure')
      .describe('with no controller: secure keeps flows and forwards nothing else; standalone acts as a learning switch'),
    passive: z
      .strictObject({
        enabled: z.boolean().default(false).describe('accept management connections (ovs-ofctl) on passive.listen'),
        listen: endpointString('ptcp').default(DEFAULT_SWITCH_PASSIVE_LISTEN).describe('passive listener address'),
      })
      .prefault({}),
  })
  .describe('the software switch');

export const northboundSchema = z
  .strictObject({
    listen: hostPortString().default(DEFAULT_NORTHBOUND_LISTEN).describe('gRPC northbound listen address'),
    reflection: z.boolean().default(true).describe('serve gRPC server reflection'),
    health: z.boolean().default(true).describe('serve the standard grpc.health.v1 service'),
    tls: z
      .strictObject({
        certFile: z.string().min(1).describe('PEM server certificate chain'),
        keyFile: z.string().min(1).describe('PEM private key of the certificate'),
        clientCaFile: z.string().min(1).optional().describe('PEM CA; when set, clients must present a certificate it signed'),
      })
      .optional()
      .describe('serve TLS instead of plaintext (off unless given)'),
    token: z
      .string()
      .min(16, 'a bearer token shorter than 16 characters is too easy to guess')
      .optional()
      .describe('require "authorization: Bearer <token>" on every call except health checks (off unless given)'),
  })
  .describe('the gRPC northbound API');

export const metricsSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('serve Prometheus metrics'),
    listen: z
      .string()
      .superRefine((text, ctx) => {
        try {
          parseMetricsUrl(text);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
        }
      })
      .default(DEFAULT_METRICS_URL)
      .describe('where Prometheus scrapes'),
  })
  .describe('Prometheus exposition');

export const loggingSchema = z
  .strictObject({
    level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info').describe('lowest level written'),
    format: z.enum(['json', 'text']).default('json').describe('json: one object per line; text: for terminals'),
  })
  .describe('the structured log on stderr');

/**
 * One entry of `plugins:`. `l2:` with no value (YAML null) means "on, with defaults".
 * Extra keys pass through untouched here; the plugin's own strict schema judges them.
 */
export const pluginEntrySchema = z.preprocess(
  (v) => (v === null ? {} : v),
  z.looseObject({
    enabled: z.boolean().optional().describe("load this plugin; when absent, the plugin's manifest decides"),
    required: z.boolean().default(false).describe('fail startup if this plugin fails to start'),
  }),
);

export const pluginsSchema = z
  .record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'plugin names are lower-case letters, digits and dashes'), pluginEntrySchema)
  .default({})
  .describe('per-plugin sections, keyed by plugin name');

export const sluiceConfigSchema = z.strictObject({
  controller: controllerSchema.prefault({}),
  switch: switchSchema.prefault({}),
  northbound: northboundSchema.prefault({}),
  metrics: metricsSchema.prefault({}),
  logging: loggingSchema.prefault({}),
  plugins: pluginsSchema,
});

export type SluiceConfig = z.output<typeof sluiceConfigSchema>;
export type PluginEntry = z.output<typeof pluginEntrySchema>;
export type PluginsSection = SluiceConfig['plugins'];
