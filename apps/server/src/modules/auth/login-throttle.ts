import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
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
 * What the per-address limit counts: an IPv4 address as it is, and an IPv6 address by its /64
 * network (one IPv6 subscriber or host is usually given a whole /64, so counting single addresses
 * would give it 2^64 fresh limits). An IPv6 address that carries an IPv4 client in its last 32
 * bits counts as that IPv4 address (IPv4-mapped `::ffff:0:0/96` in any spelling, SIIT
 * `::ffff:0:0:0/96`, IPv4-compatible `::/96` but not `::1`, NAT64 `64:ff9b::/96`): else all the
 * IPv4 clients of one gateway would share one limit. A Teredo address (`2001::/32`) counts whole,
 * since its first 64 bits are the relay's.
 */
export function clientNetwork(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const groups = ipv6Groups(ip.split('%')[0]!);
  const [a, b, c, d, e, f, g, h] = groups as [number, number, number, number, number, number, number, number];
  const zeroTo = (last: number) => groups.slice(0, last + 1).every((group) => group === 0);
  const embedsIpv4 =
    (zeroTo(4) && f === 0xffff) ||
    (zeroTo(3) && e === 0xffff && f === 0) ||
    (zeroTo(5) && g !== 0) ||
    (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0);
  if (embedsIpv4) return `${g >> 8}.${g & 0xff}.${h >> 8}.${h & 0xff}`;
  const hex = groups.map((group) => group.toString(16));
  if (a === 0x2001 && b === 0) return hex.join(':');
  return `${hex.slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (an IPv4 tail as its two groups). */
function ipv6Groups(ip: string): number[] {
  const parts = (text: string | undefined): number[] =>
    text
      ? text.split(':').flatMap((part) => {
          if (!part.includes('.')) return [Number.parseInt(part, 16)];
          const [w, x, y, z] = part.split('.').map(Number) as [number, number, number, number];
          return [(w << 8) | x, (y << 8) | z];
        })
      : [];
  const [head, tail] = ip.toLowerCase().split('::');
  const left = parts(head);
  const right = parts(tail);
  return tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}
