import { describe, expect, it } from 'vitest';
import { makeToken } from './testing/contract-server';
import { tokenExpiresAt } from './token';

describe('tokenExpiresAt', () => {
  it('reads the exp claim of a JWT as milliseconds', () => {
    expect(tokenExpiresAt(makeToken('someone', 1_900_000_000))).toBe(1_900_000_000_000);
  });

  it('reads base64url payloads that need padding and use - and _', () => {
    const payload = Buffer.from(JSON.stringify({ sub: '>>>?', exp: 1_800_000_001 })).toString('base64url');
    expect(payload).toMatch(/[-_]/);
    expect(tokenExpiresAt(`header.${payload}.signature`)).toBe(1_800_000_001_000);
  });

  it('is undefined without an exp claim or for anything that is not a JWT', () => {
    expect(tokenExpiresAt(makeToken('someone'))).toBeUndefined();
    expect(tokenExpiresAt('opaque-session-token')).toBeUndefined();
    expect(tokenExpiresAt('a.%%%.c')).toBeUndefined();
    expect(tokenExpiresAt(`a.${Buffer.from('"exp"').toString('base64url')}.c`)).toBeUndefined();
  });
});
