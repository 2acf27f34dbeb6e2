import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { HEAVY_REQUESTS_AT_ONCE, HEAVY_REQUEST_COST } from '@msched/contracts';
import { finalize } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { AppError, ErrorCode } from './app-error';

/** Route metadata: what one request of the route costs from its caller's budget (1 when unset). */
export const REQUEST_COST = 'http:request-cost';

/** Set on a request already paid for (by the early answer of cached details): the guard does not charge it twice. */
export const COST_TAKEN = Symbol('http:cost-taken');
export type BudgetedRequest = AuthenticatedRequest & { [COST_TAKEN]?: true };

/**
 * How much one caller may ask of one instance: a token bucket per caller (a user once signed in,
 * otherwise a client network), holding up to `perMinute` units and refilled at that rate. A
 * request costs one unit, one of a route marked @Heavy HEAVY_REQUEST_COST. A request the bucket
 * cannot pay for is refused (429 with Retry-After) without running. Each instance counts on its
 * own, so behind a balancer of N instances a caller may reach up to N × perMinute; what protects
 * an instance is that no single caller can hold its event loop. `perMinute` 0 turns it off.
 */
export class RequestBudget {
  private readonly buckets = new Map<string, { units: number; at: number }>();
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = () => performance.now(),
    /** Callers tracked at once; beyond it, full buckets are forgotten first (they hold no debt). */
    private readonly maxCallers = 100_000,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes `cost` units from `caller`'s bucket: undefined when paid, else the whole seconds until it could be. */
  take(caller: string, cost = 1): number | undefined {
    if (this.perMinute <= 0) return undefined;
    const price = Math.min(cost, this.perMinute);
    const now = this.now();
    let bucket = this.buckets.get(caller);
    if (bucket) {
      bucket.units = Math.min(this.perMinute, bucket.units + (now - bucket.at) * this.perMs);
      bucket.at = now;
    } else {
      if (this.buckets.size >= this.maxCallers) this.forgetIdle(now);
      bucket = { units: this.perMinute, at: now };
      this.buckets.set(caller, bucket);
    }
    if (bucket.units >= price) {
      bucket.units -= price;
      return undefined;
    }
    return Math.max(1, Math.ceil((price - bucket.units) / this.perMs / 1000));
  }

  /** Refuses a request its caller's bucket cannot pay for. */
  charge(caller: string, cost = 1): void {
    const waitSeconds = this.take(caller, cost);
    if (waitSeconds !== undefined) {
      throw new AppError(ErrorCode.RateLimited, `Too many requests; try again in ${waitSeconds} s`, { retryAfterSeconds: waitSeconds });
    }
  }

  get trackedCallers(): number {
    return this.buckets.size;
  }

  private forgetIdle(now: number): void {
    for (const [caller, bucket] of this.buckets) {
      if (bucket.units + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(caller);
    }
    // Every caller still owes: the longest tracked go first (a Map keeps insertion order).
    for (const caller of this.buckets.keys()) {
      if (this.buckets.size < this.maxCallers) break;
      this.buckets.delete(caller);
    }
  }
}

/**
 * Requests of a route that one caller has under way at once, at most HEAVY_REQUESTS_AT_ONCE: a
 * burst of expensive requests from one caller (each holding the event loop for a while) is refused
 * at once rather than queued in front of everyone else's.
 */
@Injectable()
export class HeavyRequestInterceptor implements NestInterceptor {
  private readonly underWay = new Map<string, number>();

  intercept(context: ExecutionContext, next: CallHandler) {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = `${request.principal?.userId ?? request.ip} ${request.routeOptions.url ?? ''}`;
    const count = this.underWay.get(key) ?? 0;
    if (count >= HEAVY_REQUESTS_AT_ONCE) {
      throw new AppError(
        ErrorCode.RateLimited,
        `At most ${HEAVY_REQUESTS_AT_ONCE} of these requests at once; try again when one has answered`,
        {
          retryAfterSeconds: 1,
        },
      );
    }
    this.underWay.set(key, count + 1);
    return next.handle().pipe(
      finalize(() => {
        const left = (this.underWay.get(key) ?? 1) - 1;
        if (left > 0) this.underWay.set(key, left);
        else this.underWay.delete(key);
      }),
    );
  }
}

/** An expensive route: it costs HEAVY_REQUEST_COST of the caller's budget, and HEAVY_REQUESTS_AT_ONCE run at once per caller. */
export const Heavy = () => applyDecorators(SetMetadata(REQUEST_COST, HEAVY_REQUEST_COST), UseInterceptors(HeavyRequestInterceptor));
