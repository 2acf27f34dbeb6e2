import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExpirySchedule } from './expiry-schedule';

describe('ExpirySchedule', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('expires each item at its time, items of one expiry together, with one timer', () => {
    const expired: string[] = [];
    const schedule = new ExpirySchedule<string>((item) => expired.push(item));
    schedule.track('a', 1_005_000);
    schedule.track('b', 1_005_000);
    schedule.track('c', 1_002_000);
    expect(schedule.size).toBe(3);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1_999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['c']);
    vi.advanceTimersByTime(3_000);
    expect(expired).toEqual(['c', 'a', 'b']);
    expect(schedule.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an untracked item never expires; a tracked one moves with its new expiry', () => {
    const expired: string[] = [];
    const schedule = new ExpirySchedule<string>((item) => expired.push(item));
    schedule.track('gone', 1_001_000);
    schedule.track('renewed', 1_001_000);
    schedule.untrack('gone');
    schedule.track('renewed', 1_009_000);
    vi.advanceTimersByTime(5_000);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(4_000);
    expect(expired).toEqual(['renewed']);
  });

  it('an item tracked again from its expiry callback is kept', () => {
    const seen: string[] = [];
    const schedule: ExpirySchedule<string> = new ExpirySchedule((item) => {
      seen.push(item);
      if (seen.length === 1) schedule.track(item, Date.now() + 1_000);
    });
    schedule.track('x', 1_001_000);
    vi.advanceTimersByTime(1_000);
    expect(schedule.size).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(seen).toEqual(['x', 'x']);
    expect(schedule.size).toBe(0);
  });

  it('close forgets everything', () => {
    const expired: string[] = [];
    const schedule = new ExpirySchedule<string>((item) => expired.push(item));
    schedule.track('a', 1_001_000);
    schedule.close();
    vi.advanceTimersByTime(10_000);
    expect(expired).toEqual([]);
    expect(schedule.size).toBe(0);
  });
});
