import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryCache } from './cache';

let now: number;
let cache: MemoryCache;

beforeEach(() => {
  now = 1_000_000;
  cache = new MemoryCache(() => now);
});

afterEach(async () => {
  await cache.close();
});

describe('MemoryCache get/set', () => {
  it('is the in-process kind', () => {
    expect(cache.kind).toBe('memory');
  });

  it('answers null for a key never set', async () => {
    expect(await cache.get('missing')).toBeNull();
  });

  it('answers a stored value until its time to live has passed', async () => {
    await cache.set('session', 'abc', 10);
    now += 9_999;
    expect(await cache.get('session')).toBe('abc');
    now += 1; // exactly 10 s after set
    expect(await cache.get('session')).toBeNull();
  });

  it('setting a key again replaces value and expiry', async () => {
    await cache.set('k', 'old', 5);
    now += 4_000;
    await cache.set('k', 'new', 5);
    now += 4_000;
    expect(await cache.get('k')).toBe('new');
    now += 1_000;
    expect(await cache.get('k')).toBeNull();
  });

  it('delete removes a key at once', async () => {
    await cache.set('k', 'v', 60);
    await cache.delete('k');
    expect(await cache.get('k')).toBeNull();
  });

  it('deleting a missing key is harmless', async () => {
    await expect(cache.delete('never-set')).resolves.toBeUndefined();
  });

  it('ping answers', async () => {
    await expect(cache.ping()).resolves.toBeUndefined();
  });

  it('close forgets everything', async () => {
    await cache.set('k', 'v', 60);
    await cache.close();
    expect(await cache.get('k')).toBeNull();
  });
});

describe('MemoryCache counters', () => {
  it('counts hits within a window that starts at the first hit', async () => {
    expect(await cache.hit('login:ana', 60)).toEqual({ count: 1, resetInSeconds: 60 });
    now += 1_000;
    expect(await cache.hit('login:ana', 60)).toEqual({ count: 2, resetInSeconds: 59 });
    now += 20_000;
    expect(await cache.hit('login:ana', 60)).toEqual({ count: 3, resetInSeconds: 39 });
  });

  it('later hits do not extend the window', async () => {
    await cache.hit('c', 10);
    now += 9_000;
    expect(await cache.hit('c', 10)).toEqual({ count: 2, resetInSeconds: 1 });
    now += 1_000;
    expect(await cache.hit('c', 10)).toEqual({ count: 1, resetInSeconds: 10 });
  });

  it('rounds the seconds left up, and never answers less than 1 for a live counter', async () => {
    await cache.hit('c', 60);
    now += 1_500;
    expect((await cache.hit('c', 60)).resetInSeconds).toBe(59); // 58.5 s left
    now += 58_400;
    expect((await cache.hit('c', 60)).resetInSeconds).toBe(1); // 0.1 s left
  });

  it('starts again from 1 after the window has passed', async () => {
    await cache.hit('c', 30);
    await cache.hit('c', 30);
    now += 30_000;
    expect(await cache.hit('c', 30)).toEqual({ count: 1, resetInSeconds: 30 });
  });

  it('counters of different keys are independent', async () => {
    await cache.hit('ip:1', 60);
    await cache.hit('ip:1', 60);
    expect(await cache.hit('ip:2', 60)).toEqual({ count: 1, resetInSeconds: 60 });
  });

  it('peek reads a counter without incrementing it', async () => {
    await cache.hit('c', 60);
    await cache.hit('c', 60);
    now += 10_000;
    expect(await cache.peek('c')).toEqual({ count: 2, resetInSeconds: 50 });
    expect(await cache.peek('c')).toEqual({ count: 2, resetInSeconds: 50 });
    expect(await cache.hit('c', 60)).toEqual({ count: 3, resetInSeconds: 50 });
  });

  it('peek on a missing or expired counter answers zero', async () => {
    expect(await cache.peek('none')).toEqual({ count: 0, resetInSeconds: 0 });
    await cache.hit('c', 5);
    now += 5_000;
    expect(await cache.peek('c')).toEqual({ count: 0, resetInSeconds: 0 });
  });

  it('deleting a counter resets it', async () => {
    await cache.hit('c', 60);
    await cache.hit('c', 60);
    await cache.delete('c');
    expect(await cache.peek('c')).toEqual({ count: 0, resetInSeconds: 0 });
    expect(await cache.hit('c', 60)).toEqual({ count: 1, resetInSeconds: 60 });
  });
});

describe('MemoryCache generations', () => {
  const WEEK = 7 * 24 * 3600_000;

  it('answers 0 for a generation never bumped, and one up after each bump', async () => {
    expect(await cache.generations(['gen:a'])).toEqual([0]);
    await cache.bump(['gen:a']);
    const [first] = await cache.generations(['gen:a']);
    expect(first).toBeGreaterThan(0);
    await cache.bump(['gen:a']);
    expect(await cache.generations(['gen:a'])).toEqual([first! + 1]);
  });

  it('starts an expired generation above every value it had, so an entry stamped before never matches', async () => {
    await cache.bump(['gen:a']);
    now += WEEK - 60_000;
    // An entry stamped with the live generation, stored a minute before the generation expires.
    const [before] = await cache.generations(['gen:a']);
    await cache.set('entry', `${before}\nv1`, 300);
    now += 120_000;
    expect(await cache.generations(['gen:a'])).toEqual([0]);
    // A write after the expiry bumps it again; the entry (still within its TTL) must not match.
    await cache.bump(['gen:a']);
    const found = await cache.lookup('entry', ['gen:a']);
    expect(await cache.get('entry')).toBe(`${before}\nv1`);
    expect(found.value).toBeNull();
  });
});
