/** What a cutoff applies to: the user a token names and the session epoch it was issued in. */
export interface IssuedToken {
  readonly userId: string;
  readonly sessionEpoch: number;
}

export type CutoffListener = (userId: string, epoch: number) => void;

interface Cutoff {
  /** Tokens of an earlier epoch are ended. */
  epoch: number;
  /** When this instance learned it (its own clock): forgotten an access token's lifetime later. */
  learnedAt: number;
}

/**
 * Per user, the session epoch below which their access tokens no longer count. An account's
 * epoch (`users.session_epoch`) goes up when it is disabled, its roles or technician link
 * change, or its password is replaced; a token carries the epoch its account had when it was
 * issued, so a token carrying the old account is refused at once instead of living out its
 * 15 minutes. Epochs, not instants: no clock of any instance takes part in the comparison.
 * The instance that made the change cuts at once; the others learn it from the database
 * (`SessionEnds`).
 */
export class SessionCutoffs {
  private readonly cutoffs = new Map<string, Cutoff>();
  private readonly listeners = new Set<CutoffListener>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Whether `token` was issued in an epoch its user has left. Checked on every request. */
  ends(token: IssuedToken): boolean {
    if (this.cutoffs.size === 0) return false;
    const cutoff = this.cutoffs.get(token.userId);
    return cutoff !== undefined && token.sessionEpoch < cutoff.epoch;
  }

  /**
   * Records that `userId`'s tokens of an epoch below `epoch` are ended. Listeners hear of it (to
   * close the user's sockets) only when it is later than the one known, so learning the same
   * epoch again is a no-op. A listener that throws does not keep the others from hearing.
   */
  cut(userId: string, epoch: number): boolean {
    const known = this.cutoffs.get(userId);
    if (known !== undefined && known.epoch >= epoch) return false;
    this.cutoffs.set(userId, { epoch, learnedAt: this.now() });
    for (const listener of this.listeners) {
      try {
        listener(userId, epoch);
      } catch {
        // The cutoff holds for every later request all the same.
      }
    }
    return true;
  }

  /** Drops cutoffs learned at or before `instant`: every token they ended has expired since. */
  forgetLearnedBefore(instant: number): void {
    for (const [userId, cutoff] of this.cutoffs) if (cutoff.learnedAt <= instant) this.cutoffs.delete(userId);
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
