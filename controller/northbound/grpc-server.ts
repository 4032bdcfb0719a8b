/**
 * The northbound gRPC server: the six sluice.v1 services over the controller's backends, plus
 * standard server reflection (grpcurl, Postman and friends discover the API unaided) and the
 * standard health service (per-service status, so an orchestrator can probe "sluice.v1.Flows").
 *
 * Plugins add their own services with `registerService` (what the `Northbound` DI token resolves
 * to); those get the same bearer-token check, a health entry and, when defined through
 * @grpc/proto-loader, reflection too.
 *
 * Lifecycle: `start()` binds (port 0 picks a free port, for tests), `stop()` reports NOT_SERVING,
 * ends open Watch/Subscribe streams with UNAVAILABLE, lets unary calls finish for up to
 * `shutdownGraceMs`, then forces the rest closed.
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import type { NorthboundBackends } from './backend.js';
import { bearerAuthInterceptor } from './bearer-auth.js';
import { ServerStreams } from './call-handlers.js';
import { loadSluiceProtos, SLUICE_SERVICE_NAMES } from './proto-package.js';
import { datapathsService } from './services/datapaths-service.js';
import { eventsService } from './services/events-service.js';
import { flowsService } from './services/flows-service.js';
import { pathsService } from './services/paths-service.js';
import { pluginsService } from './services/plugins-service.js';
import { topologyService } from './services/topology-service.js';

/** PEM material for TLS. With `clientCa`, clients must present a certificate signed by it. */
export interface NorthboundTls {
  certChain: Buffer;
  privateKey: Buffer;
  clientCa?: Buffer;
}

export interface NorthboundServerOptions {
  /** "HOST:PORT" as in config `northbound.listen` ("[::]:50051" for IPv6); overrides host/port. */
  listen?: string;
  /** Listen address; default "0.0.0.0" (DESIGN.md defaults). */
  host?: string;
  /** Listen port; default 50051, 0 picks a free port. */
  port?: number;
  /** Serve grpc.reflection (v1 and v1alpha); default true (config `northbound.reflection`). */
  reflection?: boolean;
  /** Serve grpc.health.v1.Health; default true (config `northbound.health`). */
  health?: boolean;
  /** Serve TLS instead of plaintext. */
  tls?: NorthboundTls;
  /** When set, every call except health checks needs `authorization: Bearer <token>`. */
  token?: string;
  /** How long stop() waits for in-flight unary calls; default 5000 ms. */
  shutdownGraceMs?: number;
  /** Live messages queued for one Watch/Subscribe client before it is cut off (RESOURCE_EXHAUSTED). */
  streamQueueLimit?: number;
}

export const DEFAULT_NORTHBOUND_HOST = '0.0.0.0';
export const DEFAULT_NORTHBOUND_PORT = 50051;

/** Reads TLS PEM files named in config. */
export function readTlsFiles(files: { certFile: string; keyFile: string; clientCaFile?: string }): NorthboundTls {
  return {
    certChain: readFileSync(files.certFile),
    privateKey: readFileSync(files.keyFile),
    clientCa: files.clientCaFile === undefined ? undefined : readFileSync(files.clientCaFile),
  };
}

/** What the `Northbound` DI token resolves to: a way for plugins to add gRPC services. */
export interface NorthboundRegistry {
  /** Adds a service; returns a function that removes it again (for a plugin's stop()). */
  registerService(definition: grpc.ServiceDefinition, implementation: grpc.UntypedServiceImplementation): () => void;
}

export class NorthboundServer implements NorthboundRegistry {
  private readonly server: grpc.Server;
  private readonly streams: ServerStreams;
  private readonly health: HealthImplementation;
  private readonly baseDefinition: protoLoader.PackageDefinition;
  /** Message types of plugin services, keyed so reflection can describe them. */
  private readonly extraReflection = new Map<string, protoLoader.PackageDefinition>();
  private reflection: ReflectionService | undefined;
  private boundPort: number | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    backends: NorthboundBackends,
    private readonly options: NorthboundServerOptions = {},
  ) {
    this.streams = new ServerStreams(options.streamQueueLimit);
    const interceptors = options.token === undefined ? [] : [bearerAuthInterceptor(options.token)];
    this.server = new grpc.Server({ interceptors });
    const { definition, grpcObject } = loadSluiceProtos();
    this.baseDefinition = definition;
    const v1 = grpcObject.sluice.v1;
    this.server.addService(v1.Datapaths.service, datapathsService(backends.datapaths));
    this.server.addService(v1.Topology.service, topologyService(backends.topology, this.streams));
    this.server.addService(v1.Paths.service, pathsService(backends.paths));
    this.server.addService(v1.Flows.service, flowsService(backends.flows));
    this.server.addService(v1.Plugins.service, pluginsService(backends.plugins));
    this.server.addService(v1.Events.service, eventsService(backends.events, this.streams));

    const initial: Record<string, ServingStatus> = { '': 'SERVING' };
    for (const name of SLUICE_SERVICE_NAMES) initial[name] = 'SERVING';
    this.health = new HealthImplementation(initial);
    if (options.health ?? true) this.health.addToServer(this.server);
    this.refreshReflection();
  }

  /** Binds and starts serving. Resolves with the bound port (useful with port 0). */
  async start(): Promise<number> {
    const host = this.options.host ?? DEFAULT_NORTHBOUND_HOST;
    const port = this.options.port ?? DEFAULT_NORTHBOUND_PORT;
    // An IPv6 literal needs brackets in a gRPC target.
    const address = this.options.listen ?? (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
    const tls = this.options.tls;
    const credentials = tls
      ? grpc.ServerCredentials.createSsl(
          tls.clientCa ?? null,
          [{ cert_chain: tls.certChain, private_key: tls.privateKey }],
          tls.clientCa !== undefined,
        )
      : grpc.ServerCredentials.createInsecure();
    this.boundPort = await new Promise<number>((resolve, reject) => {
      this.server.bindAsync(address, credentials, (err, bound) => (err ? reject(err) : resolve(bound)));
    });
    return this.boundPort;
  }

  /** The bound port; throws before start(). */
  get port(): number {
    if (this.boundPort === undefined) throw new Error('NorthboundServer not started');
    return this.boundPort;
  }

  /** Number of open Watch/Subscribe streams (for metrics and tests). */
  get openStreams(): number {
    return this.streams.size;
  }

  /** Lets the controller report a service as degraded (e.g. Flows while no switch is connected). */
  setServingStatus(service: string, servingStatus: ServingStatus): void {
    this.health.setStatus(service, servingStatus);
  }

  registerService(definition: grpc.ServiceDefinition, implementation: grpc.UntypedServiceImplementation): () => void {
    const name = serviceNameOf(definition);
    this.server.addService(definition, implementation);
    this.health.setStatus(name, 'SERVING');
    const types = reflectableTypes(definition);
    if (types) {
      this.extraReflection.set(name, types);
      this.refreshReflection();
    }
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.server.removeService(definition);
      this.health.setStatus(name, 'NOT_SERVING');
      if (this.extraReflection.delete(name)) this.refreshReflection();
    };
  }

  /** Graceful stop; safe to call more than once. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    this.health.setStatus('', 'NOT_SERVING');
    for (const name of SLUICE_SERVICE_NAMES) this.health.setStatus(name, 'NOT_SERVING');
    this.streams.closeAll();
    const grace = this.options.shutdownGraceMs ?? 5000;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, grace);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * Reflection is computed from package definitions when the service is built, so a new plugin
   * service means replacing the reflection service with one that also knows its types.
   */
  private refreshReflection(): void {
    if (!(this.options.reflection ?? true)) return;
    const merged: protoLoader.PackageDefinition = { ...this.baseDefinition };
    for (const extra of this.extraReflection.values()) Object.assign(merged, extra);
    const next = new ReflectionService(merged as ConstructorParameters<typeof ReflectionService>[0]);
    if (this.reflection) {
      // Both reflection versions are registered under the same paths; remove before re-adding.
      for (const svc of REFLECTION_SERVICES) this.server.unregister(svc);
    }
    next.addToServer(this.server);
    this.reflection = next;
  }
}

/** Method-path prefixes of the two reflection versions @grpc/reflection serves. */
const REFLECTION_SERVICES = [
  '/grpc.reflection.v1.ServerReflection/ServerReflectionInfo',
  '/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo',
];

/** "pkg.Service" from the first method's path "/pkg.Service/Method". */
function serviceNameOf(definition: grpc.ServiceDefinition): string {
  const first = Object.values(definition)[0];
  const match = first && /^\/([^/]+)\//.exec(first.path);
  if (!match) throw new Error('registerService: definition has no methods');
  return match[1]!;
}

/**
 * proto-loader service definitions carry their messages' FileDescriptorProtos; collect them in the
 * shape reflection reads. Definitions from elsewhere (generated static code) have none: such a
 * service is served but not reflected.
 */
function reflectableTypes(definition: grpc.ServiceDefinition): protoLoader.PackageDefinition | undefined {
  const out: protoLoader.PackageDefinition = {};
  for (const attrs of Object.values(definition)) {
    const m = attrs as unknown as Partial<protoLoader.MethodDefinition<object, object>>;
    if (m.requestType?.fileDescriptorProtos) out[`${attrs.path}#request`] = m.requestType;
    if (m.responseType?.fileDescriptorProtos) out[`${attrs.path}#response`] = m.responseType;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
