import type { Paged, User } from '@msched/contracts';

let counter = 0;

/** Rita Weber, an active planner without a technician link; each test changes what it is about. */
export function account(overrides: Partial<User> = {}): User {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(500 + counter).padStart(12, '0')}`,
    email: 'rita.weber@example.com',
    name: 'Rita Weber',
    roles: ['planner'],
    organizationId: '00000000-0000-4000-8000-000000000001',
    technicianId: null,
    active: true,
    version: 1,
    createdAt: '2026-01-05T08:00:00.000Z',
    updatedAt: '2026-01-05T08:00:00.000Z',
    ...overrides,
  };
}

export const usersPage = (data: User[], extra: Partial<Paged<User>> = {}): Paged<User> => ({
  data,
  total: data.length,
  page: 1,
  limit: 20,
  ...extra,
});
