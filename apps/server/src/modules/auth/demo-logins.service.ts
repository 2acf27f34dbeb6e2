import type { DemoLogins } from '@msched/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import { verifyPassword } from '../../platform/auth/passwords';
import { TECHNICIAN_PROFILES } from '../../platform/db/seed/catalog';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../platform/db/seed/demo-plant';
import { AuthRepository } from './auth.repository';

const NONE: DemoLogins = { password: null, accounts: [] };

/** The accounts the demo seed creates (plant-assets.ts) and the README publishes; no others are offered. */
export const DEMO_ACCOUNT_EMAILS: readonly string[] = [
  'admin',
  'manager',
  'planner',
  ...TECHNICIAN_PROFILES.map((_, index) => `tech${index + 1}`),
  'requester',
].map((local) => `${local}@example.com`);

/**
 * The seeded demo accounts, offered on the login page only while the server runs the demo, and
 * only those whose password is still the published one: an account whose password was changed
 * (or one an admin added to the demo organization) is nobody's to advertise.
 */
@Injectable()
export class DemoLoginsService {
  /**
   * Whether a stored hash is of the demo password, by hash. argon2 is slow on purpose, so each
   * hash is verified once; only the hashes current at the last request are kept (at most one per
   * demo account), and only an admin changing a password makes a new one.
   */
  private verified = new Map<string, Promise<boolean>>();

  constructor(
    private readonly repository: AuthRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<DemoLogins> {
    if (!this.config.seedDemo) return NONE;
    const candidates = await this.repository.activeUsersByEmail(DEMO_SLUG, DEMO_ACCOUNT_EMAILS);
    const current = new Map<string, Promise<boolean>>();
    for (const { passwordHash } of candidates) {
      if (!current.has(passwordHash))
        current.set(passwordHash, this.verified.get(passwordHash) ?? verifyPassword(passwordHash, DEMO_PASSWORD));
    }
    this.verified = current;
    const stillDemo = await Promise.all(candidates.map(({ passwordHash }) => current.get(passwordHash)!));
    const accounts = candidates.filter((_, index) => stillDemo[index]).map(({ email, name, roles }) => ({ email, name, roles }));
    return accounts.length > 0 ? { password: DEMO_PASSWORD, accounts } : NONE;
  }
}
