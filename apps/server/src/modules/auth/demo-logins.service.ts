import type { DemoLogins } from '@msched/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import { DEMO_PASSWORD, DEMO_SLUG } from '../../platform/db/seed/demo-plant';
import { AuthRepository } from './auth.repository';

const NONE: DemoLogins = { password: null, accounts: [] };

/** The seeded demo accounts, offered on the login page only while the server runs the demo. */
@Injectable()
export class DemoLoginsService {
  constructor(
    private readonly repository: AuthRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<DemoLogins> {
    // The README publishes these accounts; a server that does not seed them shows nothing.
    if (!this.config.seedDemo) return NONE;
    const accounts = await this.repository.activeUsersOfOrganization(DEMO_SLUG);
    return accounts.length > 0 ? { password: DEMO_PASSWORD, accounts } : NONE;
  }
}
