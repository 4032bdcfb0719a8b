import { describe, expect, it } from 'vitest';
import { Ipv4Address, Ipv6Address } from '../../core/net/index.js';
import {
  DNS_CLASS, DNS_TYPE, PacketDecodeError, decodeDns, dnsFlags, encodeDns, type DnsMessage,
} from '../../core/packet/index.js';

/**
 * A response to "example.com A?" written out by hand with RFC 1035 §4.1.4 compression pointers:
 * the answers' owners point at the question name (offset 12, 0xc00c) and the A record's owner at
 * the CNAME target (offset 41, 0xc029). Ends with an EDNS OPT record (RFC 6891).
 */
const RESPONSE = Buffer.from([
  '1234', '8180', '0001', '0002', '0000', '0001',
  '076578616d706c6503636f6d00', '0001', '0001',          // example.com A IN   (offsets 12-28)
  'c00c', '0005', '0001', '0000012c', '0006', '03777777c00c', // example.com CNAME www.example.com (rdata at 41)
  'c029', '0001', '0001', '0000003c', '0004', '5db8d822', // www.example.com A 93.184.216.34
  '00', '0029', '1000', '00008000', '0000',                 // OPT: 4096 bytes, DO set
].join(''), 'hex');

function decodeError(fn: () => unknown): PacketDecodeError {
  try { fn(); } catch (e) { if (e instanceof PacketDecodeError) return e; throw e; }
  throw new Error('expected a PacketDecodeError');
}

describe('DNS', () => {
  it('decodes a response with compression pointers and EDNS', () => {
    const m = decodeDns(RESPONSE);
    expect(m.id).toBe(0x1234);
    expect(m.flags).toEqual(dnsFlags({ qr: true, rd: true, ra: true }));
    expect(m.questions).toEqual([{ name: 'example.com', type: DNS_TYPE.A, class: DNS_CLASS.IN }]);
    expect(m.answers).toEqual([
      { name: 'example.com', type: DNS_TYPE.CNAME, class: 1, ttl: 300, data: { kind: 'CNAME', name: 'www.example.com' } },
      { name: 'www.example.com', type: DNS_TYPE.A, class: 1, ttl: 60, data: { kind: 'A', address: Ipv4Address.parse('93.184.216.34') } },
    ]);
    expect(m.edns).toEqual({ udpPayloadSize: 4096, extendedRcode: 0, version: 0, dnssecOk: true, options: [] });
  });

  it('compresses on encode exactly as the hand-written message does', () => {
    expect(encodeDns(decodeDns(RESPONSE))).toEqual(RESPONSE);
  });

  it('round-trips every record type it knows and keeps others opaque', () => {
    const m: DnsMessage = {
      id: 7, flags: dnsFlags({ qr: true, aa: true, opcode: 0, rcode: 3, ad: true, cd: true }),
      questions: [{ name: 'mixed.example.org', type: DNS_TYPE.ANY, class: DNS_CLASS.IN }],
      answers: [
        { name: 'mixed.example.org', type: DNS_TYPE.AAAA, class: 1, ttl: 1, data: { kind: 'AAAA', address: Ipv6Address.parse('2001:db8::53') } },
        { name: 'mixed.example.org', type: DNS_TYPE.MX, class: 1, ttl: 2, data: { kind: 'MX', preference: 10, exchange: 'mail.example.org' } },
        { name: 'mixed.example.org', type: DNS_TYPE.TXT, class: 1, ttl: 3, data: { kind: 'TXT', strings: ['v=spf1 -all', '', '\u00ff\u0000'] } },
        { name: '_sip._udp.example.org', type: DNS_TYPE.SRV, class: 1, ttl: 4, data: { kind: 'SRV', priority: 1, weight: 2, port: 5060, target: 'sip.example.org' } },
        { name: '1.0.0.10.in-addr.arpa', type: DNS_TYPE.PTR, class: 1, ttl: 5, data: { kind: 'PTR', name: 'host.example.org' } },
        { name: 'odd\\.label\\032x.example.org', type: 99, class: 1, ttl: 6, data: { kind: 'raw', data: Uint8Array.of(1, 2, 3) } },
      ],
      authority: [
        { name: 'example.org', type: DNS_TYPE.SOA, class: 1, ttl: 7, data: { kind: 'SOA', mname: 'ns1.example.org', rname: 'hostmaster.example.org', serial: 2024010101, refresh: 7200, retry: 3600, expire: 1209600, minimum: 300 } },
        { name: 'example.org', type: DNS_TYPE.NS, class: 1, ttl: 8, data: { kind: 'NS', name: 'ns1.example.org' } },
      ],
      additional: [{ name: 'NS1.example.org', type: DNS_TYPE.A, class: 1, ttl: 9, data: { kind: 'A', address: Ipv4Address.parse('192.0.2.53') } }],
      edns: { udpPayloadSize: 1232, extendedRcode: 1, version: 0, dnssecOk: false, options: [{ code: 10, data: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8) }] },
    };
    const bytes = encodeDns(m);
    expect(decodeDns(bytes)).toEqual(m);
    // Compression happened: "example" is spelled out in the question and, uncompressed as RFC 2782
    // asks, in the SRV target; nowhere else. And it kept the case of NS1.
    expect(bytes.toString('latin1').split('example').length - 1).toBe(2);
    expect(bytes.toString('latin1')).toContain('NS1');
    expect(encodeDns(decodeDns(bytes))).toEqual(bytes);
  });

  it('rejects pointer loops, forward pointers and over-long names', () => {
    const loop = Buffer.from('000001000001000000000000' + 'c00c00010001', 'hex');
    expect(decodeError(() => decodeDns(loop))).toMatchObject({ layer: 'dns.question[0]', offset: 12, reason: 'compression pointer to 12 does not point backwards' });
    const forward = Buffer.from('000001000001000000000000' + 'c01200010001' + '0161' + '00', 'hex');
    expect(decodeError(() => decodeDns(forward)).reason).toMatch(/does not point backwards/);
    const long = Buffer.concat([Buffer.from('000001000001000000000000', 'hex'), Buffer.from(Array(5).fill('3f' + '61'.repeat(63)).join('') + '00', 'hex')]);
    expect(decodeError(() => decodeDns(long)).reason).toBe('name is longer than 255 bytes');
  });

  it('rejects bad RDATA lengths and a second OPT', () => {
    const badA = Buffer.from(RESPONSE);
    badA.writeUInt16BE(3, 57); // the A record's RDLENGTH
    expect(decodeError(() => decodeDns(badA))).toMatchObject({ layer: 'dns.answer[1].rdata', offset: 59, reason: 'RDATA length 3, expected 4' });
    const twoOpt = Buffer.concat([RESPONSE, Buffer.from('00' + '0029' + '1000' + '00008000' + '0000', 'hex')]);
    twoOpt.writeUInt16BE(2, 10);
    expect(decodeError(() => decodeDns(twoOpt)).reason).toBe('more than one OPT record');
  });

  it('reports truncation at every cut of the response', () => {
    for (let n = 0; n < RESPONSE.length; n++) {
      expect(decodeError(() => decodeDns(RESPONSE.subarray(0, n))).truncated).toBe(true);
    }
  });
});
