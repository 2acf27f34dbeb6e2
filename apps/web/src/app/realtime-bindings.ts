import { dashboardRealtime } from '@/features/dashboard/realtime/dashboard-realtime';
import { equipmentRealtime } from '@/features/equipment/realtime/equipment-realtime';
import { notificationRealtime } from '@/features/notifications/realtime/notification-realtime';
import { pmPlanRealtime } from '@/features/pm-plans/realtime/pm-plan-realtime';
import { predictiveRealtime } from '@/features/predictive/realtime/predictive-realtime';
import { schedulingRealtime } from '@/features/scheduling/realtime/scheduling-realtime';
import { workOrderRealtime } from '@/features/work-orders/realtime/work-order-realtime';
import { technicianRealtime } from '@/features/technicians/realtime/technician-realtime';
import type { RealtimeBinding } from '@/lib/realtime/binding';

/** Every feature that follows the real-time channel; add yours here. */
export const realtimeBindings: readonly RealtimeBinding[] = [
  workOrderRealtime,
  notificationRealtime,
  schedulingRealtime,
  pmPlanRealtime,
  predictiveRealtime,
  dashboardRealtime,
  equipmentRealtime,
  technicianRealtime,
];
