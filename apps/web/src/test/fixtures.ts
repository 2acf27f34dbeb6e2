import type { AuthUser, Role, Technician, WorkOrder, WorkOrderPage } from '@msched/contracts';

let counter = 0;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const TECHNICIAN_ID = uuid(900);
export const EQUIPMENT_ID = uuid(800);

export function userWith(role: Role, overrides: Partial<AuthUser> = {}): AuthUser {
  return {
    id: uuid(role.length * 10),
    email: `${role}@example.com`,
    name: `${role[0]!.toUpperCase()}${role.slice(1)} Person`,
    roles: [role],
    organizationId: uuid(1),
    technicianId: role === 'technician' ? TECHNICIAN_ID : null,
    ...overrides,
  };
}

/** Jan Neumann (`TECHNICIAN_ID`), an active electrician; each test changes what it is about. */
export function technician(overrides: Partial<Technician> = {}): Technician {
  return {
    id: TECHNICIAN_ID,
    employeeId: 'T-004',
    firstName: 'Jan',
    lastName: 'Neumann',
    email: null,
    phone: null,
    skills: [{ skill: 'electrical', level: 4 }],
    hourlyRate: 50,
    homeLocationId: null,
    active: true,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function workOrder(overrides: Partial<WorkOrder> = {}): WorkOrder {
  counter += 1;
  return {
    id: uuid(100 + counter),
    workOrderNumber: `WO-${String(counter).padStart(6, '0')}`,
    title: `Replace the seal of pump ${counter}`,
    description: null,
    type: 'CORRECTIVE',
    status: 'OPEN',
    priority: 'MEDIUM',
    dueDate: '2026-12-01T12:00:00.000Z',
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-01T08:00:00.000Z',
    scheduledStartTime: null,
    scheduledEndTime: null,
    actualStartTime: null,
    actualEndTime: null,
    estimatedDuration: 60,
    actualDuration: null,
    technicianId: null,
    crewTechnicianIds: [],
    equipmentId: EQUIPMENT_ID,
    requesterId: null,
    pmPlanId: null,
    crewSize: 1,
    predecessorIds: [],
    conflictGroups: [],
    requiresDowntime: false,
    complianceWindowEnd: null,
    requiredSkills: [],
    completion: null,
    allowedNextStates: [],
    version: 1,
    ...overrides,
  };
}

export const pageOf = (data: WorkOrder[], extra: Partial<WorkOrderPage> = {}): WorkOrderPage => ({
  data,
  total: data.length,
  page: 1,
  limit: 20,
  ...extra,
});
