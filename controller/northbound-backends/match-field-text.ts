/**
 * OXM match fields to and from the northbound's text form (`{ field: "eth_dst", value:
 * "02:00:00:00:00:01", mask?: … }`): integers in decimal or 0x-hex, addresses in their usual
 * notation. Parsing checks what the codec would otherwise only find when encoding (width,
 * maskability) and names the offending element, so a client sees `match[1].value: …`.
 */
import type { Match, OxmTlv } from '../../core/openflow/match.js';
import { isOxmFieldName, oxmFieldSpec, OXM_KIND_WIDTH, type OxmFieldName, type OxmKind } from '../../core/openflow/oxm-fields.js';
import { Ipv4Address } from '../../core/net/ipv4-address.js';
import { Ipv6Address } from '../../core/net/ipv6-address.js';
import { MacAddress } from '../../core/net/mac-address.js';
import { FieldViolationError, type FieldViolation } from '../northbound/backend-errors.js';
import type { MatchFieldText } from '../northbound/backend.js';

export function matchFieldText(t: OxmTlv): MatchFieldText {
  if (t.field === 'opaque') {
    const id = t.experimenter === undefined ? `0x${t.oxmClass.toString(16)}:${t.oxmField}` : `0x${t.experimenter.toString(16)}:${t.oxmField}`;
    return { field: `oxm(${id})`, value: `0x${t.payload.toString('hex')}` };
  }
  const text = (v: number | bigint | string) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : String(v));
  return t.mask === undefined ? { field: t.field, value: text(t.value) } : { field: t.field, value: text(t.value), mask: text(t.mask) };
}

/** Parses every field; throws one FieldViolationError listing all problems. */
export function parseMatchFields(fields: readonly MatchFieldText[], path = 'match'): Match {
  const violations: FieldViolation[] = [];
  const out: OxmTlv[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const at = `${path}[${i}]`;
    if (!isOxmFieldName(f.field)) {
      violations.push({ field: `${at}.field`, description: `unknown OXM field ${JSON.stringify(f.field)}` });
      return;
    }
    if (seen.has(f.field)) {
      violations.push({ field: `${at}.field`, description: `${f.field} appears more than once` });
      return;
    }
    seen.add(f.field);
    const spec = oxmFieldSpec(f.field);
    const value = parseValue(spec.kind, f.value, spec.bits);
    if (typeof value === 'object') {
      violations.push({ field: `${at}.value`, description: value.error });
      return;
    }
    if (f.mask === undefined || f.mask === '') {
      out.push({ field: f.field, value } as OxmTlv);
      return;
    }
    if (!spec.maskable) {
      violations.push({ field: `${at}.mask`, description: `${f.field} cannot be masked` });
      return;
    }
    const mask = parseValue(spec.kind, f.mask, spec.bits);
    if (typeof mask === 'object') {
      violations.push({ field: `${at}.mask`, description: mask.error });
      return;
    }
    out.push({ field: f.field as OxmFieldName, value, mask } as OxmTlv);
  });
  if (violations.length > 0) throw new FieldViolationError(violations);
  return { fields: out };
}

function parseValue(kind: OxmKind, text: string, bits: number | undefined): number | bigint | string | { error: string } {
  const t = text.trim();
  try {
    switch (kind) {
      case 'mac': return MacAddress.parse(t).toString();
      case 'ipv4': return Ipv4Address.parse(t).toString();
      case 'ipv6': return Ipv6Address.parse(t).toString();
      default: break;
    }
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(t)) return { error: `expected a decimal or 0x-hex integer, got ${JSON.stringify(text)}` };
  const n = BigInt(t);
  const width = bits ?? OXM_KIND_WIDTH[kind] * 8;
  if (n >= 1n << BigInt(width)) return { error: `${t} does not fit in ${width} bits` };
  return kind === 'u64' || kind === 'u128' ? n : Number(n);
}
