// Original file: sluice/v1/datapaths.proto


/**
 * A switch port (ofp_port, OpenFlow 1.3 section 7.2.1).
 */
export interface Port {
  /**
   * ofp_port.port_no.
   */
  'port_no'?: (number);
  /**
   * ofp_port.name (interface name).
   */
  'name'?: (string);
  /**
   * ofp_port.hw_addr as "aa:bb:cc:dd:ee:ff".
   */
  'hw_addr'?: (string);
  /**
   * ofp_port.config (OFPPC_* bits).
   */
  'config'?: (number);
  /**
   * ofp_port.state (OFPPS_* bits).
   */
  'state'?: (number);
  /**
   * ofp_port.curr (OFPPF_* bits).
   */
  'curr'?: (number);
  /**
   * ofp_port.advertised (OFPPF_* bits).
   */
  'advertised'?: (number);
  /**
   * ofp_port.supported (OFPPF_* bits).
   */
  'supported'?: (number);
  /**
   * ofp_port.peer (OFPPF_* bits).
   */
  'peer'?: (number);
  /**
   * ofp_port.curr_speed in kbps.
   */
  'curr_speed'?: (number);
  /**
   * ofp_port.max_speed in kbps.
   */
  'max_speed'?: (number);
  /**
   * Derived: neither OFPPS_LINK_DOWN in state nor OFPPC_PORT_DOWN in config.
   */
  'link_up'?: (boolean);
}

/**
 * A switch port (ofp_port, OpenFlow 1.3 section 7.2.1).
 */
export interface Port__Output {
  /**
   * ofp_port.port_no.
   */
  'port_no': (number);
  /**
   * ofp_port.name (interface name).
   */
  'name': (string);
  /**
   * ofp_port.hw_addr as "aa:bb:cc:dd:ee:ff".
   */
  'hw_addr': (string);
  /**
   * ofp_port.config (OFPPC_* bits).
   */
  'config': (number);
  /**
   * ofp_port.state (OFPPS_* bits).
   */
  'state': (number);
  /**
   * ofp_port.curr (OFPPF_* bits).
   */
  'curr': (number);
  /**
   * ofp_port.advertised (OFPPF_* bits).
   */
  'advertised': (number);
  /**
   * ofp_port.supported (OFPPF_* bits).
   */
  'supported': (number);
  /**
   * ofp_port.peer (OFPPF_* bits).
   */
  'peer': (number);
  /**
   * ofp_port.curr_speed in kbps.
   */
  'curr_speed': (number);
  /**
   * ofp_port.max_speed in kbps.
   */
  'max_speed': (number);
  /**
   * Derived: neither OFPPS_LINK_DOWN in state nor OFPPC_PORT_DOWN in config.
   */
  'link_up': (boolean);
}
