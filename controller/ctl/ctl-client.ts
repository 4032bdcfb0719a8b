/**
 * A promise-based client for the sluice.v1 services, used by `sluice ctl` and by tests.
 *
 * Each service becomes an object of `Method(request) => Promise<response>` functions, typed from
 * the generated `*Definition` interfaces (so requests and responses are exactly the protos'), and
 * the two server-streaming methods get their own entry points. All calls share one channel.
 *
 * The bearer token is attached as call metadata rather than call credentials because grpc-js
 * refuses call credentials on a plaintext channel, and a token over plaintext on loopback is a
 * legitimate setup.
 */
import * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import type { DatapathsDefinition } from '../northbound/generated/sluice/v1/Datapaths.js';
import type { Event__Output } from '../northbound/generated/sluice/v1/Event.js';
import type { FlowsDefinition } from '../northbound/generated/sluice/v1/Flows.js';
import type { PathsDefinition } from '../northbound/generated/sluice/v1/Paths.js';
import type { PluginsDefinition } from '../northbound/generated/sluice/v1/Plugins.js';
import type { SubscribeEventsRequest } from '../northbound/generated/sluice/v1/SubscribeEventsRequest.js';
import type { TopologyDefinition } from '../northbound/generated/sluice/v1/Topology.js';
import type { TopologyEvent__Output } from '../northbound/generated/sluice/v1/TopologyEvent.js';
import type { WatchTopologyRequest } from '../northbound/generated/sluice/v1/WatchTopologyRequest.js';
import { loadSluiceProtos } from '../northbound/proto-package.js';

export interface SluiceClientOptions {
  /** "host:port" of the controller's northbound. */
  server: string;
  /** Sent as `authorization: Bearer <token>`. */
  token?: string;
  /** PEM CA that signed the server's certificate; switches the channel to TLS. */
  tlsCa?: Buffer;
  /** Per-call deadline in ms for unary calls; default 10 s. Streams have none. */
  deadlineMs?: number;
}

/**
 * `Method(request) => Promise<response>` for every method of a generated service definition,
 * except those named in `Streaming`. The `string extends K` clause drops the index signature the
 * definitions inherit from grpc.ServiceDefinition, which would otherwise swallow the real names.
 */
export type UnaryMethods<D, Streaming extends string = never> = {
  [K in keyof D as string extends K ? never : K extends Streaming ? never : K]: D[K] extends MethodDefinition<infer Req, infer _Res, infer _ReqOut, infer Res>
    ? (request: Req) => Promise<Res>
    : never;
};

export class SluiceClient {
  readonly datapaths: UnaryMethods<DatapathsDefinition>;
  readonly topology: UnaryMethods<TopologyDefinition, 'Watch'>;
  readonly paths: UnaryMethods<PathsDefinition>;
  readonly flows: UnaryMethods<FlowsDefinition>;
  readonly plugins: UnaryMethods<PluginsDefinition>;
  private readonly client: grpc.Client;
  private readonly v1 = loadSluiceProtos().grpcObject.sluice.v1;

  constructor(private readonly options: SluiceClientOptions) {
    const credentials = options.tlsCa ? grpc.credentials.createSsl(options.tlsCa) : grpc.credentials.createInsecure();
    this.client = new grpc.Client(options.server, credentials);
    this.datapaths = this.unaryMethods(this.v1.Datapaths.service);
    this.topology = this.unaryMethods(this.v1.Topology.service);
    this.paths = this.unaryMethods(this.v1.Paths.service);
    this.flows = this.unaryMethods(this.v1.Flows.service);
    this.plugins = this.unaryMethods(this.v1.Plugins.service);
  }

  /** Topology.Watch. */
  watchTopology(request: WatchTopologyRequest): grpc.ClientReadableStream<TopologyEvent__Output> {
    return this.serverStream(this.v1.Topology.service.Watch, request);
  }

  /** Events.Subscribe. */
  subscribeEvents(request: SubscribeEventsRequest): grpc.ClientReadableStream<Event__Output> {
    return this.serverStream(this.v1.Events.service.Subscribe, request);
  }

  /** Resolves once the channel is connected, or rejects after `timeoutMs`. */
  waitForReady(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.client.waitForReady(Date.now() + timeoutMs, (err) => (err ? reject(err) : resolve()));
    });
  }

  /** The channel's state now (READY once a connection to the server is up). */
  connectivity(): grpc.connectivityState {
    return this.client.getChannel().getConnectivityState(false);
  }

  close(): void {
    this.client.close();
  }

  private metadata(): grpc.Metadata {
    const md = new grpc.Metadata();
    if (this.options.token !== undefined) md.set('authorization', `Bearer ${this.options.token}`);
    return md;
  }

  private unaryMethods<D extends grpc.ServiceDefinition, S extends string = never>(service: D): UnaryMethods<D, S> {
    const out: Record<string, (request: unknown) => Promise<unknown>> = {};
    for (const [name, method] of Object.entries(service)) {
      if (method.responseStream) continue;
      out[name] = (request) =>
        new Promise((resolve, reject) => {
          const deadline = Date.now() + (this.options.deadlineMs ?? 10_000);
          this.client.makeUnaryRequest(
            method.path,
            method.requestSerialize,
            method.responseDeserialize,
            request,
            this.metadata(),
            { deadline },
            (err, response) => (err ? reject(err) : resolve(response)),
          );
        });
    }
    return out as UnaryMethods<D, S>;
  }

  private serverStream<Req, Res, ReqOut, ResOut>(
    method: MethodDefinition<Req, Res, ReqOut, ResOut>,
    request: Req,
  ): grpc.ClientReadableStream<ResOut> {
    return this.client.makeServerStreamRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      request,
      this.metadata(),
      {},
    );
  }
}

/** True when `err` is a failed gRPC call (has a numeric status code). */
export function isServiceError(err: unknown): err is grpc.ServiceError {
  return err instanceof Error && typeof (err as Partial<grpc.ServiceError>).code === 'number';
}
