/**
 * A canonical text key for an OXM match, so the flow service can compare what it intends with
 * what a switch reports in flow stats. Switches are free to return a match's TLVs in another
 * order and to drop a mask that covers every bit (OVS does both), so the key sorts fields and
 * treats an all-ones mask as no mask. Address text is lower-cased (MACs may be given in capitals).
 */
import type { Match, OxmTlv } from '../../core/openflow/match.js';
import { OXM_FIELDS, OXM_KIND_WIDTH, type OxmFieldName } from '../../core/openflow/oxm-fields.js';

function allOnes(field: OxmFieldName, mask: number | bigint | string): boolean {
  const spec = OXM_FIELDS[field];
  const bits = 'bits' in spec && typeof spec.bits === 'number' ? spec.bits : OXM_KIND_WIDTH[spec.kind] * 8;
  switch (spec.kind) {
    case 'mac': return String(mask).toLowerCase() === 'ff:ff:ff:ff:ff:ff';
    case 'ipv4': return mask === '255.255.255.255';
    case 'ipv6': return String(mask).toLowerCase() === 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff';
    default: return BigInt(mask) === (1n << BigInt(bits)) - 1n;
  }
}

function tlvKey(tlv: OxmTlv): string {
  if (tlv.field === 'opaque') {
    return `opaque:${tlv.oxmClass}:${tlv.oxmField}:${tlv.experimenter ?? ''}:${tlv.hasMask ? 'm' : ''}:${tlv.payload.toString('hex')}`;
  }
  const value = String(tlv.value).toLowerCase();
  if (tlv.mask === undefined || allOnes(tlv.field, tlv.mask)) return `${tlv.field}=${value}`;
  return `${tlv.field}=${value}/${String(tlv.mask).toLowerCase()}`;
}

export function matchKey(match: Match): string {
  return match.fields.map(tlvKey).sort().join(',');
}

/** True when every field of `filter` appears, with the same value and mask, in `match` (non-strict delete semantics). */
export function matchCovers(filter: Match, match: Match): boolean {
  const have = new Set(match.fields.map(tlvKey));
  return filter.fields.every((f) => have.has(tlvKey(f)));
}
