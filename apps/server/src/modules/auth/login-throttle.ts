import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Cache } from '../../platform/cache/cache';
import { AppError, ErrorCode } from '../../platform/http/app-error';

const WINDOW_SECONDS = 3600;

export interface LoginThrottleLimits {
  perAccount: number;
  perIp: number;
}

interface Counter {
  count: number;
  resetInSeconds: number;
}

/**
 * Counts failed logins per account and per client address over an hour, in the shared cache so
 * the limit holds across instances. During a cache outage logins are not throttled (and say so
 * in the log) rather than refused for everyone.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(
    private readonly cache: Cache,
    private readonly limits: LoginThrottleLimits,
  ) {}

  /**
   * Counts an attempt as a failure before the password is checked, so a burst of parallel
   * guesses cannot all slip in under the limit; `succeeded` takes the count back. The address
   * is counted and checked first: a blocked address writes nothing about the account it names.
   */
  async begin(email: string, ip: string): Promise<void> {
    const address = await this.safely(() => this.cache.hit(ipKey(ip), WINDOW_SECONDS));
    if (address && address.count > this.limits.perIp) throw tooManyFailures(address);
    const account = await this.safely(() => this.cache.hit(accountKey(email), WINDOW_SECONDS));
    if (account && account.count > this.limits.perAccount) throw tooManyFailures(account);
  }

  /** A correct password: the account starts afresh, and this attempt no longer counts against the address. */
  async succeeded(email: string, ip: string): Promise<void> {
    await this.safely(() => Promise.all([this.cache.delete(accountKey(email)), this.cache.hit(ipKey(ip), WINDOW_SECONDS, -1)]));
  }

  private async safely<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      this.logger.warn(`login throttle unavailable: ${(error as Error).message}`);
      return undefined;
    }
  }
}

function tooManyFailures(counter: Counter): AppError {
  const retryAfterSeconds = counter.resetInSeconds;
  return new AppError(ErrorCode.RateLimited, `Too many failed logins; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`, {
    retryAfterSeconds,
  });
}

/** A digest, not the address: the key has the same small size whatever a client sends as "email". */
const accountKey = (email: string) => `login-failures:account:${createHash('sha256').update(email.toLowerCase()).digest('hex')}`;
const ipKey = (ip: string) => `login-failures:ip:${ip}`;
