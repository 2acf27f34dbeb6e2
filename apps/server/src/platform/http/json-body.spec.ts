import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan, parseJsonBody } from './json-body';

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
