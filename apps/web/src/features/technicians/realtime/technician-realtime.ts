import { LIST, api } from '@/lib/api';
import type { RealtimeBinding } from '@/lib/realtime/binding';
import { keyedDebouncer } from '@/lib/realtime/keyed-debouncer';
import { seesAllTechnicians } from '../utils/permissions';

/** A technician's schedule is asked again at most this often during a burst of bookings. */
export const TECHNICIAN_REFRESH_MS = 500;

/**
 * Technicians follow the real-time channel: a changed record or availability is asked again,
 * and so is the schedule (and performance) of the technician whose bookings moved.
 */
export const technicianRealtime: RealtimeBinding = {
  name: 'technicians',
  rooms: (user) => (seesAllTechnicians(user) ? ['technicians:all'] : user.technicianId ? [`technician:${user.technicianId}`] : []),
  attach({ client, dispatch }) {
    const schedules = keyedDebouncer(TECHNICIAN_REFRESH_MS);
    const offUpdate = client.on('technician:update', (event) =>
      dispatch(
        api.util.invalidateTags([
          { type: 'Technician', id: event.technicianId },
          { type: 'Technician', id: LIST },
          ...(event.eventType === 'availability_changed'
            ? [
                { type: 'TechnicianAvailability' as const, id: event.technicianId },
                { type: 'TechnicianSchedule' as const, id: event.technicianId },
              ]
            : []),
        ]),
      ),
    );
    const offSchedule = client.on('technician:schedule_update', (event) =>
      schedules.call(event.technicianId, () => dispatch(api.util.invalidateTags([{ type: 'TechnicianSchedule', id: event.technicianId }]))),
    );
    const offResync = client.on('resync_required', () =>
      dispatch(api.util.invalidateTags(['Technician', 'TechnicianAvailability', 'TechnicianSchedule'])),
    );
    return () => {
      schedules.cancel();
      offUpdate();
      offSchedule();
      offResync();
    };
  },
};
