/**
 * The switch's management listener (`ptcp:PORT[:HOST]`, off unless asked; ptcp:6634 is the
 * documented default). Clients such as `ovs-ofctl -O OpenFlow13 dump-flows tcp:HOST:PORT` connect
 * here and speak to the switch as a controller would.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { TcpEndpoint } from '../../core/config/index.js';
import type { Logger } from '../../core/telemetry/index.js';

export class PassiveListener {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly endpoint: TcpEndpoint,
    private readonly logger: Logger,
    private readonly onConnection: (socket: Socket, peer: string) => void,
  ) {}

  /** Starts listening; resolves with the bound port (useful when the endpoint asked for 0). */
  async listen(): Promise<number> {
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      socket.on('error', () => {});
      this.onConnection(socket, `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`);
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.endpoint.port, this.endpoint.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : this.endpoint.port;
    this.logger.info('passive OpenFlow listener up', { listen: `ptcp:${port}:${this.endpoint.host}` });
    return port;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
