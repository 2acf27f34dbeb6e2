import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { Subject, lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { AppError } from './app-error';
import { HEAVY_REQUESTS_AT_ONCE } from '@msched/contracts';
import { HeavyRequestInterceptor, RequestBudget } from './request-budget';

describe('RequestBudget', () => {
  const clock = () => {
    let now = 0;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('admits a full minute’s units at once, then refuses with the seconds until the next unit', () => {
    const time = clock();
    const budget = new RequestBudget(60, time.now);
    for (let i = 0; i < 60; i++) expect(budget.take('user:a')).toBeUndefined();
    expect(budget.take('user:a')).toBe(1);
    // Another caller has a bucket of its own.
    expect(budget.take('user:b')).toBeUndefined();
    time.advance(1_000);
    expect(budget.take('user:a')).toBeUndefined();
    expect(budget.take('user:a')).toBe(1);
  });

  it('refills at the per-minute rate up to a full bucket, never beyond', () => {
    const time = clock();
    const budget = new RequestBudget(120, time.now);
    for (let i = 0; i < 120; i++) budget.take('user:a');
    time.advance(10 * 60_000);
    for (let i = 0; i < 120; i++) expect(budget.take('user:a')).toBeUndefined();
    expect(budget.take('user:a')).toBe(1);
  });

  it('charges a costly request its cost, and says how long until that much is back', () => {
    const time = clock();
    const budget = new RequestBudget(60, time.now);
    expect(budget.take('user:a', 20)).toBeUndefined();
    expect(budget.take('user:a', 20)).toBeUndefined();
    expect(budget.take('user:a', 20)).toBeUndefined();
    expect(budget.take('user:a', 20)).toBe(20);
    // A cost above a whole bucket is a whole bucket: such a request is slow, never impossible.
    time.advance(60_000);
    expect(budget.take('user:a', 1_000)).toBeUndefined();
    expect(budget.take('user:a')).toBe(1);
  });

  it('refuses with a 429 problem carrying Retry-After', () => {
    const budget = new RequestBudget(1, () => 0);
    budget.charge('user:a');
    const refusal = (() => {
      try {
        budget.charge('user:a');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'rate_limited', options: { retryAfterSeconds: 60 } });
  });

  it('is off at 0 per minute', () => {
    const budget = new RequestBudget(0, () => 0);
    for (let i = 0; i < 10_000; i++) expect(budget.take('user:a', 20)).toBeUndefined();
    expect(budget.trackedCallers).toBe(0);
  });

  it('tracks a bounded number of callers: idle ones are forgotten first, then the oldest', () => {
    const time = clock();
    const budget = new RequestBudget(60, time.now, 100);
    for (let i = 0; i < 100; i++) budget.take(`network:${i}`);
    time.advance(60_000);
    // All idle again: the next caller makes room by forgetting them.
    budget.take('user:owing', 60);
    expect(budget.trackedCallers).toBe(1);
    for (let i = 0; i < 300; i++) budget.take(`network:flood-${i}`);
    expect(budget.trackedCallers).toBeLessThanOrEqual(100);
  });
});

describe('HeavyRequestInterceptor', () => {
  const contextOf = (userId: string, url = '/api/v1/pm-plans/forecast') =>
    ({
      switchToHttp: () => ({ getRequest: () => ({ principal: { userId }, ip: '10.0.0.1', routeOptions: { url } }) }),
    }) as unknown as ExecutionContext;
  const pending = () => {
    const answer = new Subject<string>();
    return { answer, handler: { handle: () => answer.asObservable() } as CallHandler };
  };

  it(`lets one caller have ${HEAVY_REQUESTS_AT_ONCE} requests of a route under way, refuses the next, and admits again once one answers`, async () => {
    const interceptor = new HeavyRequestInterceptor();
    const running = Array.from({ length: HEAVY_REQUESTS_AT_ONCE }, () => pending());
    const answers = running.map(({ handler }) => lastValueFrom(interceptor.intercept(contextOf('a'), handler)));
    expect(() => interceptor.intercept(contextOf('a'), pending().handler)).toThrow(
      expect.objectContaining({ code: 'rate_limited', options: expect.objectContaining({ retryAfterSeconds: 1 }) }),
    );
    // Another caller, or the same caller on another heavy route, is not held up.
    expect(() => interceptor.intercept(contextOf('b'), pending().handler)).not.toThrow();
    expect(() => interceptor.intercept(contextOf('a', '/api/v1/analytics/overview'), pending().handler)).not.toThrow();
    running[0]!.answer.next('done');
    running[0]!.answer.complete();
    await answers[0];
    expect(() => interceptor.intercept(contextOf('a'), pending().handler)).not.toThrow();
  });

  it('counts a request that failed as finished', async () => {
    const interceptor = new HeavyRequestInterceptor();
    for (let i = 0; i < HEAVY_REQUESTS_AT_ONCE + 3; i++) {
      const { answer, handler } = pending();
      const result = lastValueFrom(interceptor.intercept(contextOf('a'), handler));
      answer.error(new Error('the database went away'));
      await expect(result).rejects.toThrow('the database went away');
    }
  });
});
