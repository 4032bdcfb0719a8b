/**
 * Kernel link events (RTNETLINK RTMGRP_LINK) fanned out by interface index. One monitor can
 * serve every AfPacketPort of a switch; a port opened without one makes its own.
 */
import { loadNativeBinding, type NativeLinkEvent, type NativeLinkMonitor } from './native-binding.js';

/** A newlink/dellink for one interface, or `overrun` (events were lost: re-read state). */
export type LinkEvent = NativeLinkEvent;
export type LinkListener = (event: LinkEvent) => void;

export class LinkMonitor {
  private native: NativeLinkMonitor | undefined;
  private readonly listeners = new Map<number, Set<LinkListener>>();

  constructor() {
    this.native = new (loadNativeBinding().LinkMonitor)((events) => this.dispatch(events));
  }

  /** Calls `listener` for events about `ifindex` and for every overrun; returns the unsubscribe. */
  subscribe(ifindex: number, listener: LinkListener): () => void {
    let set = this.listeners.get(ifindex);
    if (!set) this.listeners.set(ifindex, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(ifindex) === set) this.listeners.delete(ifindex);
    };
  }

  get subscriberCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  close(): void {
    this.native?.close();
    this.native = undefined;
    this.listeners.clear();
  }

  private dispatch(events: NativeLinkEvent[]): void {
    for (const event of events) {
      if (event.type === 'overrun') {
        for (const set of [...this.listeners.values()]) for (const l of [...set]) l(event);
        continue;
      }
      const set = event.ifindex === undefined ? undefined : this.listeners.get(event.ifindex);
      if (set) for (const l of [...set]) l(event);
    }
  }
}
