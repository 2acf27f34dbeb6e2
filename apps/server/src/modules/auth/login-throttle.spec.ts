import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../platform/cache/cache';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { clientNetwork } from '../../platform/http/client-network';
import { LoginThrottle } from './login-throttle';

/** The in-process cache, noting every counter key written. */
class RecordingCache extends MemoryCache {
  readonly counted: string[] = [];

  override hit(key: string, windowSeconds: number, by?: number) {
    this.counted.push(key);
    return super.hit(key, windowSeconds, by);
  }
}

async function refusal(attempt: Promise<unknown>): Promise<AppError> {
  const error = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const accountKeys = (cache: RecordingCache) => cache.counted.filter((key) => key.startsWith('login-failures:account:'));

describe('LoginThrottle', () => {
  it('keys an account by a digest of its lower-cased email: small whatever was typed, the same in any case', async () => {
    const cache = new RecordingCache();
    const throttle = new LoginThrottle(cache, { perAccount: 100, perIp: 100 });
    await throttle.begin('Ana.Silva@Example.com', '10.0.0.1');
    await throttle.begin('ana.silva@example.com', '10.0.0.1');
    await throttle.begin(`${'a'.repeat(240)}@example.com`, '10.0.0.1');
    const [first, second, long] = accountKeys(cache);
    expect(first).toBe(second);
    expect(first).toMatch(/^login-failures:account:[0-9a-f]{64}$/);
    expect(long).toMatch(/^login-failures:account:[0-9a-f]{64}$/);
    expect(cache.counted.join()).not.toContain('example.com');
  });

  it('refuses a blocked address without writing anything about the account it names', async () => {
    const cache = new RecordingCache();
    const throttle = new LoginThrottle(cache, { perAccount: 100, perIp: 2 });
    await throttle.begin('a@example.com', '10.0.0.2');
    await throttle.begin('b@example.com', '10.0.0.2');
    expect(accountKeys(cache)).toHaveLength(2);
    for (const email of ['c@example.com', 'd@example.com', 'e@example.com']) {
      const error = await refusal(throttle.begin(email, '10.0.0.2'));
      expect(error.code).toBe(ErrorCode.RateLimited);
      expect(error.options.retryAfterSeconds).toBe(3600);
    }
    expect(accountKeys(cache)).toHaveLength(2);
  });

  it('an account locked out stays locked however much the cache fills with cached reads', async () => {
    const cache = new MemoryCache(Date.now, 64 * 1024);
    const throttle = new LoginThrottle(cache, { perAccount: 3, perIp: 1_000 });
    for (let attempt = 0; attempt < 3; attempt++) await throttle.begin('victim@example.com', '10.0.0.3');
    await refusal(throttle.begin('victim@example.com', '10.0.0.3'));
    // Far more than the LRU holds: every cached read before the last few is evicted.
    for (let read = 0; read < 200; read++) await cache.set(`read:${read}`, 'x'.repeat(2_000), 60);
    expect(await cache.get('read:0')).toBeNull();
    const error = await refusal(throttle.begin('victim@example.com', '10.0.0.3'));
    expect(error.code).toBe(ErrorCode.RateLimited);
  });

  it('an account past its limit is refused to the addresses that failed on it, not to its owner elsewhere', async () => {
    const throttle = new LoginThrottle(new MemoryCache(), { perAccount: 3, perIp: 1_000 });
    for (let attempt = 0; attempt < 3; attempt++) await throttle.begin('victim@example.com', '203.0.113.9');
    // The guesser is locked out of the account…
    expect((await refusal(throttle.begin('victim@example.com', '203.0.113.9'))).code).toBe(ErrorCode.RateLimited);
    // …its owner, on a network that never failed on it, still gets to try their password…
    await throttle.begin('victim@example.com', '198.51.100.7');
    await throttle.succeeded('victim@example.com', '198.51.100.7');
    await throttle.begin('victim@example.com', '198.51.100.7');
    await throttle.succeeded('victim@example.com', '198.51.100.7');
    // …and signing in hands the guesser no fresh allowance.
    expect((await refusal(throttle.begin('victim@example.com', '203.0.113.9'))).code).toBe(ErrorCode.RateLimited);
    // A network that fails on an account past its limit has had its one attempt.
    await throttle.begin('victim@example.com', '192.0.2.50');
    expect((await refusal(throttle.begin('victim@example.com', '192.0.2.50'))).code).toBe(ErrorCode.RateLimited);
    // Other accounts are not affected.
    await throttle.begin('someone@example.com', '203.0.113.9');
  });

  it('parallel attempts from a fresh network on an account past its limit: one gets through', async () => {
    const throttle = new LoginThrottle(new MemoryCache(), { perAccount: 2, perIp: 1_000 });
    for (let attempt = 0; attempt < 2; attempt++) await throttle.begin('victim@example.com', '203.0.113.9');
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => throttle.begin('victim@example.com', '192.0.2.60')));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
  });
});

describe('MemoryCache counters when full', () => {
  it('drops windows that have passed first', async () => {
    let now = 1_000_000;
    const cache = new MemoryCache(() => now, 1024 * 1024, 10);
    for (let key = 0; key < 10; key++) await cache.hit(`old:${key}`, 60);
    now += 60_000;
    expect(await cache.hit('new', 60)).toEqual({ count: 1, resetInSeconds: 60 });
    expect((await cache.stats()).keys).toBe(1);
  });

  it('then the lowest counts, so a lockout outlives a flood of single attempts', async () => {
    const cache = new MemoryCache(Date.now, 1024 * 1024, 10);
    for (let attempt = 0; attempt < 5; attempt++) await cache.hit('locked', 3600);
    for (let key = 0; key < 1_000; key++) await cache.hit(`flood:${key}`, 3600);
    expect((await cache.peek('locked')).count).toBe(5);
    expect((await cache.stats()).keys).toBeLessThanOrEqual(10);
    expect((await cache.peek('flood:999')).count).toBe(1);
  });
});

describe('clientNetwork: what the per-address limit counts', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['1::3:4:5:6:1.2.3.4', '1:0:3:4::/64'],
    // An IPv4 client inside an IPv6 address counts as that IPv4 address, whatever the spelling.
    ['::ffff:a00:1', '10.0.0.1'],
    ['0:0:0:0:0:FFFF:10.0.0.1', '10.0.0.1'],
    ['::ffff:0:10.0.0.1', '10.0.0.1'],
    ['::10.0.0.1', '10.0.0.1'],
    ['64:ff9b::192.0.2.1', '192.0.2.1'],
    ['64:ff9b::c000:202', '192.0.2.2'],
    // Teredo: the first 64 bits are the relay's, shared by all its clients.
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
  ])('%s counts as %s', (ip, network) => {
    expect(clientNetwork(ip)).toBe(network);
  });

  it('addresses of one IPv6 /64 share one limit; another /64 has its own', async () => {
    const throttle = new LoginThrottle(new MemoryCache(), { perAccount: 100, perIp: 2 });
    await throttle.begin('a@example.com', '2001:db8:1:2::1');
    await throttle.begin('b@example.com', '2001:db8:1:2::2');
    const error = await refusal(throttle.begin('c@example.com', '2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(error.code).toBe(ErrorCode.RateLimited);
    await expect(throttle.begin('d@example.com', '2001:db8:1:3::1')).resolves.toBeUndefined();
  });

  it('IPv4 clients behind one NAT64 gateway each have their own limit', async () => {
    const throttle = new LoginThrottle(new MemoryCache(), { perAccount: 100, perIp: 2 });
    await throttle.begin('a@example.com', '64:ff9b::198.51.100.7');
    await throttle.begin('b@example.com', '64:ff9b::198.51.100.7');
    await refusal(throttle.begin('c@example.com', '64:ff9b::198.51.100.7'));
    await expect(throttle.begin('d@example.com', '64:ff9b::198.51.100.8')).resolves.toBeUndefined();
  });
});
