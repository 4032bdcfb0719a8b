import { Metadata, status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import {
  FailedPreconditionError,
  FieldViolationError,
  NotFoundError,
  UnavailableError,
} from '../../controller/northbound/backend-errors.js';
import { bearerTokenCheck } from '../../controller/northbound/bearer-auth.js';
import { RequestChecks } from '../../controller/northbound/request-checks.js';
import { kindMatches } from '../../controller/northbound/services/events-service.js';
import { badRequestMetadata, fieldViolationsOf, STATUS_DETAILS_KEY } from '../../controller/northbound/status-details.js';
import { toStatusError } from '../../controller/northbound/status-errors.js';

describe('RequestChecks', () => {
  it('collects every violation and throws them together', () => {
    const c = new RequestChecks();
    expect(c.dpid('src', null, true)).toBeUndefined();
    expect(c.dpid('dst', { value: '0', text: 'zz' }, true)).toBeUndefined();
    expect(c.dpid('opt', null, false)).toBeUndefined();
    expect(c.dpid('ok', { value: '5', text: '0x5' }, true)).toBe(5n);
    c.range('priority', 70000, 0, 0xffff);
    c.mac('mac', 'aa:bb:cc:dd:ee');
    expect(c.mac('mac2', 'AA:BB:CC:DD:EE:FF')).toBe('aa:bb:cc:dd:ee:ff');
    c.ip('ip', '10.0.0.256');
    c.ip('ip6', 'fd00::1');
    c.name('name', '  ');
    expect(() => c.done()).toThrow(FieldViolationError);
    try {
      c.done();
    } catch (err) {
      expect((err as FieldViolationError).violations.map((v) => v.field)).toEqual([
        'src', 'dst.text', 'priority', 'mac', 'ip', 'name',
      ]);
    }
  });

  it('does nothing when all fields are fine', () => {
    const c = new RequestChecks();
    c.range('k', 3, 1, 64);
    expect(c.uint64('cookie', '18446744073709551615')).toBe((1n << 64n) - 1n);
    expect(() => c.done()).not.toThrow();
  });
});

describe('status mapping', () => {
  it('maps each typed error to its gRPC code', () => {
    expect(toStatusError(new NotFoundError('plugin', 'bgp'))).toMatchObject({ code: status.NOT_FOUND, details: 'plugin bgp not found' });
    expect(toStatusError(new UnavailableError('gone')).code).toBe(status.UNAVAILABLE);
    expect(toStatusError(new FailedPreconditionError('required')).code).toBe(status.FAILED_PRECONDITION);
    expect(toStatusError(new Error('boom'))).toMatchObject({ code: status.INTERNAL, details: 'internal error: boom' });
    expect(toStatusError('a string').code).toBe(status.INTERNAL);
  });

  it('puts a google.rpc.Status with BadRequest in the trailer and reads it back', () => {
    const err = toStatusError(new FieldViolationError([
      { field: 'match[0].value', description: 'not a MAC' },
      { field: 'k', description: 'too big' },
    ]));
    expect(err.code).toBe(status.INVALID_ARGUMENT);
    expect(err.details).toBe('invalid request: match[0].value: not a MAC; k: too big');
    expect(fieldViolationsOf(err.metadata)).toEqual([
      { field: 'match[0].value', description: 'not a MAC' },
      { field: 'k', description: 'too big' },
    ]);
  });

  it('encodes google.rpc.Status on the wire as the spec lays it out', () => {
    const md = badRequestMetadata(3, 'bad', [{ field: 'f', description: 'd' }]);
    const raw = md.get(STATUS_DETAILS_KEY)[0] as Buffer;
    // field 1 (code) varint 3, field 2 (message) "bad", field 3 (details) an Any.
    expect(raw.subarray(0, 7)).toEqual(Buffer.from([0x08, 0x03, 0x12, 0x03, 0x62, 0x61, 0x64]));
    expect(raw[7]).toBe(0x1a);
    expect(raw.toString('latin1')).toContain('type.googleapis.com/google.rpc.BadRequest');
  });

  it('reads nothing, without throwing, from absent or garbage details', () => {
    expect(fieldViolationsOf(undefined)).toEqual([]);
    expect(fieldViolationsOf(new Metadata())).toEqual([]);
    const md = new Metadata();
    md.set(STATUS_DETAILS_KEY, Buffer.from([0xff, 0xff, 0xff, 0x01]));
    expect(fieldViolationsOf(md)).toEqual([]);
  });
});

describe('bearer token check', () => {
  const check = bearerTokenCheck('abc123');
  const md = (value?: string) => {
    const m = new Metadata();
    if (value !== undefined) m.set('authorization', value);
    return m;
  };

  it('accepts the token in either case of "Bearer"', () => {
    expect(check(md('Bearer abc123'))).toBeUndefined();
    expect(check(md('bearer abc123'))).toBeUndefined();
  });

  it('rejects missing, malformed and wrong credentials with a reason', () => {
    expect(check(md())).toMatch(/missing/);
    expect(check(md('Basic abc123'))).toMatch(/not "Bearer <token>"/);
    expect(check(md('Bearer abc1234'))).toBe('invalid bearer token');
    expect(check(md('Bearer abc12'))).toBe('invalid bearer token');
  });

  it('refuses to be configured with an empty token', () => {
    expect(() => bearerTokenCheck('')).toThrow(/must not be empty/);
  });
});

describe('event kind filter', () => {
  it('matches a kind and its descendants only', () => {
    expect(kindMatches([], 'anything')).toBe(true);
    expect(kindMatches(['alert'], 'alert')).toBe(true);
    expect(kindMatches(['alert'], 'alert.ids')).toBe(true);
    expect(kindMatches(['alert'], 'alerting')).toBe(false);
    expect(kindMatches(['alert.ids'], 'alert')).toBe(false);
    expect(kindMatches(['plugin', 'alert.fw'], 'alert.fw.denied')).toBe(true);
  });
});
