/**
 * Symmetric messages (OF1.3.5 §7.5): HELLO, ERROR, ECHO_REQUEST/REPLY and EXPERIMENTER. Either
 * side may send them, and they are what a connection exchanges before it knows anything else.
 */
import { OFPET } from '../error-codes.js';
import { decodeHelloElements, encodeHelloElements, type HelloElement } from '../hello-elements.js';
import type { OfpReader } from '../ofp-reader.js';
import type { OfpWriter } from '../ofp-writer.js';

export interface Hello {
  type: 'HELLO';
  xid: number;
  /**
   * ofp_header.version of the HELLO: the highest version the sender speaks (§6.3.1). It is the
   * one header version the decoder does not insist on, since negotiation needs to read it.
   * Encoded as OFP_VERSION when absent.
   */
  version?: number;
  elements: readonly HelloElement[];
}

/** ofp_error_msg: a standard error (type < OFPET_EXPERIMENTER). */
export interface ErrorMsg {
  type: 'ERROR';
  xid: number;
  /**
   * ofp_header.version, present only when it is not OF1.3: a peer answers a message of another
   * version in that version (Open vSwitch does, e.g. OFPBRC_BAD_VERSION for an OF1.0 message),
   * and ERROR's layout is the same in every version. errorType/code then use that version's
   * numbering.
   */
  version?: number;
  /** ofp_error_msg.type (OFPET_*). */
  errorType: number;
  code: number;
  /** Usually the start of the offending message (at least 64 bytes of it, or all if shorter). */
  data: Buffer;
}

/** ofp_error_experimenter_msg: ofp_error_msg.type is OFPET_EXPERIMENTER (0xffff). */
export interface ExperimenterErrorMsg {
  type: 'ERROR';
  xid: number;
  /** As ErrorMsg.version. */
  version?: number;
  errorType: typeof OFPET.EXPERIMENTER;
  expType: number;
  experimenter: number;
  data: Buffer;
}

export interface EchoRequest {
  type: 'ECHO_REQUEST';
  xid: number;
  data: Buffer;
}

export interface EchoReply {
  type: 'ECHO_REPLY';
  xid: number;
  data: Buffer;
}

/** ofp_experimenter_header: an opaque vendor message. */
export interface Experimenter {
  type: 'EXPERIMENTER';
  xid: number;
  experimenter: number;
  expType: number;
  data: Buffer;
}

export function decodeHello(r: OfpReader, xid: number): Hello {
  return { type: 'HELLO', xid, elements: decodeHelloElements(r, r.remaining) };
}

export function encodeHello(w: OfpWriter, m: Hello): void {
  encodeHelloElements(w, m.elements);
}

export function decodeError(r: OfpReader, xid: number): ErrorMsg | ExperimenterErrorMsg {
  const errorType = r.u16('ofp_error_msg.type');
  if (errorType === OFPET.EXPERIMENTER) {
    const expType = r.u16('ofp_error_experimenter_msg.exp_type');
    const experimenter = r.u32('ofp_error_experimenter_msg.experimenter');
    return { type: 'ERROR', xid, errorType, expType, experimenter, data: r.bytes(r.remaining, 'data') };
  }
  const code = r.u16('ofp_error_msg.code');
  return { type: 'ERROR', xid, errorType, code, data: r.bytes(r.remaining, 'ofp_error_msg.data') };
}

export function encodeError(w: OfpWriter, m: ErrorMsg | ExperimenterErrorMsg): void {
  w.u16(m.errorType);
  if ('experimenter' in m) {
    w.u16(m.expType);
    w.u32(m.experimenter);
  } else {
    w.u16(m.code);
  }
  w.bytes(m.data);
}

export function decodeEchoRequest(r: OfpReader, xid: number): EchoRequest {
  return { type: 'ECHO_REQUEST', xid, data: r.bytes(r.remaining, 'data') };
}

export function decodeEchoReply(r: OfpReader, xid: number): EchoReply {
  return { type: 'ECHO_REPLY', xid, data: r.bytes(r.remaining, 'data') };
}

export function encodeEcho(w: OfpWriter, m: EchoRequest | EchoReply): void {
  w.bytes(m.data);
}

export function decodeExperimenter(r: OfpReader, xid: number): Experimenter {
  const experimenter = r.u32('ofp_experimenter_header.experimenter');
  const expType = r.u32('ofp_experimenter_header.exp_type');
  return { type: 'EXPERIMENTER', xid, experimenter, expType, data: r.bytes(r.remaining, 'data') };
}

export function encodeExperimenter(w: OfpWriter, m: Experimenter): void {
  w.u32(m.experimenter);
  w.u32(m.expType);
  w.bytes(m.data);
}
