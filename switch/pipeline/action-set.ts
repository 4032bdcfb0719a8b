/**
 * The action set of OF1.3.5 §5.10: at most one action of each type (one set-field per field),
 * written by write-actions, emptied by clear-actions, and executed at the end of the pipeline in
 * the spec's order regardless of the order it was written in:
 * copy TTL inwards, pop, push-MPLS, push-PBB, push-VLAN, copy TTL outwards, decrement TTL,
 * set (set-field and the set-TTL actions), qos, group, output. With a group, output is ignored.
 */
import type { ExecAction } from './exec-action.js';

const RANK: Record<ExecAction['type'], number> = {
  COPY_TTL_IN: 0,
  POP_VLAN: 1, POP_MPLS: 1, POP_PBB: 1,
  PUSH_MPLS: 2,
  PUSH_PBB: 3,
  PUSH_VLAN: 4,
  COPY_TTL_OUT: 5,
  DEC_MPLS_TTL: 6, DEC_NW_TTL: 6,
  SET_FIELD: 7, SET_MPLS_TTL: 7, SET_NW_TTL: 7,
  SET_QUEUE: 8,
  GROUP: 9,
  OUTPUT: 10,
};

function slotOf(a: ExecAction): string {
  return a.type === 'SET_FIELD' ? `SET_FIELD:${a.field.name}` : a.type;
}

export class ActionSet {
  private readonly slots = new Map<string, ExecAction>();

  get size(): number {
    return this.slots.size;
  }

  write(actions: readonly ExecAction[]): void {
    for (const a of actions) this.slots.set(slotOf(a), a);
  }

  clear(): void {
    this.slots.clear();
  }

  /** The actions in execution order (stable within a rank: the order they were first written). */
  ordered(): ExecAction[] {
    const list = [...this.slots.values()].sort((a, b) => RANK[a.type] - RANK[b.type]);
    if (this.slots.has('GROUP')) return list.filter((a) => a.type !== 'OUTPUT');
    return list;
  }
}
