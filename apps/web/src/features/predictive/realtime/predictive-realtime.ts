import { LIST, api } from '@/lib/api';
import type { RealtimeBinding } from '@/lib/realtime/binding';
import { canManageModels } from '../utils/permissions';

/** Assessments change in bursts (a status change, a new work order): one refetch per burst. */
export const HEALTH_REFRESH_MS = 500;

/**
 * Health and the fleet follow the real-time channel: an equipment event (status, deletion)
 * refetches that equipment's health and the fleet's ranking; a PREDICTIVE work order's event
 * (opened by the scoring job, or closed) does the same, so its link appears or goes at once.
 * Only cached queries refetch: nothing is asked for a screen that is not open.
 */
export const predictiveRealtime: RealtimeBinding = {
  name: 'predictive',
  // Work-order events reach staff through the organization feed; everyone reads equipment.
  rooms: (user) => ['equipment:updates', ...(canManageModels(user) ? ['workorders:all'] : [])],
  attach({ client, dispatch }) {
    const pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = (equipmentId: string) => {
      pending.add(equipmentId);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const ids = [...pending];
        pending.clear();
        dispatch(
          api.util.invalidateTags([{ type: 'EquipmentHealth', id: LIST }, ...ids.map((id) => ({ type: 'EquipmentHealth' as const, id }))]),
        );
      }, HEALTH_REFRESH_MS);
    };
    const offEquipment = client.on('equipment:update', (event) => refresh(event.equipmentId));
    const offWorkOrder = client.on('workorder:update', (event) => {
      if (event.data.type === 'PREDICTIVE') refresh(event.data.equipmentId);
    });
    const offResync = client.on('resync_required', () => dispatch(api.util.invalidateTags(['EquipmentHealth'])));
    return () => {
      clearTimeout(timer);
      offEquipment();
      offWorkOrder();
      offResync();
    };
  },
};
