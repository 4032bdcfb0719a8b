// Original file: sluice/v1/events.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { Severity as _sluice_v1_Severity, Severity__Output as _sluice_v1_Severity__Output } from '../../sluice/v1/Severity.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One event.
 */
export interface Event {
  /**
   * Increasing sequence number assigned by the controller (gaps mean filtered or dropped events).
   */
  'seq'?: (number | string | Long);
  /**
   * When the event was raised.
   */
  'time'?: (_google_protobuf_Timestamp | null);
  /**
   * Dotted kind, most general first: "plugin.started", "plugin.failed", "datapath.connected",
   * "alert.ids", "alert.firewall.denied".
   */
  'kind'?: (string);
  /**
   * Who raised it: a plugin name or a controller subsystem ("kernel", "datapaths").
   */
  'source'?: (string);
  /**
   * How serious it is.
   */
  'severity'?: (_sluice_v1_Severity);
  /**
   * Human-readable one-line summary.
   */
  'message'?: (string);
  /**
   * Structured details as text (e.g. "dpid", "src_ip").
   */
  'attributes'?: ({[key: string]: string});
  /**
   * Optional structured payload as JSON.
   */
  'payload_json'?: (string);
}

/**
 * One event.
 */
export interface Event__Output {
  /**
   * Increasing sequence number assigned by the controller (gaps mean filtered or dropped events).
   */
  'seq': (string);
  /**
   * When the event was raised.
   */
  'time': (_google_protobuf_Timestamp__Output | null);
  /**
   * Dotted kind, most general first: "plugin.started", "plugin.failed", "datapath.connected",
   * "alert.ids", "alert.firewall.denied".
   */
  'kind': (string);
  /**
   * Who raised it: a plugin name or a controller subsystem ("kernel", "datapaths").
   */
  'source': (string);
  /**
   * How serious it is.
   */
  'severity': (_sluice_v1_Severity__Output);
  /**
   * Human-readable one-line summary.
   */
  'message': (string);
  /**
   * Structured details as text (e.g. "dpid", "src_ip").
   */
  'attributes': ({[key: string]: string});
  /**
   * Optional structured payload as JSON.
   */
  'payload_json': (string);
}
