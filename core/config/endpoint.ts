// Connection strings in the Open vSwitch style, which operators already know from
// `ovs-vsctl set-controller` and `ovs-ofctl`:
//
//   tcp:HOST:PORT     connect to (switch → controller), or for the controller: listen on HOST:PORT
//   ptcp:PORT[:HOST]  listen passively (the switch's management port for ovs-ofctl)
//
// IPv6 hosts are written in brackets: `tcp:[::1]:6653`, `ptcp:6634:[::]`.

import { z } from 'zod';

export interface TcpEndpoint {
  kind: 'tcp' | 'ptcp';
  host: string;
  port: number;
}

export type EndpointParse = { ok: true; endpoint: TcpEndpoint } | { ok: false; reason: string };

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

function parseHost(text: string): string | undefined {
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1);
    return /^[0-9A-Fa-f:.]+$/.test(inner) && inner.includes(':') ? inner : undefined;
  }
  return /^[A-Za-z0-9.-]+$/.test(text) ? text : undefined;
}

/** Splits `HOST:PORT`, respecting `[v6]:PORT`. */
function splitHostPort(text: string): [string, string] | undefined {
  const idx = text.lastIndexOf(':');
  if (idx <= 0) return undefined;
  return [text.slice(0, idx), text.slice(idx + 1)];
}

export function parseEndpoint(text: string): EndpointParse {
  const colon = text.indexOf(':');
  const scheme = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  if (scheme === 'tcp') {
    const parts = splitHostPort(rest);
    if (parts === undefined) return { ok: false, reason: `expected tcp:HOST:PORT, got ${JSON.stringify(text)}` };
    const host = parseHost(parts[0]);
    const port = parsePort(parts[1]);
    if (host === undefined) return { ok: false, reason: `bad host ${JSON.stringify(parts[0])} in ${JSON.stringify(text)}` };
    if (port === undefined) return { ok: false, reason: `port must be 1-65535, got ${JSON.stringify(parts[1])}` };
    return { ok: true, endpoint: { kind: 'tcp', host, port } };
  }
  if (scheme === 'ptcp') {
    // Port first, then an optional host: ptcp:6634 or ptcp:6634:127.0.0.1 or ptcp:6634:[::1].
    const sep = rest.indexOf(':');
    const portText = sep < 0 ? rest : rest.slice(0, sep);
    const hostText = sep < 0 ? '0.0.0.0' : rest.slice(sep + 1);
    const port = parsePort(portText);
    const host = parseHost(hostText);
    if (port === undefined) return { ok: false, reason: `port must be 1-65535, got ${JSON.stringify(portText)}` };
    if (host === undefined) return { ok: false, reason: `bad host ${JSON.stringify(hostText)} in ${JSON.stringify(text)}` };
    return { ok: true, endpoint: { kind: 'ptcp', host, port } };
  }
  return { ok: false, reason: `expected tcp:HOST:PORT or ptcp:PORT[:HOST], got ${JSON.stringify(text)}` };
}

/** A config string that must parse as an endpoint of the given kind. Stays a string in the parsed config. */
export function endpointString(kind: TcpEndpoint['kind']) {
  return z.string().superRefine((text, ctx) => {
    const parsed = parseEndpoint(text);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
    else if (parsed.endpoint.kind !== kind) ctx.addIssue({ code: 'custom', message: `expected a ${kind}: endpoint, got ${JSON.stringify(text)}` });
  });
}

/** `HOST:PORT` without a scheme, as gRPC servers take it (`0.0.0.0:50051`, `[::]:50051`). */
export function hostPortString() {
  return z.string().superRefine((text, ctx) => {
    const parts = splitHostPort(text);
    if (parts === undefined || parseHost(parts[0]) === undefined || parsePort(parts[1]) === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected HOST:PORT with port 1-65535, got ${JSON.stringify(text)}` });
    }
  });
}
