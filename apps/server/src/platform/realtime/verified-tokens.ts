import type { TokenSigner } from '../auth/tokens';
import type { VerifiedPrincipal } from './emit';

/** Verified tokens remembered (sockets opened with one token share its principal). */
const REMEMBERED = 10_000;

/**
 * Access tokens verified for sockets. Every socket opened with the same token (reconnects, tabs,
 * a device's several connections) shares one principal object instead of holding its own copy,
 * and the signature is checked once per token rather than once per handshake.
 */
export class VerifiedTokens {
  private readonly principals = new Map<string, VerifiedPrincipal>();

  constructor(private readonly tokens: TokenSigner) {}

  verify(token: string | null): VerifiedPrincipal | null {
    if (!token) return null;
    const known = this.principals.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return known;
      this.principals.delete(token);
    }
    const verified = this.tokens.verifyAccess(token);
    if (!verified) return null;
    if (this.principals.size >= REMEMBERED) this.forget();
    this.principals.set(token, verified);
    return verified;
  }

  private forget(): void {
    const now = Date.now();
    for (const [token, principal] of this.principals) if (principal.expiresAt <= now) this.principals.delete(token);
    // Still full: the oldest entries go (sockets keep their own reference).
    for (const token of this.principals.keys()) {
      if (this.principals.size < REMEMBERED / 2) break;
      this.principals.delete(token);
    }
  }
}
