import type { Role } from '@msched/contracts';
import { hashPassword } from '../../src/platform/auth/passwords';
import type { Database } from '../../src/platform/db/database';
import {
  equipment,
  locations,
  organizations,
  parts,
  stockMovements,
  technicianAvailability,
  technicians,
  users,
} from '../../src/platform/db/schema';

export const TEST_PASSWORD = 'test-password-123';
let passwordHash: Promise<string> | undefined;

export interface OrganizationFixture {
  organizationId: string;
  slug: string;
  users: Record<
    'admin' | 'manager' | 'planner' | 'technician' | 'otherTechnician' | 'requester' | 'otherRequester',
    { id: string; email: string }
  >;
  technicianId: string;
  otherTechnicianId: string;
  locationId: string;
  equipmentId: string;
  partId: string;
}

/**
 * An organization with one user per role (plus a second technician and requester, to test
 * "own" against "other"), a location, a pump, and a part with 10 in stock.
 */
export async function createOrganization(database: Database, slug: string): Promise<OrganizationFixture> {
  const db = database.db;
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const [organization] = await db
    .insert(organizations)
    .values({ name: `Org ${slug}`, slug })
    .returning();
  const organizationId = organization!.id;
  const [location] = await db
    .insert(locations)
    .values({ organizationId, name: `${slug} site`, kind: 'SITE' })
    .returning();
  const [technician, otherTechnician] = await db
    .insert(technicians)
    .values([
      {
        organizationId,
        employeeId: 'T-1',
        firstName: 'Tess',
        lastName: 'Turner',
        skills: [
          { skill: 'mechanical', level: 3 },
          { skill: 'electrical', level: 2 },
        ],
        hourlyRate: 50,
      },
      {
        organizationId,
        employeeId: 'T-2',
        firstName: 'Otto',
        lastName: 'Olsen',
        skills: [{ skill: 'mechanical', level: 1 }],
        hourlyRate: 40,
      },
    ])
    .returning();
  await db.insert(technicianAvailability).values([
    { technicianId: technician!.id, organizationId },
    { technicianId: otherTechnician!.id, organizationId },
  ]);
  const people: [keyof OrganizationFixture['users'], Role, string | null][] = [
    ['admin', 'admin', null],
    ['manager', 'manager', null],
    ['planner', 'planner', null],
    ['technician', 'technician', technician!.id],
    ['otherTechnician', 'technician', otherTechnician!.id],
    ['requester', 'requester', null],
    ['otherRequester', 'requester', null],
  ];
  const inserted = await db
    .insert(users)
    .values(
      people.map(([key, role, technicianId]) => ({
        organizationId,
        email: `${key.toLowerCase()}@${slug}.test`,
        name: `${key} of ${slug}`,
        passwordHash: hash,
        roles: [role],
        technicianId,
      })),
    )
    .returning();
  const userMap = Object.fromEntries(
    people.map(([key], index) => [key, { id: inserted[index]!.id, email: inserted[index]!.email }]),
  ) as OrganizationFixture['users'];
  const [pump] = await db
    .insert(equipment)
    .values({ organizationId, equipmentNumber: 'EQ-1', name: 'Feed pump', type: 'Pump', locationId: location!.id })
    .returning();
  const [part] = await db
    .insert(parts)
    .values({ organizationId, partNumber: 'P-1', name: 'Mechanical seal', unitCost: 25.5, onHand: 10 })
    .returning();
  await db
    .insert(stockMovements)
    .values({ organizationId, partId: part!.id, kind: 'RECEIPT', quantity: 10, onHandAfter: 10, reservedAfter: 0 });
  return {
    organizationId,
    slug,
    users: userMap,
    technicianId: technician!.id,
    otherTechnicianId: otherTechnician!.id,
    locationId: location!.id,
    equipmentId: pump!.id,
    partId: part!.id,
  };
}
