import { describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../config';
import * as passwords from '../../platform/auth/passwords';
import { DEMO_PASSWORD } from '../../platform/db/seed/demo-plant';
import { buildOrganizationDataset } from '../../platform/db/seed/organization-dataset';
import { Random } from '../../platform/db/seed/random';
import type { AuthRepository } from './auth.repository';
import { DEMO_ACCOUNT_EMAILS, DemoLoginsService } from './demo-logins.service';

type Candidate = Awaited<ReturnType<AuthRepository['activeUsersByEmail']>>[number];

const demoConfig = { seedDemo: true } as AppConfig;

function serviceOver(rows: () => Candidate[]) {
  const repository = { activeUsersByEmail: vi.fn(async () => rows()) };
  return { service: new DemoLoginsService(repository as unknown as AuthRepository, demoConfig), repository };
}

describe('DemoLoginsService', () => {
  it('offers exactly the accounts the demo seed creates', () => {
    const dataset = buildOrganizationDataset({
      name: 'Demo Plant',
      slug: 'demo-plant',
      emailDomain: 'example.com',
      random: Random.fromText('demo-plant'),
      now: new Date('2026-01-05T08:00:00Z'),
      passwordHash: 'unused',
    });
    expect([...DEMO_ACCOUNT_EMAILS].sort()).toEqual(dataset.users.map((user) => user.email).sort());
    expect(DEMO_ACCOUNT_EMAILS).toContain('tech12@example.com');
  });

  it('lists only accounts whose password is still the demo password, verifying each stored hash once', async () => {
    const demoHash = await passwords.hashPassword(DEMO_PASSWORD);
    const changedHash = await passwords.hashPassword('a-password-of-their-own');
    let rows: Candidate[] = [
      { email: 'admin@example.com', name: 'Ada Admin', roles: ['admin'], passwordHash: demoHash },
      { email: 'tech1@example.com', name: 'Tess Tech', roles: ['technician'], passwordHash: demoHash },
      { email: 'planner@example.com', name: 'Pia Planner', roles: ['planner'], passwordHash: changedHash },
    ];
    const { service, repository } = serviceOver(() => rows);
    const verify = vi.spyOn(passwords, 'verifyPassword');

    const first = await service.list();
    expect(first).toEqual({
      password: DEMO_PASSWORD,
      accounts: [
        { email: 'admin@example.com', name: 'Ada Admin', roles: ['admin'] },
        { email: 'tech1@example.com', name: 'Tess Tech', roles: ['technician'] },
      ],
    });
    expect(repository.activeUsersByEmail).toHaveBeenCalledWith('demo-plant', DEMO_ACCOUNT_EMAILS);
    await Promise.all([service.list(), service.list(), service.list()]);
    expect(verify).toHaveBeenCalledTimes(2);

    // Every password changed: nothing to offer, and no password either.
    rows = rows.map((row) => ({ ...row, passwordHash: changedHash }));
    expect(await service.list()).toEqual({ password: null, accounts: [] });
    expect(verify).toHaveBeenCalledTimes(2);
    verify.mockRestore();
  });

  it('offers nothing on a server that does not run the demo', async () => {
    const repository = { activeUsersByEmail: vi.fn() };
    const service = new DemoLoginsService(repository as unknown as AuthRepository, { seedDemo: false } as AppConfig);
    expect(await service.list()).toEqual({ password: null, accounts: [] });
    expect(repository.activeUsersByEmail).not.toHaveBeenCalled();
  });
});
