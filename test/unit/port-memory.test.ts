import { describe, expect, it } from 'vitest';

import { PatchCable } from '../../switch/port/memory-port.js';
import type { FrameBurst, PortStatusEvent } from '../../switch/port/port.js';

function frame(seq: number, length = 64): Uint8Array {
  const f = new Uint8Array(length);
  f.set([0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x88, 0xb5]);
  f[14] = seq & 0xff;
  f[15] = seq >> 8;
  return f;
}

const seqOf = (f: Uint8Array): number => f[14]! | (f[15]! << 8);

function cable(opts: { maxBurst?: number; queueFrames?: number } = {}): PatchCable {
  return new PatchCable({ name: 'p1', portNo: 1, ...opts }, { name: 'p2', portNo: 2, ...opts });
}

/** Collects bursts (copied, since a burst is only valid during the callback). */
function collect(port: PatchCable['a']): { bursts: number[][]; frames: Uint8Array[] } {
  const out = { bursts: [] as number[][], frames: [] as Uint8Array[] };
  port.onFrames((b: FrameBurst) => {
    const seqs: number[] = [];
    for (let i = 0; i < b.count; i++) {
      out.frames.push(b.frame(i).slice());
      seqs.push(seqOf(b.frame(i)));
    }
    out.bursts.push(seqs);
  });
  return out;
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await turn();
}

describe('MemoryPort over a PatchCable', () => {
  it('starts with carrier up and distinct MACs', () => {
    const c = cable();
    expect(c.a.link.linkUp).toBe(true);
    expect(c.b.link.adminUp).toBe(true);
    expect(c.a.hwAddr).toHaveLength(6);
    expect(c.a.hwAddr).not.toEqual(c.b.hwAddr);
    expect(c.a.lifecycle).toBe('open');
  });

  it('delivers asynchronously, in order, as one burst per event-loop turn', async () => {
    const c = cable();
    const got = collect(c.b);
    for (let i = 0; i < 10; i++) expect(c.a.send(frame(i))).toBe(true);
    expect(got.bursts).toEqual([]);  // never synchronously from send
    await turns(2);
    expect(got.bursts).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
    expect(got.frames[3]).toEqual(frame(3));
  });

  it('splits more frames than maxBurst into several bursts', async () => {
    const c = cable({ maxBurst: 32 });
    const got = collect(c.b);
    expect(c.a.sendBurst(Array.from({ length: 100 }, (_, i) => frame(i)))).toBe(100);
    await turns(6);
    expect(got.bursts.map((b) => b.length)).toEqual([32, 32, 32, 4]);
    expect(got.bursts.flat()).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('copies on send: reusing the caller buffer does not change what arrives', async () => {
    const c = cable();
    const got = collect(c.b);
    const buf = frame(7);
    c.a.send(buf);
    buf.fill(0xff);
    await turns(2);
    expect(got.frames[0]).toEqual(frame(7));
  });

  it('forwards a received burst straight out another port (sendBurst of a FrameBurst)', async () => {
    const left = cable();
    const right = cable();
    left.b.onFrames((burst) => right.a.sendBurst(burst));
    const got = collect(right.b);
    left.a.sendBurst([frame(1), frame(2, 1514)]);
    await turns(4);
    expect(got.bursts).toEqual([[1, 2]]);
    expect(got.frames[1]).toHaveLength(1514);
  });

  it('counts ofp_port_stats on both ends', async () => {
    const c = cable();
    collect(c.b);
    c.a.sendBurst([frame(0, 60), frame(1, 100)]);
    await turns(2);
    expect(c.a.counters()).toMatchObject({ txPackets: 2, txBytes: 160, rxPackets: 0 });
    expect(c.b.counters()).toMatchObject({ rxPackets: 2, rxBytes: 160, txPackets: 0, rxDropped: 0 });
  });

  it('counts frames with no receiver as rxDropped and tail-drops beyond the queue', async () => {
    const c = cable({ maxBurst: 8, queueFrames: 16 });
    c.a.sendBurst(Array.from({ length: 20 }, (_, i) => frame(i)));
    await turns(4);
    // 4 tail-dropped at the queue, 16 delivered to nobody.
    expect(c.b.counters()).toMatchObject({ rxPackets: 16, rxDropped: 20 });
  });

  it('rejects runts and frames above MTU as txErrors', () => {
    const c = cable();
    expect(c.a.sendBurst([new Uint8Array(10), frame(0, 1500 + 14 + 8 + 1)])).toBe(0);
    expect(c.a.counters()).toMatchObject({ txErrors: 2, txPackets: 0 });
  });

  it('reports carrier loss and return on both ends and drops while down', async () => {
    const c = cable();
    const events: Array<[string, PortStatusEvent]> = [];
    c.a.onStatus((e) => events.push(['a', e]));
    c.b.onStatus((e) => events.push(['b', e]));
    const got = collect(c.b);
    c.setLinkUp(false);
    expect(events.map(([p, e]) => [p, e.reason, e.link.linkUp])).toEqual([['a', 'modify', false], ['b', 'modify', false]]);
    expect(c.a.send(frame(1))).toBe(true);
    await turns(2);
    expect(got.bursts).toEqual([]);
    expect(c.a.counters().txDropped).toBe(1);
    c.setLinkUp(true);
    expect(events.slice(2).map(([p, e]) => [p, e.link.linkUp])).toEqual([['a', true], ['b', true]]);
    const ev = events[2]![1];
    expect(ev.reason === 'modify' && ev.previous.linkUp).toBe(false);
  });

  it('admin down on one end takes carrier from the other', () => {
    const c = cable();
    const seen: PortStatusEvent[] = [];
    c.b.onStatus((e) => seen.push(e));
    c.a.setAdminUp(false);
    expect(c.a.link).toMatchObject({ adminUp: false, linkUp: false });
    expect(seen.map((e) => e.link.linkUp)).toEqual([false]);
    c.a.setAdminUp(true);
    expect(c.b.link.linkUp).toBe(true);
  });

  it('unplug removes both ports: delete event, sends fail, nothing delivered', async () => {
    const c = cable();
    const got = collect(c.b);
    const events: PortStatusEvent[] = [];
    c.a.onStatus((e) => events.push(e));
    c.a.send(frame(1));
    c.unplug();
    await turns(2);
    expect(events.map((e) => e.reason)).toEqual(['delete']);
    expect(c.a.lifecycle).toBe('removed');
    expect(c.b.lifecycle).toBe('removed');
    expect(c.a.send(frame(2))).toBe(false);
    expect(c.a.sendBurst([frame(3)])).toBe(0);
    expect(got.bursts).toEqual([]);
  });

  it('close is idempotent, silences the port and drops the far end carrier', async () => {
    const c = cable();
    const got = collect(c.a);
    const bEvents: PortStatusEvent[] = [];
    c.b.onStatus((e) => bEvents.push(e));
    c.b.send(frame(1));  // queued, but the receiver closes before delivery
    c.a.close();
    c.a.close();
    await turns(2);
    expect(c.a.lifecycle).toBe('closed');
    expect(got.bursts).toEqual([]);
    expect(c.a.send(frame(1))).toBe(false);
    expect(bEvents.map((e) => [e.reason, e.link.linkUp])).toEqual([['modify', false]]);
    c.b.close();
  });

  it('a frame handler may send from inside the callback without re-entering itself', async () => {
    const c = cable();
    let inside = false;
    const seen: number[] = [];
    c.b.onFrames((burst) => {
      expect(inside).toBe(false);
      inside = true;
      for (let i = 0; i < burst.count; i++) {
        seen.push(seqOf(burst.frame(i)));
        c.b.send(burst.frame(i));  // echo back
      }
      inside = false;
    });
    const back = collect(c.a);
    c.a.send(frame(5));
    await turns(4);
    expect(seen).toEqual([5]);
    expect(back.bursts).toEqual([[5]]);
  });
});
