/**
 * What every `Port` does the same way, whatever carries its frames: the link facts and
 * lifecycle with their PORT_STATUS events, the one frame receiver and the status listeners,
 * `send`'s queue that leaves when the current task ends, and the order of `close()`.
 *
 * An implementation supplies how frames are queued and sent (`enqueue`, `flush`, `sendBurst`)
 * and how its I/O stops (`release`); it reports link changes through `changeLink` and the
 * interface going away through `markRemoved`.
 */
import { downLink, sameLink } from './port-link.js';
import type {
  FrameBurst,
  FrameHandler,
  Port,
  PortCounters,
  PortLifecycle,
  PortLink,
  PortStatusEvent,
  StatusHandler,
} from './port.js';

export abstract class PortBase implements Port {
  abstract readonly name: string;
  abstract readonly portNo: number;
  protected state: PortLifecycle = 'open';
  protected frameHandler: FrameHandler | undefined;
  private readonly statusHandlers = new Set<StatusHandler>();
  private flushScheduled = false;

  protected constructor(protected currentLink: PortLink) {}

  get hwAddr(): Uint8Array {
    return this.currentLink.hwAddr;
  }

  get mtu(): number {
    return this.currentLink.mtu;
  }

  get link(): PortLink {
    return this.currentLink;
  }

  get lifecycle(): PortLifecycle {
    return this.state;
  }

  onFrames(handler: FrameHandler | undefined): void {
    this.frameHandler = handler;
  }

  onStatus(handler: StatusHandler): () => void {
    this.statusHandlers.add(handler);
    return () => this.statusHandlers.delete(handler);
  }

  send(frame: Uint8Array): boolean {
    if (this.state !== 'open' || !this.enqueue(frame)) return false;
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
    return true;
  }

  abstract sendBurst(frames: FrameBurst | readonly Uint8Array[]): number;
  abstract flush(): void;
  abstract counters(): PortCounters;

  close(): void {
    if (this.state === 'closed') return;
    this.release();
    this.state = 'closed';
    this.frameHandler = undefined;
    this.statusHandlers.clear();
  }

  /** Queues one frame for the next flush (copying it); false, counting why, when it cannot. */
  protected abstract enqueue(frame: Uint8Array): boolean;

  /** Stops I/O and drops what is queued, keeping final counters readable; called on removal and again on close. */
  protected abstract release(): void;

  /** Takes on `link` and reports it (OFPPR_MODIFY) when it differs from the current one. */
  protected changeLink(link: PortLink): void {
    const previous = this.currentLink;
    if (sameLink(previous, link)) return;
    this.currentLink = link;
    this.emit({ reason: 'modify', link, previous });
  }

  /** The interface is gone for good: stop I/O, report the link down and the port deleted. */
  protected markRemoved(): void {
    if (this.state !== 'open') return;
    this.release();
    this.state = 'removed';
    this.currentLink = downLink(this.currentLink);
    this.emit({ reason: 'delete', link: this.currentLink });
  }

  private emit(event: PortStatusEvent): void {
    for (const handler of [...this.statusHandlers]) handler(event);
  }
}
