import { CreateEquipment, CreateLocation, CreateWorkOrder, EquipmentListQuery } from '@msched/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/principal';
import type { Database } from '../../src/platform/db/database';
import { ErrorCode } from '../../src/platform/http/app-error';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { type Services, appError, buildServices, principalOf } from './support';

describe('locations and equipment over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let org: OrganizationFixture;
  let other: OrganizationFixture;
  let services: Services;
  let manager: Principal;
  let otherManager: Principal;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    org = await createOrganization(database, 'assets');
    other = await createOrganization(database, 'rival');
    services = buildServices(database);
    manager = principalOf(org, 'manager');
    otherManager = principalOf(other, 'manager');
  });
  afterAll(() => dispose());

  const location = (input: Record<string, unknown>) => services.locations.create(manager, CreateLocation.parse(input));
  const equipment = (principal: Principal, input: Record<string, unknown>) =>
    services.equipment.create(principal, CreateEquipment.parse({ name: 'Unit', type: 'Pump', ...input }));

  describe('locations', () => {
    it('creates, reads, lists by parent, updates with a version and deletes', async () => {
      const site = await location({ name: 'North plant', code: 'NP', kind: 'SITE' });
      expect(site).toMatchObject({ name: 'North plant', code: 'NP', kind: 'SITE', parentId: null, description: null, version: 1 });
      const area = await location({ name: 'Boiler house', kind: 'AREA', parentId: site.id });
      expect(area.parentId).toBe(site.id);
      expect(await services.locations.get(manager, area.id)).toEqual(area);
      expect((await services.locations.list(manager, { parentId: site.id, page: 1, limit: 100 })).data.map((row) => row.id)).toEqual([
        area.id,
      ]);

      const renamed = await services.locations.update(manager, area.id, { name: 'Boiler hall', description: 'east wing' }, 1);
      expect(renamed).toMatchObject({ name: 'Boiler hall', description: 'east wing', kind: 'AREA', parentId: site.id, version: 2 });

      await services.locations.remove(manager, area.id, 2);
      await appError(services.locations.get(manager, area.id), ErrorCode.NotFound);
      expect((await services.locations.list(manager, { parentId: site.id, page: 1, limit: 100 })).data).toEqual([]);
    });

    it('refuses a parent that is not a location of the organization', async () => {
      const error = await appError(location({ name: 'Stray', parentId: other.locationId }), ErrorCode.Validation);
      expect(error.options.errors).toEqual([{ path: 'parentId', message: 'no such location in your organization' }]);
      const site = await location({ name: 'Lonely site' });
      await appError(services.locations.update(manager, site.id, { parentId: other.locationId }), ErrorCode.Validation);
      expect((await services.locations.get(manager, site.id)).parentId).toBeNull();
    });

    it('refuses to put a location inside itself or inside its own descendant', async () => {
      const top = await location({ name: 'Top' });
      const middle = await location({ name: 'Middle', parentId: top.id });
      const bottom = await location({ name: 'Bottom', parentId: middle.id });
      const error = await appError(services.locations.update(manager, top.id, { parentId: bottom.id }), ErrorCode.Validation);
      expect(error.options.errors).toEqual([{ path: 'parentId', message: 'a location cannot be inside itself' }]);
      await appError(services.locations.update(manager, top.id, { parentId: top.id }), ErrorCode.Validation);
      expect(await services.locations.get(manager, top.id)).toMatchObject({ parentId: null, version: 1 });
      // Moving a leaf under another branch is fine.
      const moved = await services.locations.update(manager, bottom.id, { parentId: top.id });
      expect(moved).toMatchObject({ parentId: top.id, version: 2 });
    });

    it('refuses to delete a location still referenced by a sub-location, equipment, part or technician', async () => {
      await appError(services.locations.remove(manager, org.locationId), ErrorCode.InUse); // EQ-1 stands there

      const parent = await location({ name: 'Parent' });
      await location({ name: 'Child', parentId: parent.id });
      await appError(services.locations.remove(manager, parent.id), ErrorCode.InUse);

      const store = await location({ name: 'Store' });
      await services.parts.create(manager, {
        partNumber: 'STORE-1',
        name: 'Kept here',
        unitCost: 0,
        onHand: 0,
        reorderPoint: 0,
        unit: 'each',
        locationId: store.id,
      });
      await appError(services.locations.remove(manager, store.id), ErrorCode.InUse);

      const depot = await location({ name: 'Depot' });
      await services.technicians.update(manager, org.otherTechnicianId, { homeLocationId: depot.id });
      await appError(services.locations.remove(manager, depot.id), ErrorCode.InUse);
      expect(await services.locations.get(manager, depot.id)).toMatchObject({ name: 'Depot', version: 1 });
    });

    it('refuses a delete or update against a stale version', async () => {
      const site = await location({ name: 'Versioned' });
      await services.locations.update(manager, site.id, { name: 'Versioned v2' }, 1);
      await appError(services.locations.remove(manager, site.id, 1), ErrorCode.PreconditionFailed);
      await appError(services.locations.update(manager, site.id, { name: 'Lost' }, 1), ErrorCode.PreconditionFailed);
      expect(await services.locations.get(manager, site.id)).toMatchObject({ name: 'Versioned v2', version: 2 });
    });

    it("does not reveal another organization's location", async () => {
      await appError(services.locations.get(manager, other.locationId), ErrorCode.NotFound);
      await appError(services.locations.remove(manager, other.locationId), ErrorCode.NotFound);
      expect((await services.locations.list(manager, { page: 1, limit: 100 })).data.map((row) => row.id)).not.toContain(other.locationId);
    });
  });

  describe('equipment numbers', () => {
    it('are unique per organization: the same number elsewhere is fine, twice in one organization is a Duplicate', async () => {
      const mine = await equipment(manager, { equipmentNumber: 'EQ-100' });
      const theirs = await equipment(otherManager, { equipmentNumber: 'EQ-100' });
      expect(mine.id).not.toBe(theirs.id);
      const error = await appError(equipment(manager, { equipmentNumber: 'EQ-100', name: 'Copy' }), ErrorCode.Duplicate);
      expect(error.message).toBe('Equipment number EQ-100 is already used in your organization');
    });

    it('are unique on update too, and the refused update changes nothing', async () => {
      const unit = await equipment(manager, { equipmentNumber: 'EQ-200' });
      const error = await appError(services.equipment.update(manager, unit.id, { equipmentNumber: 'EQ-1' }), ErrorCode.Duplicate);
      expect(error.message).toBe('Equipment number EQ-1 is already used in your organization');
      expect(await services.equipment.get(manager, unit.id)).toMatchObject({ equipmentNumber: 'EQ-200', version: 1 });
      const renumbered = await services.equipment.update(manager, unit.id, { equipmentNumber: 'EQ-201' }, 1);
      expect(renumbered).toMatchObject({ equipmentNumber: 'EQ-201', version: 2 });
    });
  });

  describe('equipment references', () => {
    it('must all be objects of the caller organization', async () => {
      const error = await appError(
        equipment(manager, {
          equipmentNumber: 'EQ-300',
          locationId: other.locationId,
          parentId: other.equipmentId,
          ownerId: other.users.admin.id,
          maintenanceManagerId: org.users.manager.id,
        }),
        ErrorCode.Validation,
      );
      expect(error.options.errors).toEqual([
        { path: 'locationId', message: 'no such location in your organization' },
        { path: 'parentId', message: 'no such equipment in your organization' },
        { path: 'ownerId', message: 'no such user in your organization' },
      ]);
    });

    it('cannot make equipment part of its own sub-component', async () => {
      const machine = await equipment(manager, { equipmentNumber: 'EQ-400' });
      const gearbox = await equipment(manager, { equipmentNumber: 'EQ-401', parentId: machine.id });
      const error = await appError(services.equipment.update(manager, machine.id, { parentId: gearbox.id }), ErrorCode.Validation);
      expect(error.options.errors).toEqual([{ path: 'parentId', message: 'equipment cannot be part of itself' }]);
      expect((await services.equipment.get(manager, machine.id)).parentId).toBeNull();
    });
  });

  describe('equipment list', () => {
    let fleet: OrganizationFixture;
    let planner: Principal;
    let hall: string;
    let compressor: string;
    const numbers = async (query: Record<string, unknown>) => {
      const page = await services.equipment.list(planner, EquipmentListQuery.parse(query));
      return { numbers: page.data.map((row) => row.equipmentNumber), total: page.total, page: page.page, limit: page.limit };
    };

    beforeAll(async () => {
      fleet = await createOrganization(database, 'fleet');
      planner = principalOf(fleet, 'planner');
      hall = (await services.locations.create(planner, CreateLocation.parse({ name: 'Hall 2', kind: 'AREA' }))).id;
      const create = (input: Record<string, unknown>) => services.equipment.create(planner, CreateEquipment.parse(input));
      compressor = (
        await create({ equipmentNumber: 'C-001', name: 'Compressor 50% duty', type: 'Compressor', status: 'DEGRADED', locationId: hall })
      ).id;
      await create({ equipmentNumber: 'C-002', name: 'Compressor spare', type: 'Compressor', status: 'DOWN', parentId: compressor });
      await create({ equipmentNumber: 'M-001', name: 'Motor 500 kW', type: 'Motor', parentId: compressor, locationId: hall });
      await create({ equipmentNumber: 'M-002', name: 'Motor_backup', type: 'Motor', status: 'RETIRED' });
    });

    it('filters by status, type, location and parent', async () => {
      expect(await numbers({ status: 'DEGRADED' })).toMatchObject({ numbers: ['C-001'], total: 1 });
      expect(await numbers({ status: 'OPERATIONAL' })).toMatchObject({ numbers: ['EQ-1', 'M-001'], total: 2 });
      expect(await numbers({ type: 'Motor' })).toMatchObject({ numbers: ['M-001', 'M-002'], total: 2 });
      expect(await numbers({ locationId: hall })).toMatchObject({ numbers: ['C-001', 'M-001'], total: 2 });
      expect(await numbers({ locationId: fleet.locationId })).toMatchObject({ numbers: ['EQ-1'], total: 1 });
      expect(await numbers({ parentId: compressor })).toMatchObject({ numbers: ['C-002', 'M-001'], total: 2 });
      expect(await numbers({ type: 'Motor', locationId: hall })).toMatchObject({ numbers: ['M-001'], total: 1 });
    });

    it('searches name and number case-insensitively, with LIKE wildcards taken literally', async () => {
      expect(await numbers({ search: 'compressor' })).toMatchObject({ numbers: ['C-001', 'C-002'], total: 2 });
      expect(await numbers({ search: 'm-00' })).toMatchObject({ numbers: ['M-001', 'M-002'], total: 2 });
      // Unescaped, "50%" would also match "Motor 500 kW" and "_" would match everything.
      expect(await numbers({ search: '50%' })).toMatchObject({ numbers: ['C-001'], total: 1 });
      expect(await numbers({ search: '_' })).toMatchObject({ numbers: ['M-002'], total: 1 });
      expect(await numbers({ search: 'nothing like this' })).toMatchObject({ numbers: [], total: 0 });
    });

    it('pages in equipment-number order with the total of all matches', async () => {
      expect(await numbers({ limit: 2 })).toEqual({ numbers: ['C-001', 'C-002'], total: 5, page: 1, limit: 2 });
      expect(await numbers({ limit: 2, page: 2 })).toEqual({ numbers: ['EQ-1', 'M-001'], total: 5, page: 2, limit: 2 });
      expect(await numbers({ limit: 2, page: 3 })).toEqual({ numbers: ['M-002'], total: 5, page: 3, limit: 2 });
      expect(await numbers({ limit: 2, page: 4 })).toEqual({ numbers: [], total: 5, page: 4, limit: 2 });
      expect(await numbers({ type: 'Compressor', limit: 1, page: 2 })).toEqual({ numbers: ['C-002'], total: 2, page: 2, limit: 1 });
    });
  });

  describe('equipment delete', () => {
    it('deletes equipment without history or children', async () => {
      const unit = await equipment(manager, { equipmentNumber: 'EQ-500' });
      await services.equipment.remove(manager, unit.id, 1);
      await appError(services.equipment.get(manager, unit.id), ErrorCode.NotFound);
    });

    it('refuses equipment that has work orders or sub-components', async () => {
      const pump = await equipment(manager, { equipmentNumber: 'EQ-600' });
      await services.workOrders.create(manager, CreateWorkOrder.parse({ title: 'Check the pump', equipmentId: pump.id }));
      const error = await appError(services.equipment.remove(manager, pump.id), ErrorCode.InUse);
      expect(error.message).toMatch(/^This equipment has 1 work order\(s\) and 0 sub-component\(s\)/);
      expect(await services.equipment.get(manager, pump.id)).toMatchObject({ equipmentNumber: 'EQ-600', version: 1 });

      const frame = await equipment(manager, { equipmentNumber: 'EQ-700' });
      await equipment(manager, { equipmentNumber: 'EQ-701', parentId: frame.id });
      await appError(services.equipment.remove(manager, frame.id), ErrorCode.InUse);
    });

    it("does not reveal another organization's equipment", async () => {
      await appError(services.equipment.remove(manager, other.equipmentId), ErrorCode.NotFound);
      await appError(services.equipment.update(manager, other.equipmentId, { name: 'Mine now' }), ErrorCode.NotFound);
      expect((await services.equipment.get(otherManager, other.equipmentId)).name).toBe('Feed pump');
    });
  });
});
