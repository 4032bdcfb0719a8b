/**
 * OpenFlow version negotiation (OF1.3.5 §6.3.1), shared by the controller and the switch so both
 * ends of a sluice connection agree on the same rule.
 *
 * Each side sends a HELLO whose header version is the highest it speaks, optionally with a
 * version bitmap. When both sides sent a bitmap the result is the highest version in both;
 * otherwise it is the smaller of the two header versions, which the receiver must also support.
 * A failed negotiation is answered with OFPT_ERROR OFPET_HELLO_FAILED / OFPHFC_INCOMPATIBLE.
 */
import { OFP_VERSION } from './constants.js';
import { OFPET, OFPHFC } from './error-codes.js';
import { helloVersions, versionBitmapElement } from './hello-elements.js';
import type { ErrorMsg, Hello } from './messages/symmetric.js';

/** The HELLO we send: header version = our highest, plus a bitmap of everything we speak. */
export function helloFor(versions: readonly number[], xid = 0): Hello {
  if (versions.length === 0) throw new RangeError('helloFor: no versions');
  return { type: 'HELLO', xid, version: Math.max(...versions), elements: [versionBitmapElement(versions)] };
}

/**
 * The version to speak with a peer whose HELLO is `peer`, given the versions we speak (we always
 * send a bitmap, see helloFor). Undefined when there is none in common.
 */
export function negotiateVersion(ours: readonly number[], peer: Pick<Hello, 'version' | 'elements'>): number | undefined {
  const bitmap = peer.elements.find((e) => e.type === 'VERSIONBITMAP');
  if (bitmap !== undefined && bitmap.type === 'VERSIONBITMAP') {
    const common = helloVersions(bitmap).filter((v) => ours.includes(v));
    return common.length > 0 ? Math.max(...common) : undefined;
  }
  const v = Math.min(peer.version ?? OFP_VERSION, Math.max(...ours));
  return ours.includes(v) ? v : undefined;
}

/**
 * The OFPT_ERROR for a failed negotiation. Its data is ASCII text (§7.4.4); it goes out in our
 * highest version, which is what the peer's HELLO told it to expect from us.
 */
export function helloFailed(ours: readonly number[], peerVersion: number, xid = 0): ErrorMsg {
  const text = `sluice speaks OpenFlow wire versions ${ours.join(', ')}; the peer offered ${peerVersion}`;
  return { type: 'ERROR', xid, errorType: OFPET.HELLO_FAILED, code: OFPHFC.INCOMPATIBLE, data: Buffer.from(text, 'ascii') };
}
