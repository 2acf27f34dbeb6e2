import type { WorkOrderType } from '@msched/contracts';
import { api } from '@/lib/api';
import type { RealtimeBinding } from '@/lib/realtime/binding';
import { canWritePlans } from '../utils/labels';

/** Plans change with their work orders (generated, completed): one refetch per burst. */
export const PLAN_REFRESH_MS = 500;
const PM_TYPES: readonly WorkOrderType[] = ['PREVENTIVE', 'INSPECTION'];

/**
 * PM plans have no events of their own; their work orders do. A PM work order made, completed
 * or cancelled moves a plan's next due date and open work order, and the forecast's backlog:
 * cached plans and forecasts are asked again (only those on screen refetch).
 */
export const pmPlanRealtime: RealtimeBinding = {
  name: 'pm-plans',
  // Staff follow every work order of the organization; a technician's own come with their room.
  rooms: (user) => (canWritePlans(user) ? ['workorders:all'] : []),
  attach({ client, dispatch }) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => dispatch(api.util.invalidateTags(['PmPlan', 'PmForecast'])), PLAN_REFRESH_MS);
    };
    const offWorkOrder = client.on('workorder:update', (event) => {
      if (PM_TYPES.includes(event.data.type) && (event.eventType === 'created' || event.eventType === 'status_change')) refresh();
    });
    const offResync = client.on('resync_required', refresh);
    return () => {
      clearTimeout(timer);
      offWorkOrder();
      offResync();
    };
  },
};
