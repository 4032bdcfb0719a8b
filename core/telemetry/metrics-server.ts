// A minimal node:http server for Prometheus to scrape. It serves exactly one path (default
// `/metrics`) and answers everything else with 404, so exposing it does not open a
// general-purpose HTTP surface.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.js';

export interface MetricsEndpoint {
  host: string;
  /** 0 picks a free port (tests); the bound port is in the returned handle. */
  port: number;
  path: string;
}

export interface MetricsServer {
  readonly host: string;
  readonly port: number;
  /** `http://host:port/path`, ready for a scraper or fetch(). */
  readonly url: string;
  stop(): Promise<void>;
}

export class MetricsUrlError extends Error {
  override readonly name = 'MetricsUrlError';
}

/** Parses the config form `http://0.0.0.0:9464/metrics`. Only plain http is served. */
export function parseMetricsUrl(text: string): MetricsEndpoint {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new MetricsUrlError(`not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:') throw new MetricsUrlError(`scheme must be http, got ${url.protocol.slice(0, -1)}`);
  if (url.search !== '' || url.hash !== '') throw new MetricsUrlError('query and fragment are not allowed');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  // URL drops the default port 80, and an explicit port is what an operator means.
  const port = url.port === '' ? 80 : Number(url.port);
  return { host, port, path: url.pathname === '' ? '/' : url.pathname };
}

export async function startMetricsServer(metrics: Metrics, endpoint: MetricsEndpoint): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path !== endpoint.path) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    metrics.metricsText().then(
      (text) => {
        res.writeHead(200, { 'content-type': metrics.contentType });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`collect failed: ${String(err)}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(endpoint.port, endpoint.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    host: address.address,
    port: address.port,
    url: `http://${hostForUrl}:${address.port}${endpoint.path}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err === undefined ? resolve() : reject(err)));
        // Scrapers keep connections alive; without this, close() waits for them to idle out.
        server.closeAllConnections();
      }),
  };
}
