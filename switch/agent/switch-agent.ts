/**
 * The switch's OpenFlow agent: the only part of the switch that knows about controllers.
 *
 * It keeps a channel to every configured controller (redialled with backoff), optionally
 * accepts management connections, and sits between those channels and the datapath:
 * - commands go to the datapath, and its replies go back on the channel they came from with the
 *   request's xid;
 * - roles (§6.3.7) and per-connection async configuration (§7.3.10) are enforced here, so the
 *   datapath never sees a slave's write;
 * - packet-in, flow-removed and port-status from the datapath are encoded once and fanned out to
 *   every connection whose role and masks want them;
 * - with fail-mode standalone, the agent turns the switch into a learning bridge while no
 *   controller is connected (see standalone-learning.ts).
 */
import type { Socket } from 'node:net';
import type { TcpEndpoint } from '../../core/config/index.js';
import { OFPCR_ROLE } from '../../core/openflow/constants.js';
import {
  OFPBRC, OFPET, OfpDecodeError, encodeMessage, errorReplyFor, type AsyncConfig, type OfpMessage,
  type OfpErrorCode,
} from '../../core/openflow/index.js';
import { MetricsRegistry, silentLogger, type Logger, type Metrics } from '../../core/telemetry/index.js';
import { AgentMetrics, type ChannelKind } from './agent-metrics.js';
import { asyncWanted, copyAsyncConfig, defaultAsyncConfig, type AsyncKind } from './async-config.js';
import { ControllerDialer } from './controller-dialer.js';
import { RoleArbiter, roleName } from './controller-roles.js';
import type { DatapathLike } from './datapath-like.js';
import { OfpChannel } from './ofp-channel.js';
import { PassiveListener } from './passive-listener.js';
import { StandaloneLearning } from './standalone-learning.js';

export type FailMode = 'secure' | 'standalone';

export interface SwitchAgentOptions {
  datapath: DatapathLike;
  dpid: bigint;
  /** Controllers to dial; an empty list is allowed (management through the passive listener only). */
  controllers: readonly TcpEndpoint[];
  /** Management listener; off when absent. Port 0 picks a free port (see `passivePort`). */
  passive?: TcpEndpoint;
  /** Default 'secure': losing the controllers changes nothing in forwarding. */
  failMode?: FailMode;
  /** How long without any controller before standalone takes over. Default 15 s (3 × echo interval, as OVS). */
  standaloneAfterMs?: number;
  /** Idle time before an ECHO_REQUEST. Default 5 s; 0 disables. */
  echoIntervalMs?: number;
  /** Unanswered ECHO_REQUEST limit. Default 5 s. */
  echoTimeoutMs?: number;
  /** Redial delays. Default 1 s doubling to 8 s. */
  backoff?: { initialMs: number; maxMs: number };
  logger?: Logger;
  metrics?: Metrics;
}

/** One OpenFlow connection with what the agent knows about its peer. */
export interface ControllerSession {
  readonly channel: OfpChannel;
  role: number;
  async: AsyncConfig;
  /**
   * Whether asynchronous messages go to this connection at all. Controllers we dial always get
   * them; a management client on the passive listener only after SET_ASYNC or SET_CONFIG, the
   * way Open vSwitch keeps ovs-ofctl's one-shot connections free of packet-ins.
   */
  wantsAsync: boolean;
}

/** Messages a slave may not send: they change switch state or send packets (§6.3.7). */
const WRITES = new Set<OfpMessage['type']>(['FLOW_MOD', 'GROUP_MOD', 'PORT_MOD', 'TABLE_MOD', 'METER_MOD', 'PACKET_OUT']);

/** Switch-to-controller messages: a controller sending one is an error (OFPBRC_BAD_TYPE). */
const SWITCH_TO_CONTROLLER = new Set<OfpMessage['type']>([
  'FEATURES_REPLY', 'GET_CONFIG_REPLY', 'PACKET_IN', 'FLOW_REMOVED', 'PORT_STATUS', 'MULTIPART_REPLY',
  'BARRIER_REPLY', 'QUEUE_GET_CONFIG_REPLY', 'ROLE_REPLY', 'GET_ASYNC_REPLY',
]);

export function formatDpid(dpid: bigint): string {
  return dpid.toString(16).padStart(16, '0');
}

export class SwitchAgent {
  private readonly sessionSet = new Set<ControllerSession>();
  private readonly dialers: ControllerDialer[] = [];
  private listener: PassiveListener | undefined;
  private boundPassivePort: number | undefined;
  private readonly roles = new RoleArbiter();
  private readonly metrics: AgentMetrics;
  private readonly log: Logger;
  private readonly standalone: StandaloneLearning | undefined;
  private standaloneTimer: NodeJS.Timeout | undefined;
  private activeReady = 0;
  private running = false;

  constructor(private readonly options: SwitchAgentOptions) {
    const dpid = formatDpid(options.dpid);
    this.log = (options.logger ?? silentLogger()).child({ component: 'switch-agent', dpid });
    this.metrics = new AgentMetrics(options.metrics ?? new MetricsRegistry(), dpid);
    if ((options.failMode ?? 'secure') === 'standalone') {
      this.standalone = new StandaloneLearning(options.datapath, this.log);
    }
    const dp = options.datapath;
    dp.onPacketIn((pi) => {
      if (this.standalone?.consume(pi)) return;
      this.fanOut('PACKET_IN', pi.reason, pi);
    });
    dp.onFlowRemoved((fr) => this.fanOut('FLOW_REMOVED', fr.reason, fr));
    dp.onPortStatus((ps) => this.fanOut('PORT_STATUS', ps.reason, ps));
  }

  /** Live connections, in the order they were made. */
  get sessions(): readonly ControllerSession[] {
    return [...this.sessionSet];
  }

  /** The port the passive listener is bound to, once started. */
  get passivePort(): number | undefined {
    return this.boundPassivePort;
  }

  get standaloneEngaged(): boolean {
    return this.standalone?.engaged ?? false;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.options.passive) {
      this.listener = new PassiveListener(this.options.passive, this.log, (socket, peer) => {
        this.attach(socket, peer, 'passive');
      });
      this.boundPassivePort = await this.listener.listen();
    }
    const backoff = this.options.backoff ?? { initialMs: 1000, maxMs: 8000 };
    for (const target of this.options.controllers) {
      const dialer = new ControllerDialer({
        target, backoff, logger: this.log,
        onConnected: (socket, peer) => {
          const channel = this.attach(socket, peer, 'active');
          return { onEnd: (cb) => channel.onClose(() => cb(channel.everReady)) };
        },
      });
      this.dialers.push(dialer);
      dialer.start();
    }
    this.armStandalone();
    this.log.info('switch agent started', {
      controllers: this.dialers.map((d) => d.label), passive: this.boundPassivePort ?? 'off',
      failMode: this.options.failMode ?? 'secure',
    });
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.standaloneTimer) clearTimeout(this.standaloneTimer);
    for (const d of this.dialers) d.stop();
    this.dialers.length = 0;
    for (const s of this.sessionSet) s.channel.destroy('switch stopping');
    await this.listener?.close();
    this.listener = undefined;
  }

  private attach(socket: Socket, peer: string, kind: ChannelKind): OfpChannel {
    const channel = new OfpChannel(socket, {
      kind, peer,
      echoIntervalMs: this.options.echoIntervalMs ?? 5000,
      echoTimeoutMs: this.options.echoTimeoutMs ?? 5000,
      logger: this.log,
      metrics: this.metrics,
    });
    const session: ControllerSession = {
      channel, role: OFPCR_ROLE.EQUAL, async: defaultAsyncConfig(), wantsAsync: kind === 'active',
    };
    this.sessionSet.add(session);
    channel.onMessage((msg, raw) => this.onMessage(session, msg, raw));
    if (kind === 'active') channel.onReady(() => this.onActiveReady());
    channel.onClose(() => {
      this.sessionSet.delete(session);
      if (kind === 'active' && channel.everReady) this.onActiveLost();
    });
    return channel;
  }

  private onActiveReady(): void {
    this.activeReady++;
    if (this.standaloneTimer) clearTimeout(this.standaloneTimer);
    this.standaloneTimer = undefined;
    this.standalone?.disengage();
  }

  private onActiveLost(): void {
    this.activeReady = Math.max(0, this.activeReady - 1);
    if (this.activeReady === 0) this.armStandalone();
  }

  private armStandalone(): void {
    if (!this.standalone || !this.running || this.activeReady > 0 || this.standaloneTimer) return;
    this.standaloneTimer = setTimeout(() => {
      this.standaloneTimer = undefined;
      if (this.running && this.activeReady === 0) this.standalone?.engage();
    }, this.options.standaloneAfterMs ?? 15_000);
    this.standaloneTimer.unref();
  }

  private onMessage(session: ControllerSession, msg: OfpMessage, raw: Buffer): void {
    const channel = session.channel;
    switch (msg.type) {
      case 'ERROR':
        channel.log.warn('controller sent OFPT_ERROR', { errorType: msg.errorType, xid: msg.xid });
        return;
      case 'ROLE_REQUEST': {
        const decision = this.roles.request(session, this.sessionSet, msg.role, msg.generationId);
        if (!decision.ok) {
          channel.log.info('role request refused', { reason: decision.reason });
          this.replyError(session, raw, decision.error);
          return;
        }
        for (const d of decision.demoted) {
          (d as ControllerSession).channel.log.info('demoted to SLAVE: another controller became MASTER');
        }
        if (msg.role !== OFPCR_ROLE.NOCHANGE) channel.log.info('role changed', { role: roleName(decision.role) });
        channel.send({ type: 'ROLE_REPLY', xid: msg.xid, role: decision.role, generationId: decision.generationId });
        return;
      }
      case 'GET_ASYNC_REQUEST':
        channel.send({ type: 'GET_ASYNC_REPLY', xid: msg.xid, ...copyAsyncConfig(session.async) });
        return;
      case 'SET_ASYNC':
        session.async = copyAsyncConfig(msg);
        session.wantsAsync = true;
        return;
      case 'EXPERIMENTER':
        this.replyError(session, raw, { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_EXPERIMENTER });
        return;
      default:
        break;
    }
    if (SWITCH_TO_CONTROLLER.has(msg.type)) {
      this.replyError(session, raw, { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_TYPE });
      return;
    }
    if (session.role === OFPCR_ROLE.SLAVE && this.isWrite(msg)) {
      this.replyError(session, raw, { type: OFPET.BAD_REQUEST, code: OFPBRC.IS_SLAVE });
      return;
    }
    if (msg.type === 'SET_CONFIG') session.wantsAsync = true;
    let replies: OfpMessage[];
    try {
      replies = this.options.datapath.handle(msg, raw);
    } catch (err) {
      if (err instanceof OfpDecodeError) {
        channel.send(errorReplyFor(err, raw));
        return;
      }
      this.metrics.error('internal');
      channel.log.error('datapath failed on a message', { type: msg.type, xid: msg.xid, error: String(err) });
      this.replyError(session, raw, { type: OFPET.BAD_REQUEST, code: OFPBRC.EPERM });
      return;
    }
    // Replies answer this request, whatever xid the datapath put in them.
    for (const reply of replies) channel.send({ ...reply, xid: msg.xid } as OfpMessage);
  }

  private isWrite(msg: OfpMessage): boolean {
    if (WRITES.has(msg.type)) return true;
    // A table-features request with a body reconfigures the tables (§7.3.5.18).
    return msg.type === 'MULTIPART_REQUEST' && msg.body.mpType === 'TABLE_FEATURES' && msg.body.tables.length > 0;
  }

  private replyError(session: ControllerSession, raw: Buffer, code: OfpErrorCode): void {
    session.channel.send({
      type: 'ERROR', xid: raw.readUInt32BE(4), errorType: code.type, code: code.code,
      data: Buffer.from(raw.subarray(0, 64)),
    });
  }

  private fanOut(kind: AsyncKind, reason: number, msg: OfpMessage): void {
    let encoded: Buffer | undefined;
    for (const s of this.sessionSet) {
      if (s.channel.state !== 'ready' || !s.wantsAsync || !asyncWanted(s.async, s.role, kind, reason)) continue;
      if (encoded === undefined) {
        try {
          encoded = encodeMessage({ ...msg, xid: 0 } as OfpMessage);
        } catch (err) {
          this.metrics.error('internal');
          this.log.error('cannot encode asynchronous message', { type: kind, error: String(err) });
          return;
        }
      }
      s.channel.sendAsync(encoded, kind);
    }
  }
}
