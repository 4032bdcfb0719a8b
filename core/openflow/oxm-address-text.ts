/**
 * Text forms of address-typed OXM values, converted straight from and into wire bytes. The codec
 * keeps MAC/IPv4/IPv6 match values as canonical strings (lowercase colon MAC, dotted quad, RFC 5952
 * IPv6) so decoded matches print, compare and serialise to JSON as they are.
 *
 * core/net owns these functions (MacAddress, Ipv4Address and Ipv6Address parse and print through
 * them too); this module keeps the names for code that imports them from the codec.
 */
export { macBytes, macText } from '../net/mac-address.js';
export { ipv4Bytes, ipv4Text } from '../net/ipv4-address.js';
export { ipv6Bytes, ipv6Text } from '../net/ipv6-address.js';
