import { ROLES, type Role } from '@msched/contracts';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../http/app-error';
import {
  PERMISSIONS,
  type Permission,
  type WorkOrderOwnership,
  canExecuteWorkOrder,
  canSeeTechnician,
  canSeeWorkOrder,
  effectiveRoles,
  isAllowed,
  requirePermission,
  seesWholeOrganization,
} from './access-policy';
import type { Principal } from './principal';

const ME = 'user-me';
const MY_TECHNICIAN = 'tech-me';

function principal(roles: Role[], technicianId: string | null = null): Principal {
  return { userId: ME, organizationId: 'org-1', roles, technicianId };
}

const myAssignment: WorkOrderOwnership = { technicianId: MY_TECHNICIAN, crewTechnicianIds: [], requesterId: 'someone-else' };
const myCrewWork: WorkOrderOwnership = {
  technicianId: 'tech-other',
  crewTechnicianIds: ['tech-third', MY_TECHNICIAN],
  requesterId: 'someone-else',
};
const myRequest: WorkOrderOwnership = { technicianId: 'tech-other', crewTechnicianIds: [], requesterId: ME };
const othersWork: WorkOrderOwnership = { technicianId: 'tech-other', crewTechnicianIds: ['tech-third'], requesterId: 'someone-else' };
const unassigned: WorkOrderOwnership = { technicianId: null, crewTechnicianIds: [], requesterId: null };

describe('effectiveRoles', () => {
  it('a technician acts as technician on their own assignment', () => {
    expect(effectiveRoles(principal(['technician'], MY_TECHNICIAN), myAssignment)).toEqual(['technician']);
  });

  it('a technician acts as technician on work they are in the crew of', () => {
    expect(effectiveRoles(principal(['technician'], MY_TECHNICIAN), myCrewWork)).toEqual(['technician']);
  });

  it("a technician has no role on someone else's assignment", () => {
    expect(effectiveRoles(principal(['technician'], MY_TECHNICIAN), othersWork)).toEqual([]);
  });

  it('a technician user without a technician record does not count on unassigned work', () => {
    expect(effectiveRoles(principal(['technician'], null), unassigned)).toEqual([]);
  });

  it('a technician does not count on unassigned work', () => {
    expect(effectiveRoles(principal(['technician'], MY_TECHNICIAN), unassigned)).toEqual([]);
  });

  it('a requester acts as requester on their own request only', () => {
    expect(effectiveRoles(principal(['requester']), myRequest)).toEqual(['requester']);
    expect(effectiveRoles(principal(['requester']), othersWork)).toEqual([]);
    expect(effectiveRoles(principal(['requester']), unassigned)).toEqual([]);
  });

  it('staff roles count on every work order', () => {
    for (const role of ['admin', 'manager', 'planner'] as const) {
      expect(effectiveRoles(principal([role]), othersWork)).toEqual([role]);
      expect(effectiveRoles(principal([role]), unassigned)).toEqual([role]);
    }
  });

  it("a planner who is also a technician acts only as planner on someone else's assignment", () => {
    expect(effectiveRoles(principal(['planner', 'technician'], MY_TECHNICIAN), othersWork)).toEqual(['planner']);
  });

  it('a technician who reported work assigned to a colleague acts only as its requester', () => {
    expect(effectiveRoles(principal(['technician', 'requester'], MY_TECHNICIAN), myRequest)).toEqual(['requester']);
  });

  it('a technician who reported work assigned to themselves acts in both roles', () => {
    const own = { technicianId: MY_TECHNICIAN, crewTechnicianIds: [], requesterId: ME };
    expect(effectiveRoles(principal(['technician', 'requester'], MY_TECHNICIAN), own)).toEqual(['technician', 'requester']);
  });
});

describe('canSeeWorkOrder / canExecuteWorkOrder', () => {
  // role, technician record, work order → [can see, can execute]
  const cases: [string, Principal, WorkOrderOwnership, boolean, boolean][] = [
    ['admin on others work', principal(['admin']), othersWork, true, true],
    ['manager on others work', principal(['manager']), othersWork, true, true],
    ['planner on others work', principal(['planner']), othersWork, true, true],
    ['planner on unassigned work', principal(['planner']), unassigned, true, true],
    ['technician on own assignment', principal(['technician'], MY_TECHNICIAN), myAssignment, true, true],
    ['technician in the crew of a colleague', principal(['technician'], MY_TECHNICIAN), myCrewWork, true, true],
    ['technician on others assignment', principal(['technician'], MY_TECHNICIAN), othersWork, false, false],
    ['technician on unassigned work', principal(['technician'], MY_TECHNICIAN), unassigned, false, false],
    ['technician without a record on unassigned work', principal(['technician'], null), unassigned, false, false],
    ['requester on own request', principal(['requester']), myRequest, true, false],
    ['requester on others request', principal(['requester']), othersWork, false, false],
    ['technician who requested work assigned to a colleague', principal(['technician'], MY_TECHNICIAN), myRequest, true, false],
  ];

  it.each(cases)('%s: sees=%s executes=%s', (_name, caller, workOrder, sees, executes) => {
    expect(canSeeWorkOrder(caller, workOrder)).toBe(sees);
    expect(canExecuteWorkOrder(caller, workOrder)).toBe(executes);
  });
});

describe('canSeeTechnician', () => {
  it('staff see every technician record', () => {
    for (const role of ['admin', 'manager', 'planner'] as const) {
      expect(canSeeTechnician(principal([role]), 'tech-other')).toBe(true);
    }
  });

  it('a technician sees their own record but not a colleague', () => {
    expect(canSeeTechnician(principal(['technician'], MY_TECHNICIAN), MY_TECHNICIAN)).toBe(true);
    expect(canSeeTechnician(principal(['technician'], MY_TECHNICIAN), 'tech-other')).toBe(false);
  });

  it('a requester sees no technician record', () => {
    expect(canSeeTechnician(principal(['requester']), 'tech-other')).toBe(false);
    expect(canSeeTechnician(principal(['requester']), MY_TECHNICIAN)).toBe(false);
  });
});

describe('seesWholeOrganization', () => {
  it('is true exactly for admin, manager and planner', () => {
    expect(ROLES.filter((role) => seesWholeOrganization(principal([role])))).toEqual(['admin', 'manager', 'planner']);
  });
});

describe('isAllowed / requirePermission', () => {
  it('an admin may do everything except run the scheduler, which is for planners and managers', () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      expect(isAllowed(principal(['admin']), permission)).toBe(permission !== 'schedules.run');
    }
    expect(ROLES.filter((role) => isAllowed(principal([role]), 'schedules.run'))).toEqual(['manager', 'planner']);
  });

  it('only an admin may manage users', () => {
    expect(ROLES.filter((role) => isAllowed(principal([role]), 'users.manage'))).toEqual(['admin']);
  });

  it('a manager may delete equipment and write technicians, a planner may not', () => {
    expect(isAllowed(principal(['manager']), 'equipment.delete')).toBe(true);
    expect(isAllowed(principal(['manager']), 'technicians.write')).toBe(true);
    expect(isAllowed(principal(['planner']), 'equipment.delete')).toBe(false);
    expect(isAllowed(principal(['planner']), 'technicians.write')).toBe(false);
  });

  it('a planner may assign work and edit availability', () => {
    expect(isAllowed(principal(['planner']), 'workOrders.assign')).toBe(true);
    expect(isAllowed(principal(['planner']), 'availability.write')).toBe(true);
  });

  it('a technician may read parts and execute work, but not assign, edit or list technicians', () => {
    const technician = principal(['technician'], MY_TECHNICIAN);
    expect(isAllowed(technician, 'parts.read')).toBe(true);
    expect(isAllowed(technician, 'workOrders.execute')).toBe(true);
    expect(isAllowed(technician, 'technicians.read')).toBe(true);
    expect(isAllowed(technician, 'workOrders.assign')).toBe(false);
    expect(isAllowed(technician, 'workOrders.edit')).toBe(false);
    expect(isAllowed(technician, 'technicians.list')).toBe(false);
  });

  it('a requester may report and comment on work but not see parts or technicians', () => {
    const requester = principal(['requester']);
    expect(isAllowed(requester, 'workOrders.create')).toBe(true);
    expect(isAllowed(requester, 'workOrders.comment')).toBe(true);
    expect(isAllowed(requester, 'equipment.read')).toBe(true);
    expect(isAllowed(requester, 'parts.read')).toBe(false);
    expect(isAllowed(requester, 'technicians.read')).toBe(false);
    expect(isAllowed(requester, 'workOrders.execute')).toBe(false);
  });

  it('everyone reads equipment health; technicians also send readings; only staff train models and add sensors', () => {
    expect(ROLES.filter((role) => isAllowed(principal([role]), 'predictive.read'))).toEqual([...ROLES]);
    expect(ROLES.filter((role) => isAllowed(principal([role]), 'sensors.record'))).toEqual(['admin', 'manager', 'planner', 'technician']);
    expect(ROLES.filter((role) => isAllowed(principal([role]), 'sensors.write'))).toEqual(['admin', 'manager', 'planner']);
    expect(ROLES.filter((role) => isAllowed(principal([role]), 'predictive.manage'))).toEqual(['admin', 'manager', 'planner']);
  });

  it('a user with several roles gets the permissions of any of them', () => {
    expect(isAllowed(principal(['requester', 'planner']), 'workOrders.assign')).toBe(true);
  });

  it('a user with no roles is allowed nothing', () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      expect(isAllowed(principal([]), permission)).toBe(false);
    }
  });

  it('requirePermission refuses with a Forbidden error', () => {
    let thrown: unknown;
    try {
      requirePermission(principal(['requester']), 'parts.write');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe(ErrorCode.Forbidden);
    expect((thrown as AppError).message).toBe('Your role does not allow this');
    expect(() => requirePermission(principal(['planner']), 'parts.write')).not.toThrow();
  });
});

describe('the permission table', () => {
  it('lists only known roles, each at most once, and never an empty list', () => {
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      expect(roles.length, permission).toBeGreaterThan(0);
      expect(new Set(roles).size, permission).toBe(roles.length);
      for (const role of roles) expect(ROLES as readonly string[], `${permission}: ${role}`).toContain(role);
    }
  });
});
