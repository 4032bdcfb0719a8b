/**
 * Buckets, meter bands, hello elements, ofp_port, packet queues and table features: layouts,
 * round trips, opaque fallbacks and errors. (Their corpus occurrences are checked in
 * openflow-structures-corpus.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import {
  OFPBRC, OFPET, OFPGMFC, OFPMMFC, OFPP, OFPPF, OFPTFFC, OfpDecodeError, OfpEncodeError, OfpReader, OfpWriter,
  decodeBuckets, decodeHelloElements, decodeMeterBands, decodePacketQueue, decodePortDesc, decodeTableFeatures,
  encodeBuckets, encodeHelloElements, encodeMeterBands, encodePacketQueue, encodePortDesc, encodeTableFeatures,
  helloVersions, oxmId, versionBitmapElement,
  type Bucket, type HelloElement, type MeterBand, type PacketQueue, type PortDesc, type TableFeatures,
} from '../../core/openflow/index.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function bytes(encode: (w: OfpWriter) => void): Buffer {
  const w = new OfpWriter(8);
  encode(w);
  return w.toBuffer();
}

function reader(buf: Buffer): OfpReader {
  return new OfpReader(buf, 0, buf.length, 'TEST');
}

function errorOf(f: () => unknown): OfpDecodeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(OfpDecodeError);
    return e as OfpDecodeError;
  }
  throw new Error('expected a decode error');
}

describe('ofp_bucket', () => {
  const buckets: Bucket[] = [
    { weight: 1, watchPort: OFPP.ANY, watchGroup: 0xffffffff, actions: [{ type: 'OUTPUT', port: 2, maxLen: 0 }] },
    { weight: 0, watchPort: 3, watchGroup: 4, actions: [] },
  ];

  it('writes len, weight, watch_port, watch_group, pad, actions and reads them back', () => {
    const wire = bytes((w) => encodeBuckets(w, buckets));
    expect(wire.toString('hex')).toBe(
      '0020 0001 ffffffff ffffffff 00000000 0000 0010 00000002 0000 000000000000'.replace(/ /g, '')
      + '0010 0000 00000003 00000004 00000000'.replace(/ /g, ''),
    );
    expect(decodeBuckets(reader(wire), wire.length)).toEqual(buckets);
  });

  it('OFPGMFC_BAD_BUCKET for a bucket length under 16 or past the list', () => {
    const bad = { type: OFPET.GROUP_MOD_FAILED, code: OFPGMFC.BAD_BUCKET };
    expect(errorOf(() => decodeBuckets(reader(hex('0008 0000 00000000 00000000 00000000')), 16)).ofpError).toEqual(bad);
    expect(errorOf(() => decodeBuckets(reader(hex('0018 0000 00000000 00000000 00000000')), 16)).ofpError).toEqual(bad);
    expect(errorOf(() => decodeBuckets(reader(hex('0010 0000 00000000')), 8)).ofpError).toEqual(bad);
  });
});

describe('meter bands', () => {
  const bands: MeterBand[] = [
    { type: 'DROP', rate: 1000, burstSize: 10 },
    { type: 'DSCP_REMARK', rate: 2000, burstSize: 20, precLevel: 2 },
    { type: 'EXPERIMENTER', rate: 3, burstSize: 4, experimenter: 999, data: hex('0102030405060708') },
  ];

  it('round-trips every band type with its spec layout', () => {
    const wire = bytes((w) => encodeMeterBands(w, bands));
    expect(wire.toString('hex')).toBe(
      ['0001 0010 000003e8 0000000a 00000000', '0002 0010 000007d0 00000014 02000000',
        'ffff 0018 00000003 00000004 000003e7 0102030405060708'].join('').replace(/ /g, ''),
    );
    expect(decodeMeterBands(reader(wire), wire.length)).toEqual(bands);
  });

  it('OFPMMFC_BAD_BAND for an unknown type, OFPBRC_BAD_LEN for a bad length', () => {
    expect(errorOf(() => decodeMeterBands(reader(hex('0003 0010 00000001 00000001 00000000')), 16)).ofpError)
      .toEqual({ type: OFPET.METER_MOD_FAILED, code: OFPMMFC.BAD_BAND });
    expect(errorOf(() => decodeMeterBands(reader(hex('0001 0018 00000001 00000001 00000000')), 16)).ofpError)
      .toEqual({ type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN });
    expect(errorOf(() => decodeMeterBands(reader(hex('0001 0010 00000001')), 8)).ofpError)
      .toEqual({ type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN });
  });
});

describe('hello elements', () => {
  it('converts between version lists and bitmap words', () => {
    const el = versionBitmapElement([1, 4, 33]);
    expect(el).toEqual({ type: 'VERSIONBITMAP', bitmaps: [0x12, 0x2] });
    expect(helloVersions(el)).toEqual([1, 4, 33]);
    expect(helloVersions({ type: 'VERSIONBITMAP', bitmaps: [0x80000000] })).toEqual([31]);
  });

  it('pads each element to 8, keeps unknown elements opaque, accepts a missing final pad', () => {
    const els: HelloElement[] = [versionBitmapElement([4]), { type: 'UNKNOWN', elementType: 7, data: hex('aabbccdd') }];
    const wire = bytes((w) => encodeHelloElements(w, els));
    expect(wire.toString('hex')).toBe('0001000800000010' + '00070008aabbccdd');
    expect(decodeHelloElements(reader(wire), wire.length)).toEqual(els);
    const noPad = hex('0001 000c 00000010 00000000');
    expect(decodeHelloElements(reader(noPad), 12)).toEqual([{ type: 'VERSIONBITMAP', bitmaps: [0x10, 0] }]);
  });

  it('OFPBRC_BAD_LEN for an element running past the message', () => {
    expect(errorOf(() => decodeHelloElements(reader(hex('0001 0010 00000010')), 8)).ofpError)
      .toEqual({ type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN });
  });
});

describe('ofp_port', () => {
  const port: PortDesc = {
    portNo: 1, hwAddr: '02:00:00:00:00:01', name: 'veth-ü1', config: 0, state: 4,
    curr: OFPPF['10GB_FD'] | OFPPF.COPPER, advertised: 0, supported: 0, peer: 0, currSpeed: 10_000_000, maxSpeed: 10_000_000,
  };

  it('is 64 bytes in spec order with a UTF-8 NUL-padded name', () => {
    const wire = bytes((w) => encodePortDesc(w, port));
    expect(wire.length).toBe(64);
    expect(wire.subarray(0, 16).toString('hex')).toBe('0000000100000000020000000001' + '0000');
    expect(wire.subarray(16, 32)).toEqual(Buffer.concat([Buffer.from('veth-ü1'), Buffer.alloc(8)]));
    expect(wire.readUInt32BE(40)).toBe(0x840);
    expect(decodePortDesc(reader(wire))).toEqual(port);
  });

  it('re-encodes any name a peer sends (full 16 bytes, invalid UTF-8) and refuses longer ones', () => {
    for (const raw of [Buffer.from('x'.repeat(16)), Buffer.from([0x65, 0xff, 0xc3, 0x74, 0x68, 0x30])]) {
      const wire = bytes((w) => encodePortDesc(w, port));
      raw.copy(wire, 16);
      expect(bytes((w) => encodePortDesc(w, decodePortDesc(reader(wire))))).toEqual(wire);
    }
    expect(() => bytes((w) => encodePortDesc(w, { ...port, name: 'x'.repeat(17) }))).toThrow(OfpEncodeError);
    expect(errorOf(() => decodePortDesc(reader(Buffer.alloc(63)))).truncated).toBe(true);
  });

  it('exports the reserved port numbers', () => {
    expect([OFPP.MAX, OFPP.IN_PORT, OFPP.TABLE, OFPP.NORMAL, OFPP.FLOOD, OFPP.ALL, OFPP.CONTROLLER, OFPP.LOCAL, OFPP.ANY])
      .toEqual([0xffffff00, 0xfffffff8, 0xfffffff9, 0xfffffffa, 0xfffffffb, 0xfffffffc, 0xfffffffd, 0xfffffffe, 0xffffffff]);
  });
});

describe('ofp_packet_queue', () => {
  const q: PacketQueue = {
    queueId: 1, port: 2,
    properties: [
      { type: 'MIN_RATE', rate: 100 }, { type: 'MAX_RATE', rate: 0xffff },
      { type: 'EXPERIMENTER', experimenter: 5, data: hex('01') }, { type: 'UNKNOWN', property: 9, data: hex('0a0b') },
    ],
  };

  it('round-trips every property, lengths recomputed, nothing padded', () => {
    const wire = bytes((w) => encodePacketQueue(w, q));
    expect(wire.length).toBe(16 + 16 + 16 + 17 + 10);
    expect(wire.readUInt16BE(8)).toBe(wire.length);
    expect(decodePacketQueue(reader(wire))).toEqual(q);
  });

  it('OFPBRC_BAD_LEN for a rate property of the wrong size or a queue past the message', () => {
    const bad = { type: OFPET.BAD_REQUEST, code: OFPBRC.BAD_LEN };
    expect(errorOf(() => decodePacketQueue(reader(hex('00000001 00000002 0018 000000000000 0001 0008 00000000')))).ofpError).toEqual(bad);
    expect(errorOf(() => decodePacketQueue(reader(hex('00000001 00000002 0040 000000000000')))).ofpError).toEqual(bad);
  });
});

describe('ofp_table_features', () => {
  const tf: TableFeatures = {
    tableId: 3, name: 'acl', metadataMatch: 0xffffffffffffffffn, metadataWrite: 0n, config: 0, maxEntries: 1000,
    properties: [
      { type: 'INSTRUCTIONS', instructionIds: [{ type: 1 }, { type: 4 }, { type: 0xffff, data: hex('00002320') }] },
      { type: 'NEXT_TABLES_MISS', tableIds: [4, 5, 6] },
      { type: 'APPLY_ACTIONS', actionIds: [{ type: 0 }, { type: 25 }] },
      { type: 'MATCH', oxmIds: [oxmId('in_port'), oxmId('eth_dst', true), oxmId('reg0'), oxmId('tcp_flags')] },
      { type: 'EXPERIMENTER_MISS', experimenter: 1, expType: 2, data: hex('0000000300000004') },
      { type: 'UNKNOWN', propType: 20, data: hex('abcd') },
    ],
  };

  it('round-trips every property kind, each padded to 8 after its length', () => {
    const wire = bytes((w) => encodeTableFeatures(w, tf));
    expect(wire.length % 8).toBe(0);
    expect(wire.readUInt16BE(0)).toBe(wire.length);
    // First property: type 0, length 4 + 4 + 4 + 8 = 20, padded to 24.
    expect(wire.subarray(64, 88)).toEqual(hex('0000 0014 0001 0004 0004 0004 ffff 0008 00002320 00000000'));
    const back = decodeTableFeatures(reader(wire));
    expect(back).toEqual(tf);
    expect(oxmId('tcp_flags')).toEqual({ oxmClass: 0xffff, oxmField: 42, hasMask: false, length: 6, experimenter: 0x4f4e4600, name: 'tcp_flags' });
    expect(oxmId('eth_dst', true)).toMatchObject({ oxmClass: 0x8000, oxmField: 3, hasMask: true, length: 12 });
  });

  it('OFPTFFC_BAD_LEN for an entry or property length that does not fit', () => {
    const bad = { type: OFPET.TABLE_FEATURES_FAILED, code: OFPTFFC.BAD_LEN };
    const wire = bytes((w) => encodeTableFeatures(w, tf));
    const shortEntry = Buffer.from(wire);
    shortEntry.writeUInt16BE(60, 0);
    expect(errorOf(() => decodeTableFeatures(reader(shortEntry))).ofpError).toEqual(bad);
    const longProp = Buffer.from(wire);
    longProp.writeUInt16BE(0x400, 66);
    expect(errorOf(() => decodeTableFeatures(reader(longProp))).ofpError).toEqual(bad);
  });

  it('never throws anything but OfpDecodeError on damaged input', () => {
    const good = bytes((w) => encodeTableFeatures(w, tf));
    let seed = 5;
    const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    for (let i = 0; i < 2000; i++) {
      const buf = Buffer.from(good.subarray(0, rnd(good.length + 1)));
      for (let k = rnd(4); k > 0; k--) if (buf.length > 0) buf[rnd(buf.length)] = rnd(256);
      try { decodeTableFeatures(reader(buf)); } catch (e) { expect(e).toBeInstanceOf(OfpDecodeError); }
    }
  });
});
