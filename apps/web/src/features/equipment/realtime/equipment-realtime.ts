import { LIST, api } from '@/lib/api';
import type { RealtimeBinding } from '@/lib/realtime/binding';
import { getEquipmentDetailApi } from '../api/get-equipment';

/** Lists and per-equipment work are asked again at most this often during a burst of events. */
export const EQUIPMENT_REFRESH_MS = 500;

/**
 * Equipment follows the real-time channel: a status change shows at once on an open detail
 * (written into the cache from the event), then the record and the register are asked again.
 * Work-order events refresh the open work and history of the equipment they concern.
 */
export const equipmentRealtime: RealtimeBinding = {
  name: 'equipment',
  // Every role reads equipment; work-order events come through the rooms the work-order binding joins.
  rooms: () => ['equipment:all'],
  attach({ client, dispatch }) {
    const pending = new Map<string, ReturnType<typeof setTimeout>>();
    const later = (key: string, work: () => void) => {
      if (pending.has(key)) return;
      pending.set(
        key,
        setTimeout(() => {
          pending.delete(key);
          work();
        }, EQUIPMENT_REFRESH_MS),
      );
    };
    const offEquipment = client.on('equipment:update', (event) => {
      if (event.eventType !== 'deleted') {
        dispatch(
          getEquipmentDetailApi.util.updateQueryData('getEquipmentDetail', event.equipmentId, (equipment) => {
            if (event.data.version < equipment.version) return;
            Object.assign(equipment, {
              status: event.data.status,
              name: event.data.name,
              equipmentNumber: event.data.equipmentNumber,
              version: event.data.version,
            });
          }),
        );
      }
      later(`equipment:${event.equipmentId}`, () =>
        dispatch(
          api.util.invalidateTags([
            { type: 'Equipment', id: event.equipmentId },
            { type: 'Equipment', id: LIST },
          ]),
        ),
      );
    });
    const offWork = client.on('workorder:update', (event) =>
      later(`work:${event.data.equipmentId}`, () =>
        dispatch(api.util.invalidateTags([{ type: 'EquipmentWork', id: event.data.equipmentId }])),
      ),
    );
    const offResync = client.on('resync_required', () => dispatch(api.util.invalidateTags(['Equipment', 'EquipmentWork', 'Location'])));
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      offEquipment();
      offWork();
      offResync();
    };
  },
};
