import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import { ACCESS_TOKEN_TTL_SECONDS, TokenSigner } from '../../platform/auth/tokens';
import { Database } from '../../platform/db/database';
import { refreshTokens, users } from '../../platform/db/schema';

/**
 * How far back the cutoffs are read, and how long one is kept: an access token's lifetime, plus a
 * minute for the time between a change's commit and its timestamp, and between instances' clocks.
 */
const WINDOW_MS = ACCESS_TOKEN_TTL_SECONDS * 1000 + 60_000;
/** A read that has not answered by then is given up (a connection dropped without a word). */
const READ_TIMEOUT_MS = 10_000;

/**
 * Brings every instance the session cutoffs: the epochs of changed accounts
 * (`users.session_epoch`) and the login sessions that ended (a refresh-token family revoked by a
 * logout, a spent refresh token shown again, or an account change). The instance that committed
 * a change applies it at once (`ended`, `sessionEnded`); every instance reads the accounts changed
 * and the sessions ended within the last access-token lifetime at start and every
 * `SESSION_END_POLL_MS`. The read is of all recent changes, not of those after the last seen, so
 * a change committed out of order is not skipped; there are few (admins' edits of accounts, and
 * logouts). The window is taken on the database's clock, which stamped the changes.
 *
 * While the database cannot be read, the cutoffs already known still hold; one committed on
 * another instance meanwhile applies here once the database answers again.
 */
@Injectable()
export class SessionEnds implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionEnds.name);
  private timer: NodeJS.Timeout | undefined;
  private reading = false;
  private failing = false;
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly tokens: TokenSigner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A change this instance committed: the user's tokens of an epoch below `epoch` are ended. */
  ended(userId: string, epoch: number): void {
    this.tokens.cutoffs.cut(userId, epoch);
  }

  /** A login session this instance revoked (and committed): the access tokens issued in it are ended. */
  sessionEnded(userId: string, sessionId: string): void {
    this.tokens.cutoffs.endSession(userId, sessionId);
  }

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.config.sessionEndPollMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Reads the cutoffs that can still end a token and applies them; never throws. */
  async refresh(): Promise<void> {
    if (this.reading || this.stopped) return;
    this.reading = true;
    let timeout: NodeJS.Timeout | undefined;
    try {
      const recent = (stamp: typeof users.sessionsEndedAt | typeof refreshTokens.revokedAt) =>
        sql`${stamp} > now() - make_interval(secs => ${WINDOW_MS / 1000})`;
      const read = this.database.read(() =>
        Promise.all([
          this.database.db.select({ id: users.id, epoch: users.sessionEpoch }).from(users).where(recent(users.sessionsEndedAt)),
          this.database.db
            .selectDistinct({ userId: refreshTokens.userId, sessionId: refreshTokens.familyId })
            .from(refreshTokens)
            .where(recent(refreshTokens.revokedAt)),
        ]),
      );
      const gaveUp = new Promise<never>((_, reject) => {
        timeout = setTimeout(() => reject(new Error(`no answer in ${READ_TIMEOUT_MS / 1000} s`)), READ_TIMEOUT_MS);
      });
      const [accounts, sessions] = await Promise.race([read, gaveUp]);
      for (const { id, epoch } of accounts) this.tokens.cutoffs.cut(id, epoch);
      for (const { userId, sessionId } of sessions) this.tokens.cutoffs.endSession(userId, sessionId);
      this.tokens.cutoffs.forgetLearnedBefore(Date.now() - WINDOW_MS);
      if (this.failing) this.logger.log('Session cutoffs are read again');
      this.failing = false;
    } catch (error) {
      if (!this.failing && !this.stopped) {
        this.logger.warn(`Session cutoffs could not be read (${(error as Error).message}); the known ones still hold`);
      }
      this.failing = true;
    } finally {
      clearTimeout(timeout);
      this.reading = false;
    }
  }
}
