import type { PortLink } from './port.js';

export function sameLink(a: PortLink, b: PortLink): boolean {
  if (a.adminUp !== b.adminUp || a.linkUp !== b.linkUp || a.mtu !== b.mtu || a.speedKbps !== b.speedKbps) {
    return false;
  }
  if (a.hwAddr.length !== b.hwAddr.length) return false;
  for (let i = 0; i < a.hwAddr.length; i++) if (a.hwAddr[i] !== b.hwAddr[i]) return false;
  return true;
}

/** The same link, administratively and operationally down (what a removed port last reports). */
export function downLink(link: PortLink): PortLink {
  return { ...link, adminUp: false, linkUp: false };
}

export function formatMac(mac: Uint8Array): string {
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join(':');
}
