import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from './app-error';
import { canonicalJson, readIdempotencyKey, requestFingerprint } from './idempotency';
import { thrownAppError } from '../../../test/support/app-error';

/** Rebuilds a JSON value with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .reverse()
        .map((key) => [key, reverseKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

describe('canonicalJson', () => {
  it('writes object keys in sorted order', () => {
    expect(canonicalJson({ title: 'Pump leak', priority: 'HIGH', equipmentId: 'e1' })).toBe(
      '{"equipmentId":"e1","priority":"HIGH","title":"Pump leak"}',
    );
  });

  it('the same object with keys in another order gives the same text', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it('keeps array order, since it is meaningful', () => {
    expect(canonicalJson([1, 2])).toBe('[1,2]');
    expect(canonicalJson([2, 1])).toBe('[2,1]');
    expect(canonicalJson(['a', 'b'])).not.toBe(canonicalJson(['b', 'a']));
  });

  it('sorts keys of nested objects, also inside arrays', () => {
    expect(canonicalJson({ z: { d: 1, c: [{ f: true, e: null }] }, a: 'x' })).toBe('{"a":"x","z":{"c":[{"e":null,"f":true}],"d":1}}');
  });

  it('writes scalars as JSON, and undefined and null as null', () => {
    expect(canonicalJson('a "quoted" text')).toBe('"a \\"quoted\\" text"');
    expect(canonicalJson(12.5)).toBe('12.5');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
  });

  it('is valid JSON describing the same value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('does not depend on key order at any depth (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(reverseKeys(value))).toBe(canonicalJson(value));
      }),
    );
  });
});

describe('requestFingerprint', () => {
  const body = { title: 'Pump leak', priority: 'HIGH' };

  it('is the SHA-256 of method, path and canonical body', () => {
    // printf 'POST /work-orders\n{"priority":"HIGH","title":"Pump leak"}' | sha256sum
    expect(requestFingerprint('POST', '/work-orders', body)).toBe('897cc1011507da616f608fcd56251feb5c084c919ef334531d38d811810fdf66');
  });

  it('treats a missing body as null', () => {
    // printf 'POST /work-orders\nnull' | sha256sum
    const nullBody = '565c8ed9cb53df5cf4104c9adce66d64d0a306b171b4da8deee66bc4bcce2bee';
    expect(requestFingerprint('POST', '/work-orders', undefined)).toBe(nullBody);
    expect(requestFingerprint('POST', '/work-orders', null)).toBe(nullBody);
  });

  it('a retry of the same body with keys in another order is the same request', () => {
    expect(requestFingerprint('POST', '/work-orders', { priority: 'HIGH', title: 'Pump leak' })).toBe(
      requestFingerprint('POST', '/work-orders', body),
    );
  });

  it('another path, method or body is another request', () => {
    const base = requestFingerprint('POST', '/work-orders', body);
    expect(requestFingerprint('POST', '/equipment', body)).not.toBe(base);
    expect(requestFingerprint('PUT', '/work-orders', body)).not.toBe(base);
    expect(requestFingerprint('POST', '/work-orders', { ...body, priority: 'LOW' })).not.toBe(base);
    expect(requestFingerprint('POST', '/work-orders', { ...body, extra: null })).not.toBe(base);
  });
});

describe('readIdempotencyKey', () => {
  it('no header, an empty one or a blank one means no key', () => {
    expect(readIdempotencyKey(undefined)).toBeUndefined();
    expect(readIdempotencyKey('')).toBeUndefined();
    expect(readIdempotencyKey('   ')).toBeUndefined();
    expect(readIdempotencyKey([])).toBeUndefined();
  });

  it('answers the key without surrounding spaces', () => {
    expect(readIdempotencyKey('  3f6c2a8e-key-1  ')).toBe('3f6c2a8e-key-1');
  });

  it('a repeated header uses the first value', () => {
    expect(readIdempotencyKey(['first-key', 'second-key'])).toBe('first-key');
  });

  it('accepts a key of exactly 200 visible characters', () => {
    const key = 'k'.repeat(200);
    expect(readIdempotencyKey(key)).toBe(key);
  });

  it('refuses a key longer than 200 characters with a validation error naming the header', () => {
    const error = thrownAppError(() => readIdempotencyKey('k'.repeat(201)));
    expect(error.code).toBe(ErrorCode.Validation);
    expect(error.options.errors).toEqual([{ path: 'Idempotency-Key', message: 'must be 1–200 visible ASCII characters' }]);
  });

  it.each([
    ['a newline', 'abc\ndef'],
    ['a tab', 'abc\tdef'],
    ['a NUL byte', 'abc\u0000def'],
    ['DEL', 'abc\u007fdef'],
    ['an inner space', 'abc def'],
    ['a non-ASCII letter', 'clé-1'],
  ])('refuses a key containing %s', (_what, key) => {
    expect(thrownAppError(() => readIdempotencyKey(key)).code).toBe(ErrorCode.Validation);
  });
});
