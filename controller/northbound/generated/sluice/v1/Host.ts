// Original file: sluice/v1/topology.proto

import type { PortRef as _sluice_v1_PortRef, PortRef__Output as _sluice_v1_PortRef__Output } from '../../sluice/v1/PortRef.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

/**
 * An end host learned from packets arriving at an edge port.
 */
export interface Host {
  /**
   * The host's MAC address.
   */
  'mac'?: (string);
  /**
   * IPv4/IPv6 addresses seen for this MAC (ARP, NDP, IP sources), in the order learned.
   */
  'ips'?: (string)[];
  /**
   * 802.1Q VLAN id the host was seen on, 0 if untagged.
   */
  'vlan_vid'?: (number);
  /**
   * The switch port the host is attached to.
   */
  'location'?: (_sluice_v1_PortRef | null);
  /**
   * When a packet from the host was last seen.
   */
  'last_seen'?: (_google_protobuf_Timestamp | null);
}

/**
 * An end host learned from packets arriving at an edge port.
 */
export interface Host__Output {
  /**
   * The host's MAC address.
   */
  'mac': (string);
  /**
   * IPv4/IPv6 addresses seen for this MAC (ARP, NDP, IP sources), in the order learned.
   */
  'ips': (string)[];
  /**
   * 802.1Q VLAN id the host was seen on, 0 if untagged.
   */
  'vlan_vid': (number);
  /**
   * The switch port the host is attached to.
   */
  'location': (_sluice_v1_PortRef__Output | null);
  /**
   * When a packet from the host was last seen.
   */
  'last_seen': (_google_protobuf_Timestamp__Output | null);
}
