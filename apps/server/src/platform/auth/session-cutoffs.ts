/**
 * What a cutoff applies to: the user a token names, the session epoch it was issued in, and the
 * login session it belongs to (its refresh-token family; null in tokens from before sessions).
 */
export interface IssuedToken {
  readonly userId: string;
  readonly sessionEpoch: number;
  readonly sessionId: string | null;
}

/** Told the user whose tokens were just ended; `ends` says which of their tokens. */
export type CutoffListener = (userId: string) => void;

interface Cutoff {
  /** Tokens of an earlier epoch are ended. */
  epoch: number;
  /** When this instance learned it (its own clock): forgotten an access token's lifetime later. */
  learnedAt: number;
}

/**
 * Which access tokens no longer count although their signature holds, so a token is refused at
 * once instead of living out its 15 minutes:
 *
 * - Per user, the session epoch below which their tokens are ended. An account's epoch
 *   (`users.session_epoch`) goes up when it is disabled, its roles or technician link change, or
 *   its password is replaced; a token carries the epoch its account had when it was issued.
 *   Epochs, not instants: no clock of any instance takes part in the comparison.
 * - Per login session, whether it was ended: a logout, or a spent refresh token shown again,
 *   revokes the session's refresh-token family, and the access tokens issued in it (they carry
 *   the family's id) end with it. The user's other sessions go on.
 *
 * The instance that made the change cuts at once; the others learn it from the database
 * (`SessionEnds`).
 */
export class SessionCutoffs {
  private readonly cutoffs = new Map<string, Cutoff>();
  /** Ended login sessions, by id, with when this instance learned of each. */
  private readonly endedSessions = new Map<string, number>();
  private readonly listeners = new Set<CutoffListener>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Whether `token` was issued in an epoch its user has left, or in a session that ended. Checked on every request. */
  ends(token: IssuedToken): boolean {
    if (this.cutoffs.size > 0) {
      const cutoff = this.cutoffs.get(token.userId);
      if (cutoff !== undefined && token.sessionEpoch < cutoff.epoch) return true;
    }
    return this.endedSessions.size > 0 && token.sessionId !== null && this.endedSessions.has(token.sessionId);
  }

  /**
   * Records that `userId`'s tokens of an epoch below `epoch` are ended. Listeners hear of it (to
   * close the user's sockets) only when it is later than the one known, so learning the same
   * epoch again is a no-op.
   */
  cut(userId: string, epoch: number): boolean {
    const known = this.cutoffs.get(userId);
    if (known !== undefined && known.epoch >= epoch) return false;
    this.cutoffs.set(userId, { epoch, learnedAt: this.now() });
    this.tell(userId);
    return true;
  }

  /** Records that the tokens of login session `sessionId` (of `userId`) are ended; a no-op when already known. */
  endSession(userId: string, sessionId: string): boolean {
    if (this.endedSessions.has(sessionId)) return false;
    this.endedSessions.set(sessionId, this.now());
    this.tell(userId);
    return true;
  }

  /** Drops what was learned at or before `instant`: every token it ended has expired since. */
  forgetLearnedBefore(instant: number): void {
    for (const [userId, cutoff] of this.cutoffs) if (cutoff.learnedAt <= instant) this.cutoffs.delete(userId);
    for (const [sessionId, learnedAt] of this.endedSessions) if (learnedAt <= instant) this.endedSessions.delete(sessionId);
  }

  /** Calls `listener` for every new cutoff or ended session; returns the unsubscribe. */
  onCut(listener: CutoffListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cutoffs and ended sessions known. */
  get size(): number {
    return this.cutoffs.size + this.endedSessions.size;
  }

  /** A listener that throws does not keep the others from hearing. */
  private tell(userId: string): void {
    for (const listener of this.listeners) {
      try {
        listener(userId);
      } catch {
        // The cutoff holds for every later request all the same.
      }
    }
  }
}
