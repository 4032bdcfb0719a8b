/**
 * OpenFlow version negotiation on HELLO (OF1.3.5 §6.3.1). The switch speaks only 1.3 (wire 4),
 * so negotiation reduces to "does the peer accept 4?".
 */
import { OFP_VERSION } from '../../core/openflow/constants.js';
import { helloVersions, type Hello } from '../../core/openflow/index.js';

export type HelloVerdict = { ok: true } | { ok: false; reason: string };

export function negotiateVersion(peer: Hello): HelloVerdict {
  const bitmap = peer.elements.find((e) => e.type === 'VERSIONBITMAP');
  if (bitmap !== undefined && bitmap.type === 'VERSIONBITMAP') {
    // With bitmaps on both sides the result is the highest common bit (§6.3.1), here only 4.
    const theirs = helloVersions(bitmap);
    if (theirs.includes(OFP_VERSION)) return { ok: true };
    return { ok: false, reason: `we support OpenFlow 1.3 (0x04) only, peer supports ${formatVersions(theirs)}` };
  }
  // Without a bitmap the negotiated version is the smaller of the two header versions.
  const version = peer.version ?? OFP_VERSION;
  if (version >= OFP_VERSION) return { ok: true };
  return { ok: false, reason: `we support OpenFlow 1.3 (0x04) only, peer's highest is 0x${version.toString(16).padStart(2, '0')}` };
}

function formatVersions(versions: readonly number[]): string {
  if (versions.length === 0) return 'no version';
  return versions.map((v) => `0x${v.toString(16).padStart(2, '0')}`).join(', ');
}
