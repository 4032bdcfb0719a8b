/**
 * The parts of the northbound that make it a platform rather than six handlers: standard server
 * reflection, the standard health service, services registered by plugins, and graceful stop.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { service as healthService } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SluiceClient } from '../../controller/ctl/ctl-client.js';
import { NorthboundServer } from '../../controller/northbound/grpc-server.js';
import { SLUICE_SERVICE_NAMES } from '../../controller/northbound/proto-package.js';
import { FakeController } from './northbound-fake-backend.js';

const require = createRequire(import.meta.url);
const REFLECTION_PROTO_DIR = join(dirname(require.resolve('@grpc/reflection/package.json')), 'build', 'proto');

type Callback<T> = (err: grpc.ServiceError | null, res?: T) => void;
interface HealthClient extends grpc.Client {
  check(req: { service: string }, cb: Callback<{ status: string }>): void;
}
interface ReflectionResponse {
  list_services_response?: { service: { name: string }[] };
  file_descriptor_response?: { file_descriptor_proto: Buffer[] };
  error_response?: { error_code: number; error_message: string };
}
interface ReflectionClient extends grpc.Client {
  ServerReflectionInfo(md?: grpc.Metadata): grpc.ClientDuplexStream<Record<string, string>, ReflectionResponse>;
}

function healthClient(port: number): HealthClient {
  const Health = grpc.makeClientConstructor(healthService, 'Health');
  return new Health(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as HealthClient;
}

function healthOf(h: HealthClient, service: string): Promise<string> {
  return new Promise((resolve, reject) =>
    h.check({ service }, (err, res) => (err ? reject(err) : resolve(res!.status))),
  );
}

/** One reflection request/response over the standard grpc.reflection.v1 stream. */
function reflect(port: number, request: Record<string, string>, md = new grpc.Metadata()): Promise<ReflectionResponse> {
  const def = protoLoader.loadSync('grpc/reflection/v1/reflection.proto', { keepCase: true, includeDirs: [REFLECTION_PROTO_DIR] });
  const pkg = grpc.loadPackageDefinition(def) as unknown as {
    grpc: { reflection: { v1: { ServerReflection: new (addr: string, creds: grpc.ChannelCredentials) => ReflectionClient } } };
  };
  const client = new pkg.grpc.reflection.v1.ServerReflection(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => {
    const call = client.ServerReflectionInfo(md);
    call.on('data', (res: ReflectionResponse) => {
      resolve(res);
      call.end();
      client.close();
    });
    call.on('error', (e) => {
      reject(e);
      client.close();
    });
    call.write(request);
  });
}

/** A plugin's own service, defined by a .proto the plugin ships. */
function loadEchoService(): { definition: grpc.ServiceDefinition; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-echo-'));
  writeFileSync(
    join(dir, 'echo.proto'),
    `syntax = "proto3";
package acme.echo.v1;
service Echo { rpc Say(SayRequest) returns (SayReply); }
message SayRequest { string text = 1; }
message SayReply { string text = 1; }
`,
  );
  const pkg = grpc.loadPackageDefinition(protoLoader.loadSync('echo.proto', { includeDirs: [dir] })) as unknown as {
    acme: { echo: { v1: { Echo: grpc.ServiceClientConstructor } } };
  };
  return { definition: pkg.acme.echo.v1.Echo.service, dir };
}

describe('reflection, health and plugin services', () => {
  let server: NorthboundServer;
  let port: number;
  let echoDir: string | undefined;

  beforeAll(async () => {
    server = new NorthboundServer(new FakeController().backends(), { host: '127.0.0.1', port: 0 });
    port = await server.start();
  });

  afterAll(async () => {
    await server?.stop();
    if (echoDir) rmSync(echoDir, { recursive: true, force: true });
  });

  it('lists the six sluice.v1 services through grpc.reflection.v1', async () => {
    const res = await reflect(port, { list_services: '' });
    const names = res.list_services_response!.service.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining([...SLUICE_SERVICE_NAMES]));
  });

  it('describes a service so a generic client (grpcurl) can call it', async () => {
    const res = await reflect(port, { file_containing_symbol: 'sluice.v1.Topology' });
    const files = res.file_descriptor_response!.file_descriptor_proto;
    expect(files.length).toBeGreaterThan(0);
    // The descriptors are binary FileDescriptorProtos; the method names appear in them verbatim.
    expect(Buffer.concat(files).toString('latin1')).toContain('ListSwitches');
  });

  it('reports SERVING for the server and each service, and NOT_FOUND for unknown names', async () => {
    const h = healthClient(port);
    try {
      expect(await healthOf(h, '')).toBe('SERVING');
      for (const name of SLUICE_SERVICE_NAMES) expect(await healthOf(h, name)).toBe('SERVING');
      await expect(healthOf(h, 'sluice.v1.Nope')).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
      server.setServingStatus('sluice.v1.Flows', 'NOT_SERVING');
      expect(await healthOf(h, 'sluice.v1.Flows')).toBe('NOT_SERVING');
      server.setServingStatus('sluice.v1.Flows', 'SERVING');
    } finally {
      h.close();
    }
  });

  it('serves, reflects and health-checks a plugin service, and removes it again', async () => {
    const echo = loadEchoService();
    echoDir = echo.dir;
    const unregister = server.registerService(echo.definition, {
      Say: (call: grpc.ServerUnaryCall<{ text: string }, { text: string }>, cb: grpc.sendUnaryData<{ text: string }>) =>
        cb(null, { text: `echo: ${call.request.text}` }),
    });
    const EchoClient = grpc.makeClientConstructor(echo.definition, 'Echo');
    const c = new EchoClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
      Say(req: { text: string }, cb: Callback<{ text: string }>): void;
    };
    const say = () => new Promise<{ text: string }>((resolve, reject) => c.Say({ text: 'hi' }, (e, r) => (e ? reject(e) : resolve(r!))));
    const h = healthClient(port);
    try {
      expect(await say()).toEqual({ text: 'echo: hi' });
      expect(await healthOf(h, 'acme.echo.v1.Echo')).toBe('SERVING');
      const listed = await reflect(port, { list_services: '' });
      expect(listed.list_services_response!.service.map((s) => s.name)).toContain('acme.echo.v1.Echo');

      unregister();
      await expect(say()).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
      expect(await healthOf(h, 'acme.echo.v1.Echo')).toBe('NOT_SERVING');
      const after = await reflect(port, { list_services: '' });
      expect(after.list_services_response!.service.map((s) => s.name)).not.toContain('acme.echo.v1.Echo');
    } finally {
      c.close();
      h.close();
    }
  });
});

describe('plugin services behind the bearer token', () => {
  it('applies the token check to registered services and reflection, not to health', async () => {
    const server = new NorthboundServer(new FakeController().backends(), { host: '127.0.0.1', port: 0, token: 's3cret' });
    const echo = loadEchoService();
    try {
      const port = await server.start();
      server.registerService(echo.definition, {
        Say: (_call: grpc.ServerUnaryCall<unknown, unknown>, cb: grpc.sendUnaryData<{ text: string }>) => cb(null, { text: 'x' }),
      });
      const EchoClient = grpc.makeClientConstructor(echo.definition, 'Echo');
      const c = new EchoClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
        Say(req: { text: string }, md: grpc.Metadata, cb: Callback<{ text: string }>): void;
      };
      const say = (md: grpc.Metadata) =>
        new Promise<unknown>((resolve, reject) => c.Say({ text: 'hi' }, md, (e, r) => (e ? reject(e) : resolve(r))));
      await expect(say(new grpc.Metadata())).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      const md = new grpc.Metadata();
      md.set('authorization', 'Bearer s3cret');
      await expect(say(md)).resolves.toEqual({ text: 'x' });
      c.close();

      await expect(reflect(port, { list_services: '' })).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      expect((await reflect(port, { list_services: '' }, md)).list_services_response).toBeDefined();
      const h = healthClient(port);
      expect(await healthOf(h, '')).toBe('SERVING');
      h.close();
    } finally {
      await server.stop();
      rmSync(echo.dir, { recursive: true, force: true });
    }
  });
});

describe('graceful stop', () => {
  it('reports NOT_SERVING, ends open streams with UNAVAILABLE, and releases the port', async () => {
    const fake = new FakeController();
    const server = new NorthboundServer(fake.backends(), { host: '127.0.0.1', port: 0, shutdownGraceMs: 2000 });
    const port = await server.start();
    const client = new SluiceClient({ server: `127.0.0.1:${port}` });
    try {
      const watch = client.watchTopology({});
      const events = client.subscribeEvents({});
      const ended = Promise.all(
        [watch, events].map((s) => new Promise<grpc.ServiceError>((resolve) => s.on('error', resolve))),
      );
      for (let i = 0; i < 200 && (fake.topologySubscribers < 1 || fake.eventSubscribers < 1); i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(server.openStreams).toBe(2);

      const stopped = server.stop();
      const errors = await ended;
      expect(errors.map((e) => e.code)).toEqual([grpc.status.UNAVAILABLE, grpc.status.UNAVAILABLE]);
      expect(errors[0]!.details).toBe('sluice northbound is shutting down');
      await stopped;
      expect(fake.topologySubscribers).toBe(0);
      expect(fake.eventSubscribers).toBe(0);
      await expect(server.stop()).resolves.toBeUndefined(); // idempotent

      // The port is free again: another server can bind it.
      const again = new NorthboundServer(fake.backends(), { host: '127.0.0.1', port });
      expect(await again.start()).toBe(port);
      await again.stop();
    } finally {
      client.close();
      await server.stop();
    }
  });
});

describe('slow stream clients', () => {
  it('cuts off a client that stops reading, but never counts the initial snapshot', async () => {
    const fake = new FakeController();
    const server = new NorthboundServer(fake.backends(), { host: '127.0.0.1', port: 0, streamQueueLimit: 5 });
    const port = await server.start();
    const client = new SluiceClient({ server: `127.0.0.1:${port}` });
    try {
      // 12 snapshot messages pass a limit of 5.
      const watch = client.watchTopology({ include_snapshot: true });
      const snapshot: string[] = [];
      await new Promise<void>((resolve, reject) => {
        watch.on('data', (e: { type: string }) => {
          snapshot.push(e.type);
          if (e.type === 'TOPOLOGY_EVENT_TYPE_SNAPSHOT_COMPLETE') resolve();
        });
        watch.on('error', reject);
      });
      expect(snapshot).toHaveLength(12);
      watch.on('error', () => {});
      watch.cancel();

      const events = client.subscribeEvents({});
      events.pause();
      for (let i = 0; i < 200 && fake.eventSubscribers < 1; i++) await new Promise((r) => setTimeout(r, 10));
      // A burst the client does not read: the server drops the subscription rather than buffer it.
      for (let i = 0; i < 1000; i++) {
        fake.emitEvent({ kind: 'flood', source: 'test', severity: 'info', message: `#${i}`, attributes: {} });
      }
      expect(fake.eventSubscribers).toBe(0);
      const err = await new Promise<grpc.ServiceError>((resolve) => {
        events.on('error', resolve);
        events.on('data', () => {});
        events.resume();
      });
      expect(err.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      expect(err.details).toMatch(/client is not reading/);
    } finally {
      client.close();
      await server.stop();
    }
  });
});

describe('config switches', () => {
  it('binds a "HOST:PORT" listen string and can leave reflection and health out', async () => {
    const server = new NorthboundServer(new FakeController().backends(), {
      listen: '127.0.0.1:0',
      reflection: false,
      health: false,
    });
    try {
      const port = await server.start();
      expect(port).toBeGreaterThan(0);
      await expect(reflect(port, { list_services: '' })).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
      const h = healthClient(port);
      await expect(healthOf(h, '')).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
      h.close();
      const client = new SluiceClient({ server: `127.0.0.1:${port}` });
      expect((await client.topology.ListSwitches({})).switches).toHaveLength(3);
      client.close();
    } finally {
      await server.stop();
    }
  });
});
