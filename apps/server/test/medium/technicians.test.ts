import { CreateTechnician, TechnicianAvailability, TechnicianListQuery } from '@msched/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/principal';
import type { Database } from '../../src/platform/db/database';
import { ErrorCode } from '../../src/platform/http/app-error';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { type Services, appError, buildServices, principalOf } from './support';

describe('TechniciansService over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let org: OrganizationFixture;
  let other: OrganizationFixture;
  let services: Services;
  let manager: Principal;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    org = await createOrganization(database, 'crew');
    other = await createOrganization(database, 'othercrew');
    services = buildServices(database);
    manager = principalOf(org, 'manager');
  });
  afterAll(() => dispose());

  const create = (principal: Principal, input: Record<string, unknown>) =>
    services.technicians.create(principal, CreateTechnician.parse(input));

  describe('create', () => {
    it('stores the technician with normalized skills and an empty availability of its own', async () => {
      const created = await create(manager, {
        employeeId: 'T-10',
        firstName: 'Wanda',
        lastName: 'Welder',
        email: 'wanda@crew.test',
        skills: [{ skill: 'Welding', level: 4 }],
        hourlyRate: 62.5,
        homeLocationId: org.locationId,
      });
      expect(created).toMatchObject({
        employeeId: 'T-10',
        firstName: 'Wanda',
        lastName: 'Welder',
        email: 'wanda@crew.test',
        phone: null,
        skills: [{ skill: 'welding', level: 4 }],
        hourlyRate: 62.5,
        homeLocationId: org.locationId,
        active: true,
        version: 1,
      });
      expect(await services.technicians.getAvailability(manager, created.id)).toEqual({
        technicianId: created.id,
        timezone: 'UTC',
        weeklyPattern: [],
        exceptions: [],
        version: 1,
      });
    });

    it('refuses an employee id already used in the organization, but not one used elsewhere', async () => {
      const error = await appError(create(manager, { employeeId: 'T-1', firstName: 'Dup', lastName: 'Licate' }), ErrorCode.Duplicate);
      expect(error.message).toBe('Employee id T-1 is already used in your organization');
      const elsewhere = await create(principalOf(other, 'manager'), { employeeId: 'T-10', firstName: 'Same', lastName: 'Number' });
      expect(elsewhere.employeeId).toBe('T-10');
    });

    it('refuses a home location of another organization', async () => {
      const error = await appError(
        create(manager, { employeeId: 'T-11', firstName: 'No', lastName: 'Home', homeLocationId: other.locationId }),
        ErrorCode.Validation,
      );
      expect(error.options.errors).toEqual([{ path: 'homeLocationId', message: 'no such location in your organization' }]);
    });

    it('refuses an update to an employee id taken by a colleague', async () => {
      await appError(services.technicians.update(manager, org.otherTechnicianId, { employeeId: 'T-1' }), ErrorCode.Duplicate);
      expect((await services.technicians.get(manager, org.otherTechnicianId)).employeeId).toBe('T-2');
    });
  });

  describe('list', () => {
    let roster: OrganizationFixture;
    let planner: Principal;
    const names = async (query: Record<string, unknown>) => {
      const page = await services.technicians.list(planner, TechnicianListQuery.parse(query));
      return { names: page.data.map((row) => `${row.firstName} ${row.lastName}`), total: page.total };
    };

    beforeAll(async () => {
      roster = await createOrganization(database, 'roster');
      planner = principalOf(roster, 'planner');
      const add = (input: Record<string, unknown>) =>
        services.technicians.create(principalOf(roster, 'manager'), CreateTechnician.parse(input));
      await add({ employeeId: 'E-100%', firstName: 'Ada', lastName: 'Ampere', skills: [{ skill: 'electrical', level: 5 }] });
      await add({ employeeId: 'E-200', firstName: 'Hugo', lastName: 'Hydraulic', skills: [{ skill: 'hydraulics', level: 3 }] });
      await add({ employeeId: 'E-300', firstName: 'Ina', lastName: 'Idle', skills: [{ skill: 'electrical', level: 1 }], active: false });
    });

    it('filters by skill whatever its level, and by active flag', async () => {
      expect(await names({ skill: 'electrical' })).toEqual({ names: ['Ada Ampere', 'Ina Idle', 'Tess Turner'], total: 3 });
      expect(await names({ skill: 'ELECTRICAL', active: 'true' })).toEqual({ names: ['Ada Ampere', 'Tess Turner'], total: 2 });
      expect(await names({ skill: 'hydraulics' })).toEqual({ names: ['Hugo Hydraulic'], total: 1 });
      expect(await names({ skill: 'welding' })).toEqual({ names: [], total: 0 });
      expect(await names({ active: 'false' })).toEqual({ names: ['Ina Idle'], total: 1 });
    });

    it('searches the full name (either name alone too) and employee id, with wildcards taken literally', async () => {
      expect(await names({ search: 'olsen' })).toEqual({ names: ['Otto Olsen'], total: 1 });
      expect(await names({ search: 'OTTO OLSEN' })).toEqual({ names: ['Otto Olsen'], total: 1 });
      expect(await names({ search: 'hug' })).toEqual({ names: ['Hugo Hydraulic'], total: 1 });
      expect(await names({ search: 'e-' })).toEqual({ names: ['Ada Ampere', 'Hugo Hydraulic', 'Ina Idle'], total: 3 });
      expect(await names({ search: '0%' })).toEqual({ names: ['Ada Ampere'], total: 1 });
      expect(await names({ search: 'electrical', skill: 'electrical' })).toEqual({ names: [], total: 0 });
    });

    it('pages in last-name order with the total of all matches', async () => {
      const first = await services.technicians.list(planner, TechnicianListQuery.parse({ limit: 2 }));
      const second = await services.technicians.list(planner, TechnicianListQuery.parse({ limit: 2, page: 3 }));
      expect(first.data.map((row) => row.lastName)).toEqual(['Ampere', 'Hydraulic']);
      expect(second.data.map((row) => row.lastName)).toEqual(['Turner']);
      expect([first.total, second.total]).toEqual([5, 5]);
    });
  });

  describe('visibility', () => {
    it('a technician sees their own record and availability, not a colleague', async () => {
      const tess = principalOf(org, 'technician');
      expect((await services.technicians.get(tess, org.technicianId)).employeeId).toBe('T-1');
      expect((await services.technicians.getAvailability(tess, org.technicianId)).technicianId).toBe(org.technicianId);
      await appError(services.technicians.get(tess, org.otherTechnicianId), ErrorCode.NotFound);
      await appError(services.technicians.getAvailability(tess, org.otherTechnicianId), ErrorCode.NotFound);
      await appError(services.technicians.update(tess, org.otherTechnicianId, { phone: '555' }), ErrorCode.NotFound);
    });

    it("staff see every technician of their organization, and no other organization's", async () => {
      const planner = principalOf(org, 'planner');
      expect((await services.technicians.get(planner, org.otherTechnicianId)).employeeId).toBe('T-2');
      await appError(services.technicians.get(planner, other.technicianId), ErrorCode.NotFound);
      await appError(services.technicians.getAvailability(planner, other.technicianId), ErrorCode.NotFound);
    });
  });

  describe('availability', () => {
    const week = TechnicianAvailability.parse({
      timezone: 'Europe/Berlin',
      weeklyPattern: [
        { weekday: 1, start: '07:00', end: '15:30' },
        { weekday: 5, start: '22:00', end: '06:00' },
      ],
      exceptions: [
        { start: '2030-03-02T00:00:00Z', end: '2030-03-09T00:00:00Z', reason: 'leave' },
        { start: '2030-02-01T08:00:00+01:00', end: '2030-02-01T12:00:00+01:00', available: true, overtime: true },
      ],
    });

    it('replaces pattern and exceptions together and bumps the version', async () => {
      const saved = await services.technicians.replaceAvailability(manager, org.technicianId, week, 1);
      const expected = {
        technicianId: org.technicianId,
        timezone: 'Europe/Berlin',
        weeklyPattern: [
          { weekday: 1, start: '07:00', end: '15:30' },
          { weekday: 5, start: '22:00', end: '06:00' },
        ],
        exceptions: [
          { start: '2030-02-01T07:00:00.000Z', end: '2030-02-01T11:00:00.000Z', available: true, overtime: true, reason: null },
          { start: '2030-03-02T00:00:00.000Z', end: '2030-03-09T00:00:00.000Z', available: false, overtime: false, reason: 'leave' },
        ],
        version: 2,
      };
      expect(saved).toEqual(expected);
      expect(await services.technicians.getAvailability(manager, org.technicianId)).toEqual(expected);

      const cleared = await services.technicians.replaceAvailability(
        manager,
        org.technicianId,
        TechnicianAvailability.parse({ weeklyPattern: [{ weekday: 2, start: '08:00', end: '16:00' }], exceptions: [] }),
        2,
      );
      expect(cleared).toEqual({
        technicianId: org.technicianId,
        timezone: 'UTC',
        weeklyPattern: [{ weekday: 2, start: '08:00', end: '16:00' }],
        exceptions: [],
        version: 3,
      });
    });

    it('refuses a stale version and keeps what was there', async () => {
      const before = await services.technicians.getAvailability(manager, org.otherTechnicianId);
      await services.technicians.replaceAvailability(manager, org.otherTechnicianId, week, before.version);
      const error = await appError(
        services.technicians.replaceAvailability(
          manager,
          org.otherTechnicianId,
          TechnicianAvailability.parse({ weeklyPattern: [], exceptions: [] }),
          before.version,
        ),
        ErrorCode.PreconditionFailed,
      );
      expect(error.options.extensions).toEqual({ currentVersion: before.version + 1 });
      const after = await services.technicians.getAvailability(manager, org.otherTechnicianId);
      expect(after.version).toBe(before.version + 1);
      expect(after.timezone).toBe('Europe/Berlin');
      expect(after.exceptions).toHaveLength(2);
    });

    it("cannot replace another organization's availability", async () => {
      await appError(services.technicians.replaceAvailability(manager, other.technicianId, week), ErrorCode.NotFound);
      expect((await services.technicians.getAvailability(principalOf(other, 'manager'), other.technicianId)).version).toBe(1);
    });
  });
});
