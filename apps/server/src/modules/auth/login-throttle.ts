import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Cache } from '../../platform/cache/cache';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { clientNetwork } from '../../platform/http/client-network';

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
 * Counts failed logins per account, per client address (an IPv6 client by its /64) and per account
 * and address together, over an hour, in the shared cache so the limits hold across instances.
 * An address past its limit is refused outright. An account past its limit is refused only to the
 * addresses that have failed on it in the window: whoever guesses at an account is locked out of
 * it, but cannot lock its owner out by doing so (a network that never failed on the account still
 * gets its attempt, and one failure locks that network out in turn). During a cache outage logins
 * are not throttled (and say so in the log) rather than refused for everyone.
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
    const [account, pair] = (await this.safely(() =>
      Promise.all([this.cache.hit(accountKey(email), WINDOW_SECONDS), this.cache.hit(pairKey(email, ip), WINDOW_SECONDS)]),
    )) ?? [undefined, undefined];
    // This attempt is counted in `pair`: above 1, this address failed on the account before (or
    // sends attempts in parallel).
    if (account && pair && account.count > this.limits.perAccount && pair.count > 1) throw tooManyFailures(account);
  }

  /**
   * A correct password: this attempt no longer counts against the address, and the address starts
   * afresh on the account. So does the account, unless it is past its limit: then its failures
   * stand until their window ends (less this attempt), so its owner signing in does not hand
   * whoever guesses at it a fresh allowance.
   */
  async succeeded(email: string, ip: string): Promise<void> {
    await this.safely(async () => {
      const account = await this.cache.peek(accountKey(email));
      await Promise.all([
        this.cache.delete(pairKey(email, ip)),
        account.count > this.limits.perAccount
          ? this.cache.hit(accountKey(email), WINDOW_SECONDS, -1)
          : this.cache.delete(accountKey(email)),
        this.cache.hit(ipKey(ip), WINDOW_SECONDS, -1),
      ]);
    });
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
const accountDigest = (email: string) => createHash('sha256').update(email.toLowerCase()).digest('hex');
const accountKey = (email: string) => `login-failures:account:${accountDigest(email)}`;
const ipKey = (ip: string) => `login-failures:ip:${clientNetwork(ip)}`;
const pairKey = (email: string, ip: string) => `login-failures:pair:${accountDigest(email)}:${clientNetwork(ip)}`;
