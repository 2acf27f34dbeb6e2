import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { gt } from 'drizzle-orm';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import { ACCESS_TOKEN_TTL_SECONDS, TokenSigner } from '../../platform/auth/tokens';
import { Database } from '../../platform/db/database';
import { users } from '../../platform/db/schema';

/** Clocks of instances may differ by this much: a cutoff is kept this long past a token's lifetime. */
const CLOCK_MARGIN_MS = 60_000;

/**
 * Brings every instance the session cutoffs (`users.sessions_ended_at`): the instance that
 * committed a change applies its cutoff at once (`ended`); every instance reads the cutoffs of
 * the last access-token lifetime from the database at start and every `SESSION_END_POLL_MS`.
 * The read is of all recent cutoffs, not of those after the last seen, so a change committed
 * out of order is not skipped; there are few (they follow admins' edits of accounts).
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

  /** A cutoff this instance committed (called after the commit). */
  ended(userId: string, cutoff: number): void {
    this.tokens.cutoffs.cut(userId, cutoff);
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
    const since = Date.now() - ACCESS_TOKEN_TTL_SECONDS * 1000 - CLOCK_MARGIN_MS;
    try {
      const rows = await this.database.read(() =>
        this.database.db
          .select({ id: users.id, endedAt: users.sessionsEndedAt })
          .from(users)
          .where(gt(users.sessionsEndedAt, new Date(since))),
      );
      for (const { id, endedAt } of rows) if (endedAt) this.tokens.cutoffs.cut(id, endedAt.getTime());
      this.tokens.cutoffs.forgetBefore(since);
      if (this.failing) this.logger.log('Session cutoffs are read again');
      this.failing = false;
    } catch (error) {
      if (!this.failing && !this.stopped)
        this.logger.warn(`Session cutoffs could not be read (${(error as Error).message}); the known ones still hold`);
      this.failing = true;
    } finally {
      this.reading = false;
    }
  }
}
