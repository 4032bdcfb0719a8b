// Original file: sluice/v1/common.proto

import type { PortRef as _sluice_v1_PortRef, PortRef__Output as _sluice_v1_PortRef__Output } from '../../sluice/v1/PortRef.js';

/**
 * A directed link between two switch ports, as found by LLDP. A cable usually appears as two
 * links, one per direction.
 */
export interface LinkRef {
  /**
   * The port the link leaves from.
   */
  'src'?: (_sluice_v1_PortRef | null);
  /**
   * The port the link arrives at.
   */
  'dst'?: (_sluice_v1_PortRef | null);
}

/**
 * A directed link between two switch ports, as found by LLDP. A cable usually appears as two
 * links, one per direction.
 */
export interface LinkRef__Output {
  /**
   * The port the link leaves from.
   */
  'src': (_sluice_v1_PortRef__Output | null);
  /**
   * The port the link arrives at.
   */
  'dst': (_sluice_v1_PortRef__Output | null);
}
