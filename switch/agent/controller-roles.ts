/**
 * Controller roles (OF1.3.5 §6.3.7). Each connection starts EQUAL. A ROLE_REQUEST for MASTER or
 * SLAVE carries a generation_id that must not go backwards (compared as a signed 64-bit
 * distance, so it may wrap); a request whose id is older than the newest seen is refused with
 * OFPRRFC_STALE. At most one connection is MASTER: promoting one demotes the others to SLAVE.
 * EQUAL and NOCHANGE requests ignore generation_id.
 */
import { OFPCR_ROLE } from '../../core/openflow/constants.js';
import { OFPET, OFPRRFC, type OfpErrorCode } from '../../core/openflow/error-codes.js';

export interface RoleHolder {
  role: number;
}

export type RoleDecision =
  | { ok: true; role: number; generationId: bigint; demoted: RoleHolder[] }
  | { ok: false; error: OfpErrorCode; reason: string };

export function roleName(role: number): string {
  switch (role) {
    case OFPCR_ROLE.NOCHANGE: return 'NOCHANGE';
    case OFPCR_ROLE.EQUAL: return 'EQUAL';
    case OFPCR_ROLE.MASTER: return 'MASTER';
    case OFPCR_ROLE.SLAVE: return 'SLAVE';
    default: return `role ${role}`;
  }
}

export class RoleArbiter {
  /** The newest generation_id seen in a MASTER/SLAVE request; undefined until the first one. */
  private generationId: bigint | undefined;

  get currentGenerationId(): bigint | undefined {
    return this.generationId;
  }

  /**
   * Applies a ROLE_REQUEST from `who`; `all` is every live connection (who included). On
   * success `who.role` and the other holders' roles are already updated.
   */
  request(who: RoleHolder, all: Iterable<RoleHolder>, role: number, generationId: bigint): RoleDecision {
    if (role !== OFPCR_ROLE.NOCHANGE && role !== OFPCR_ROLE.EQUAL && role !== OFPCR_ROLE.MASTER && role !== OFPCR_ROLE.SLAVE) {
      return { ok: false, error: { type: OFPET.ROLE_REQUEST_FAILED, code: OFPRRFC.BAD_ROLE }, reason: `unknown role ${role}` };
    }
    if (role === OFPCR_ROLE.MASTER || role === OFPCR_ROLE.SLAVE) {
      if (this.generationId !== undefined && BigInt.asIntN(64, generationId - this.generationId) < 0n) {
        return {
          ok: false,
          error: { type: OFPET.ROLE_REQUEST_FAILED, code: OFPRRFC.STALE },
          reason: `generation_id ${generationId} is older than ${this.generationId}`,
        };
      }
      this.generationId = generationId;
    }
    const demoted: RoleHolder[] = [];
    if (role === OFPCR_ROLE.MASTER) {
      for (const other of all) {
        if (other !== who && other.role === OFPCR_ROLE.MASTER) {
          other.role = OFPCR_ROLE.SLAVE;
          demoted.push(other);
        }
      }
    }
    if (role !== OFPCR_ROLE.NOCHANGE) who.role = role;
    // The reply carries the switch's current generation_id once one is known (§7.3.9).
    return { ok: true, role: who.role, generationId: this.generationId ?? generationId, demoted };
  }
}
