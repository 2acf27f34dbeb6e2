import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
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
 * Counts failed logins per account and per client address (an IPv6 client by its /64) over an hour, in the shared cache so
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
const ipKey = (ip: string) => `login-failures:ip:${clientNetwork(ip)}`;

/**
 * What the per-address limit counts: an IPv4 address as it is (an IPv4-mapped IPv6 address as
 * its IPv4), an IPv6 address by its /64 network. One IPv6 subscriber or host is usually given a
 * whole /64, so counting single addresses would give it 2^64 fresh limits.
 */
export function clientNetwork(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail] = ip.split('%')[0]!.toLowerCase().split('::');
  // An IPv4 tail (`::ffff:0:1.2.3.4`) fills the last two groups; their values never matter here.
  const parts = (text: string | undefined) => (text ? text.split(':').flatMap((part) => (part.includes('.') ? ['0', '0'] : [part])) : []);
  const left = parts(head);
  const right = parts(tail);
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
