/**
 * PendingRequests' memory of fire-and-forget messages: an OFPT_ERROR names the message it
 * answers until a barrier passes it or SENT_MEMORY later messages push it out.
 */
import { describe, expect, it } from 'vitest';
import type { OfpMessage } from '../../core/openflow/messages/index.js';
import { PendingRequests } from '../../controller/openflow/pending-requests.js';
import type { SwitchError } from '../../controller/services/datapaths.js';

const barrier = (xid: number): OfpMessage => ({ type: 'BARRIER_REQUEST', xid });
const errorFor = (xid: number) => ({ type: 'ERROR', xid, errorType: 1, code: 2, data: Buffer.alloc(0) }) as unknown as SwitchError;

describe('PendingRequests sent memory', () => {
  it('names the message an error answers, once', () => {
    const p = new PendingRequests(() => 1n);
    const a = barrier(10);
    const b = barrier(11);
    p.remember(a);
    p.remember(b);
    expect(p.error(errorFor(11))).toBe(b);
    expect(p.error(errorFor(11))).toBeUndefined();
    expect(p.error(errorFor(10))).toBe(a);
    expect(p.error(errorFor(12))).toBeUndefined();
  });

  it('a reused xid names its latest message', () => {
    const p = new PendingRequests(() => 1n);
    const first = barrier(7);
    const second = barrier(7);
    p.remember(first);
    p.remember(second);
    expect(p.error(errorFor(7))).toBe(second);
  });

  it('forgets what a barrier passed, keeps what came after', () => {
    const p = new PendingRequests(() => 1n);
    p.remember(barrier(1));
    const mark = p.mark;
    const later = barrier(2);
    p.remember(later);
    p.forgetBefore(mark);
    expect(p.error(errorFor(1))).toBeUndefined();
    expect(p.error(errorFor(2))).toBe(later);
  });

  it('remembers the last 4096 messages', () => {
    const p = new PendingRequests(() => 1n);
    const msgs = Array.from({ length: 5000 }, (_, i) => barrier(i + 1));
    for (const m of msgs) p.remember(m);
    expect(p.error(errorFor(1))).toBeUndefined();
    expect(p.error(errorFor(5000 - 4096))).toBeUndefined();
    expect(p.error(errorFor(5000 - 4095))).toBe(msgs[5000 - 4096]);
    expect(p.error(errorFor(5000))).toBe(msgs[4999]);
  });

  it('forgets everything when the channel closes', () => {
    const p = new PendingRequests(() => 1n);
    p.remember(barrier(3));
    p.rejectAll();
    expect(p.error(errorFor(3))).toBeUndefined();
  });
});
