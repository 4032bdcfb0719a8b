// Disposable and UndoList: how registrations are undone.
//
// Everything that registers something (a bus listener, a packet-in processor) returns a
// Disposable. A plugin collects them in an UndoList during start() and disposes the list in
// stop(), which undoes exactly what start() did, in reverse order — the mirror ONOS's
// activate/deactivate pairs keep by hand.

export interface Disposable {
  dispose(): void;
}

export class UndoList implements Disposable {
  private readonly items: Array<() => void> = [];

  /** Adds a Disposable or an undo function; returns it for chaining into a field. */
  add<T extends Disposable | (() => void)>(item: T): T {
    this.items.push(typeof item === 'function' ? item : () => item.dispose());
    return item;
  }

  get size(): number {
    return this.items.length;
  }

  /**
   * Runs every undo step, newest first. A throwing step does not stop the others; the first
   * error is rethrown after all ran, so a stop() caller still learns about it.
   */
  dispose(): void {
    let first: unknown;
    let failed = false;
    while (this.items.length > 0) {
      const undo = this.items.pop()!;
      try {
        undo();
      } catch (err) {
        if (!failed) first = err;
        failed = true;
      }
    }
    if (failed) throw first;
  }
}
