import { isIPv6 } from 'node:net';

/**
 * What a per-address limit counts (failed logins, the request budget of callers not signed in):
 * an IPv4 address as it is, and an IPv6 address by its /64 network (one IPv6 subscriber or host is
 * usually given a whole /64, so counting single addresses would give it 2^64 fresh limits). An IPv6 address that carries an IPv4 client in its last 32
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
