import { OPEN_WORK_ORDER_STATUSES } from '@msched/contracts';

/**
 * Where each tile leads: the list behind the figure, in the filters the work-order list reads
 * from its URL (features/work-orders/utils/filters.ts: status, priority, dueTo, sort).
 */
const OPEN = OPEN_WORK_ORDER_STATUSES.join(',');

const pad = (value: number) => String(value).padStart(2, '0');
const localDay = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

const workOrders = (params: Record<string, string>) => `/work-orders?${new URLSearchParams(params).toString()}`;

export const dashboardLinks = {
  allWork: '/work-orders',
  openWork: workOrders({ status: OPEN }),
  /** Open work due before today (the list filters by whole local days), most overdue first. */
  overdueWork: (now: Date) => {
    const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
    return workOrders({ status: OPEN, dueTo: localDay(yesterday) });
  },
  highPriorityWork: workOrders({ status: OPEN, priority: 'HIGH,CRITICAL' }),
  completedWork: workOrders({ status: 'COMPLETED,CLOSED', sort: '-updatedAt' }),
  pmPlans: '/pm-plans',
  technicians: '/technicians',
  technician: (technicianId: string) => `/technicians/${technicianId}`,
  equipment: '/equipment',
  equipmentOfType: (equipmentType: string) => `/equipment?${new URLSearchParams({ type: equipmentType }).toString()}`,
  equipmentItem: (equipmentId: string) => `/equipment/${equipmentId}`,
};
