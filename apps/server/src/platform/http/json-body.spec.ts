import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, decodeJsonBody, nestsDeeperThan, parseJsonBody } from './json-body';

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not brackets in strings (escaped quotes included)', () => {
    expect(nestsDeeperThan('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(nestsDeeperThan('{"a":[{"b":[]}]}', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":"[[[[[[\\"{{{{"}', 1)).toBe(false);
    expect(nestsDeeperThan('["\\\\",[[]]]', 2)).toBe(true);
    expect(nestsDeeperThan('[[],[],[]]', 2)).toBe(false);
  });
});

describe('parseJsonBody', () => {
  it('reads JSON up to the depth limit and refuses deeper, NUL and malformed text', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(parseJsonBody(nested(MAX_JSON_DEPTH))).toBeInstanceOf(Array);
    expect(() => parseJsonBody(nested(MAX_JSON_DEPTH + 1))).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(() => parseJsonBody('{"a":"x\\u0000"}')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(() => parseJsonBody('{"a":')).toThrow(expect.objectContaining({ code: 'malformed_body' }));
    expect(parseJsonBody('')).toBeUndefined();
  });

  it('refuses a lone surrogate escape (value or key), and reads a pair', () => {
    expect(parseJsonBody('{"a":"x\\ud83d\\ude00y"}')).toEqual({ a: 'x\u{1F600}y' });
    expect(() => parseJsonBody('{"a":"x\\ud800y"}')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(() => parseJsonBody('{"a":["\\udc00"]}')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(() => parseJsonBody('{"\\ud83d":1}')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    // An escaped backslash before "ud800" is text, not an escape.
    expect(parseJsonBody('{"a":"\\\\ud800"}')).toEqual({ a: '\\ud800' });
  });
});

describe('decodeJsonBody', () => {
  const bytes = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

  it('reads UTF-8 with or without a charset, multi-byte characters included', () => {
    const body = bytes('{"title":"Lüfter – 送风机 🔧"}');
    expect(decodeJsonBody('application/json', body)).toEqual({ title: 'Lüfter – 送风机 🔧' });
    expect(decodeJsonBody('application/json; charset=UTF-8', body)).toEqual({ title: 'Lüfter – 送风机 🔧' });
    expect(decodeJsonBody('application/json;charset="utf8"', body)).toEqual({ title: 'Lüfter – 送风机 🔧' });
    expect(decodeJsonBody('application/json', Buffer.alloc(0))).toBeUndefined();
  });

  it('refuses bytes that are not UTF-8 (they would be stored as U+FFFD), a truncated sequence and an overlong one included', () => {
    for (const invalid of [
      [0xff, 0xfe],
      [0xe2, 0x82],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
    ]) {
      expect(() => decodeJsonBody('application/json', bytes('{"title":"', invalid, '"}')), String(invalid)).toThrow(
        expect.objectContaining({ code: 'malformed_body' }),
      );
    }
  });

  it('refuses a body said to be in another charset with a 415', () => {
    for (const type of ['application/json; charset=utf-16', 'application/json; charset=ISO-8859-1', 'application/json; charset=']) {
      expect(() => decodeJsonBody(type, bytes('{}')), type).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
    }
  });
});
