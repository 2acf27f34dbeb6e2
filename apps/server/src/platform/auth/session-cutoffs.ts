/** What a cutoff applies to: the user a token names and when it was issued (epoch ms). */
export interface IssuedToken {
  readonly userId: string;
  readonly issuedAt: number;
}

export type CutoffListener = (userId: string, cutoff: number) => void;

/**
 * Per user, the instant before which their access tokens no longer count: set when an account
 * is disabled, its roles or technician link change, or its password is replaced, so a token
 * carrying the old account is refused at once instead of living out its 15 minutes. The
 * instance that made the change cuts at once; the others learn it from the database
 * (`SessionEnds`). Cutoffs older than an access token's lifetime cut nothing and are forgotten.
 */
export class SessionCutoffs {
  private readonly cutoffs = new Map<string, number>();
  private readonly listeners = new Set<CutoffListener>();

  /** Whether `token` was issued at or before its user's cutoff. Checked on every request. */
  ends(token: IssuedToken): boolean {
    if (this.cutoffs.size === 0) return false;
    const cutoff = this.cutoffs.get(token.userId);
    return cutoff !== undefined && token.issuedAt <= cutoff;
  }

  /**
   * Records a cutoff for `userId`. Listeners hear of it (to close the user's sockets) only when
   * it is later than the one known, so learning the same cutoff again is a no-op.
   */
  cut(userId: string, cutoff: number): boolean {
    const known = this.cutoffs.get(userId);
    if (known !== undefined && known >= cutoff) return false;
    this.cutoffs.set(userId, cutoff);
    for (const listener of this.listeners) listener(userId, cutoff);
    return true;
  }

  /** Drops cutoffs at or before `instant`: every token issued before them has expired. */
  forgetBefore(instant: number): void {
    for (const [userId, cutoff] of this.cutoffs) if (cutoff <= instant) this.cutoffs.delete(userId);
  }

  /** Calls `listener` for every new cutoff; returns the unsubscribe. */
  onCut(listener: CutoffListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.cutoffs.size;
  }
}
