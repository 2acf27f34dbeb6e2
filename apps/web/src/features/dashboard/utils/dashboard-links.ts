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
  /**
   * Open work due by the minute of the figures, most overdue first: the tile counts work due
   * before that instant, today's included, so the list's "due to" is a local time, not a day.
   */
  overdueWork: (now: Date) => workOrders({ status: OPEN, dueTo: `${localDay(now)}T${pad(now.getHours())}:${pad(now.getMinutes())}` }),
  highPriorityWork: workOrders({ status: OPEN, priority: 'HIGH,CRITICAL' }),
  completedWork: workOrders({ status: 'COMPLETED,CLOSED', sort: '-updatedAt' }),
  pmPlans: '/pm-plans',
  technicians: '/technicians',
  technician: (technicianId: string) => `/technicians/${technicianId}`,
  equipment: '/equipment',
  equipmentOfType: (equipmentType: string) => `/equipment?${new URLSearchParams({ type: equipmentType }).toString()}`,
  equipmentItem: (equipmentId: string) => `/equipment/${equipmentId}`,
};
