/**
 * What the demo's hosts do once the network is up: announce themselves, ping every other host,
 * and open a few TCP connections across the fabric. Results are data (for tests and for the
 * summary); each step also reports a readable line as it finishes.
 */
import type { EmulatedHost, PingResult, TcpExchangeResult } from './emulated-host.js';

export interface PairPing {
  from: string;
  to: string;
  result: PingResult | undefined;
  /** Why no result (ARP never answered, …). */
  error?: string;
}

export interface TcpFlow {
  client: string;
  server: string;
  result: TcpExchangeResult | undefined;
  /** Bytes the server got, in order, when the connection completed. */
  serverReceived: number;
  error?: string;
}

export const DEMO_TCP_PORT = 5001;

function rttSummary(r: PingResult): string {
  const rtts = r.replies.map((x) => x.rttMs).filter((x): x is number => x !== undefined);
  if (rtts.length === 0) return 'no replies';
  const avg = rtts.reduce((a, b) => a + b, 0) / rtts.length;
  return `rtt min/avg/max ${Math.min(...rtts).toFixed(2)}/${avg.toFixed(2)}/${Math.max(...rtts).toFixed(2)} ms`;
}

export function pingLine(p: PairPing, ip: (name: string) => string): string {
  const head = `ping ${p.from} -> ${p.to} (${ip(p.to)})`;
  if (!p.result) return `${head}: FAILED ${p.error ?? ''}`;
  return `${head}: ${p.result.received}/${p.result.sent} replies, ${rttSummary(p.result)}`;
}

/** Every unordered pair once, from the lower-numbered host; replies exercise the reverse direction. */
export async function pingAllPairs(
  hosts: readonly EmulatedHost[],
  opts: { count: number; report: (p: PairPing) => void; signal?: AbortSignal },
): Promise<PairPing[]> {
  const out: PairPing[] = [];
  for (let i = 0; i < hosts.length; i++) {
    for (let j = i + 1; j < hosts.length; j++) {
      if (opts.signal?.aborted) return out;
      const a = hosts[i]!;
      const b = hosts[j]!;
      let p: PairPing;
      try {
        p = { from: a.name, to: b.name, result: await a.ping(b.ip, { count: opts.count, intervalMs: 10, timeoutMs: 1500 }) };
      } catch (err) {
        p = { from: a.name, to: b.name, result: undefined, error: err instanceof Error ? err.message : String(err) };
      }
      out.push(p);
      opts.report(p);
    }
  }
  return out;
}

/** A TCP connection from each of `pairs[k][0]` to `pairs[k][1]`, one after the other. */
export async function tcpFlows(
  pairs: readonly (readonly [EmulatedHost, EmulatedHost])[],
  opts: { chunks: readonly Uint8Array[]; report: (f: TcpFlow) => void; signal?: AbortSignal },
): Promise<TcpFlow[]> {
  const out: TcpFlow[] = [];
  for (const [client, server] of pairs) {
    if (opts.signal?.aborted) return out;
    server.listen(DEMO_TCP_PORT);
    const before = server.accepted.length;
    let f: TcpFlow;
    try {
      const result = await client.tcpExchange(server.ip, DEMO_TCP_PORT, opts.chunks);
      // The server sees the connection complete when our final ACK arrives: a moment later.
      const deadline = Date.now() + 2000;
      while (server.accepted.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      f = { client: client.name, server: server.name, result, serverReceived: server.accepted[before]?.bytesReceived ?? 0 };
    } catch (err) {
      f = { client: client.name, server: server.name, result: undefined, serverReceived: 0, error: err instanceof Error ? err.message : String(err) };
    }
    out.push(f);
    opts.report(f);
  }
  return out;
}

export function tcpLine(f: TcpFlow): string {
  if (!f.result) return `tcp ${f.client} -> ${f.server}:${DEMO_TCP_PORT}: FAILED ${f.error ?? ''}`;
  const r = f.result;
  return `tcp ${r.flow}: SYN/SYN-ACK/ACK, ${r.bytesAcked} bytes acked in ${r.segmentsSent} segments` +
    `${r.retransmissions > 0 ? ` (${r.retransmissions} retransmitted)` : ''}, FIN/ACK closed in ${r.durationMs.toFixed(1)} ms; ` +
    `${f.server} received ${f.serverReceived} bytes`;
}
