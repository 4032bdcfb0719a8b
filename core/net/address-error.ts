/**
 * The one error the address parsers throw: it quotes the rejected text and says what kind of value
 * was expected and why the text is not one, so a config error can be reported as
 * `plugins.l3.routes[2].prefix: not an IPv4 prefix: "10.0.0.300/24" (octet 4 is out of range)`.
 */
export class AddressParseError extends Error {
  override readonly name = 'AddressParseError';

  constructor(
    /** What the text should have been, e.g. "IPv6 address", "MAC address". */
    readonly expected: string,
    readonly text: string,
    readonly reason: string,
  ) {
    super(`not an ${expected}: ${JSON.stringify(text)} (${reason})`);
  }
}
