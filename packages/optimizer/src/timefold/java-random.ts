/**
 * java.util.Random, bit for bit, so that the quickstart's demo data (`new Random(17)`) comes out
 * exactly as the JVM makes it. The generator is the 48-bit linear congruential one of the
 * class's specification:
 *
 *   setSeed(s):   seed = (s XOR 0x5DEECE66D) mod 2^48
 *   next(bits):   seed = (seed × 0x5DEECE66D + 0xB) mod 2^48; return (int) (seed >>> (48 − bits))
 *   nextInt(n):   n a power of two → (int) ((n × (long) next(31)) >> 31); otherwise draw
 *                 u = next(31), r = u mod n, and draw again while u − r + (n − 1) overflows int
 *   nextDouble(): ((long) next(26) << 27 + next(27)) × 2^−53
 *
 * The product needs 83 bits, so the state is a BigInt; the demo generator draws a few hundred
 * numbers, which costs microseconds.
 */
const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

export class JavaRandom {
  private seed: bigint;

  /** `seed` is a Java long: a number (a safe integer) or a BigInt. */
  constructor(seed: number | bigint) {
    this.seed = (BigInt.asIntN(64, BigInt(seed)) ^ MULTIPLIER) & MASK;
  }

  /** The top `bits` bits of the next state, as the signed 32-bit int Java returns. */
  next(bits: number): number {
    this.seed = (this.seed * MULTIPLIER + ADDEND) & MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }

  nextInt(bound?: number): number {
    if (bound === undefined) return this.next(32);
    if (!Number.isInteger(bound) || bound <= 0 || bound > 0x7fffffff) throw new RangeError('bound must be a positive int');
    let draw = this.next(31);
    const mask = bound - 1;
    if ((bound & mask) === 0) return Number((BigInt(bound) * BigInt(draw)) >> 31n);
    let value = draw % bound;
    // Java's `u - r + m < 0`: the int overflow that marks a draw from the incomplete last block.
    while (((draw - value + mask) | 0) < 0) {
      draw = this.next(31);
      value = draw % bound;
    }
    return value;
  }

  nextDouble(): number {
    return (this.next(26) * 2 ** 27 + this.next(27)) * 2 ** -53;
  }
}
