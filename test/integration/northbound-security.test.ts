/**
 * Northbound transport security: TLS with a certificate made by openssl at test time, and the
 * bearer-token check (accepted, rejected, missing; health exempt; streams covered too).
 */
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SluiceClient } from '../../controller/ctl/ctl-client.js';
import { NorthboundServer, readTlsFiles } from '../../controller/northbound/grpc-server.js';
import { makeSelfSignedCert, type SelfSignedCert } from '../fixtures/tls/self-signed.js';
import { FakeController } from './northbound-fake-backend.js';

const TOKEN = 'tok-3f9c1a7e5b';

async function codeOf(p: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as grpc.ServiceError;
    return { code: e.code, details: e.details };
  }
  return { code: grpc.status.OK, details: '' };
}

describe('TLS + bearer token', () => {
  let cert: SelfSignedCert;
  let server: NorthboundServer;
  let port: number;
  const clients: SluiceClient[] = [];
  const client = (opts: { token?: string; tlsCa?: Buffer; host?: string }) => {
    const c = new SluiceClient({ server: `${opts.host ?? 'localhost'}:${port}`, deadlineMs: 5000, ...opts });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    cert = makeSelfSignedCert();
    server = new NorthboundServer(new FakeController().backends(), {
      host: '127.0.0.1',
      port: 0,
      tls: readTlsFiles({ certFile: cert.certPath, keyFile: cert.keyPath }),
      token: TOKEN,
    });
    port = await server.start();
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.stop();
    cert?.remove();
  });

  it('serves a client that trusts the certificate and sends the token', async () => {
    const c = client({ token: TOKEN, tlsCa: cert.cert });
    const res = await c.topology.ListSwitches({});
    expect(res.switches).toHaveLength(3);
    // 127.0.0.1 is in the certificate's subjectAltName too.
    const byIp = client({ token: TOKEN, tlsCa: cert.cert, host: '127.0.0.1' });
    expect((await byIp.plugins.List({})).plugins).toHaveLength(3);
  });

  it('rejects a wrong or missing token with UNAUTHENTICATED before any handler runs', async () => {
    const wrong = await codeOf(client({ token: 'guess', tlsCa: cert.cert }).topology.ListSwitches({}));
    expect(wrong).toEqual({ code: grpc.status.UNAUTHENTICATED, details: 'invalid bearer token' });
    const missing = await codeOf(client({ tlsCa: cert.cert }).plugins.Disable({ name: 'firewall' }));
    expect(missing.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(missing.details).toContain('missing');
  });

  it('applies the token check to streams', async () => {
    const stream = client({ token: 'nope', tlsCa: cert.cert }).subscribeEvents({});
    const err = await new Promise<grpc.ServiceError>((resolve) => stream.on('error', resolve));
    expect(err.code).toBe(grpc.status.UNAUTHENTICATED);
  });

  it('leaves the health service open to unauthenticated probes', async () => {
    const Health = grpc.makeClientConstructor(healthService, 'Health');
    const h = new Health(`localhost:${port}`, grpc.credentials.createSsl(cert.cert)) as unknown as grpc.Client & {
      check(req: { service: string }, cb: (err: grpc.ServiceError | null, res?: { status: string }) => void): void;
    };
    const res = await new Promise<{ status: string } | undefined>((resolve, reject) =>
      h.check({ service: 'sluice.v1.Topology' }, (err, r) => (err ? reject(err) : resolve(r))),
    );
    h.close();
    expect(res?.status).toBe('SERVING');
  });

  it('fails the handshake for a client that does not trust the certificate', async () => {
    const other = makeSelfSignedCert('someone-else');
    try {
      const res = await codeOf(client({ token: TOKEN, tlsCa: other.cert }).topology.ListSwitches({}));
      expect(res.code).toBe(grpc.status.UNAVAILABLE);
    } finally {
      other.remove();
    }
  });

  it('fails a plaintext client against the TLS port', async () => {
    const res = await codeOf(client({ token: TOKEN }).topology.ListSwitches({}));
    expect(res.code).toBe(grpc.status.UNAVAILABLE);
  });
});
