import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backoff, DEFAULT_BACKOFF } from './backoff';

const EXACT = { ...DEFAULT_BACKOFF, randomizationFactor: 0 };

describe('Backoff', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts at 1 s and doubles up to 30 s', () => {
    const backoff = new Backoff(EXACT);
    const delays = Array.from({ length: 8 }, () => backoff.nextDelay());
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('starts over after reset()', () => {
    const backoff = new Backoff(EXACT);
    backoff.nextDelay();
    backoff.nextDelay();
    backoff.reset();
    expect(backoff.nextDelay()).toBe(1000);
  });

  it('spreads each delay by the randomization factor, never above the cap', () => {
    const lowest = new Backoff(DEFAULT_BACKOFF, () => 0);
    const highest = new Backoff(DEFAULT_BACKOFF, () => 1);
    expect([lowest.nextDelay(), lowest.nextDelay()]).toEqual([800, 1600]);
    expect([highest.nextDelay(), highest.nextDelay()]).toEqual([1200, 2400]);
    for (let i = 0; i < 10; i++) highest.nextDelay();
    expect(highest.nextDelay()).toBe(30000);
  });

  it('runs a scheduled task after the next delay; a new schedule replaces the waiting one', () => {
    vi.useFakeTimers();
    const backoff = new Backoff(EXACT);
    const task = vi.fn();

    backoff.schedule(task);
    vi.advanceTimersByTime(999);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);

    backoff.schedule(task);
    backoff.schedule(task);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(4000);
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('cancel() leaves no timer behind', () => {
    vi.useFakeTimers();
    const backoff = new Backoff(EXACT);
    const task = vi.fn();
    backoff.schedule(task);

    backoff.cancel();

    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(task).not.toHaveBeenCalled();
  });
});
