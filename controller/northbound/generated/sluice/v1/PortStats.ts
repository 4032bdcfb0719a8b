// Original file: sluice/v1/datapaths.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Counters of one port (ofp_port_stats, OpenFlow 1.3 section 7.3.5.6).
 */
export interface PortStats {
  /**
   * ofp_port_stats.port_no.
   */
  'port_no'?: (number);
  /**
   * Packets received.
   */
  'rx_packets'?: (number | string | Long);
  /**
   * Packets transmitted.
   */
  'tx_packets'?: (number | string | Long);
  /**
   * Bytes received.
   */
  'rx_bytes'?: (number | string | Long);
  /**
   * Bytes transmitted.
   */
  'tx_bytes'?: (number | string | Long);
  /**
   * Packets dropped by RX.
   */
  'rx_dropped'?: (number | string | Long);
  /**
   * Packets dropped by TX.
   */
  'tx_dropped'?: (number | string | Long);
  /**
   * Receive errors (superset of the rx_*_err counters).
   */
  'rx_errors'?: (number | string | Long);
  /**
   * Transmit errors.
   */
  'tx_errors'?: (number | string | Long);
  /**
   * Frame alignment errors.
   */
  'rx_frame_err'?: (number | string | Long);
  /**
   * Packets with RX overrun.
   */
  'rx_over_err'?: (number | string | Long);
  /**
   * CRC errors.
   */
  'rx_crc_err'?: (number | string | Long);
  /**
   * Collisions.
   */
  'collisions'?: (number | string | Long);
  /**
   * Time the port has been alive, seconds part.
   */
  'duration_sec'?: (number);
  /**
   * Time the port has been alive beyond duration_sec, in nanoseconds.
   */
  'duration_nsec'?: (number);
}

/**
 * Counters of one port (ofp_port_stats, OpenFlow 1.3 section 7.3.5.6).
 */
export interface PortStats__Output {
  /**
   * ofp_port_stats.port_no.
   */
  'port_no': (number);
  /**
   * Packets received.
   */
  'rx_packets': (string);
  /**
   * Packets transmitted.
   */
  'tx_packets': (string);
  /**
   * Bytes received.
   */
  'rx_bytes': (string);
  /**
   * Bytes transmitted.
   */
  'tx_bytes': (string);
  /**
   * Packets dropped by RX.
   */
  'rx_dropped': (string);
  /**
   * Packets dropped by TX.
   */
  'tx_dropped': (string);
  /**
   * Receive errors (superset of the rx_*_err counters).
   */
  'rx_errors': (string);
  /**
   * Transmit errors.
   */
  'tx_errors': (string);
  /**
   * Frame alignment errors.
   */
  'rx_frame_err': (string);
  /**
   * Packets with RX overrun.
   */
  'rx_over_err': (string);
  /**
   * CRC errors.
   */
  'rx_crc_err': (string);
  /**
   * Collisions.
   */
  'collisions': (string);
  /**
   * Time the port has been alive, seconds part.
   */
  'duration_sec': (number);
  /**
   * Time the port has been alive beyond duration_sec, in nanoseconds.
   */
  'duration_nsec': (number);
}
