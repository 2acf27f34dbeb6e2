import type { Equipment, MaintenanceWindows } from '@msched/contracts';
import { LIST, api, ifMatch } from '@/lib/api';

/** `PATCH /equipment/:id` with only its maintenance windows (null clears them), against the version shown: 412 if changed since. */
export const updateMaintenanceWindowsApi = api.injectEndpoints({
  endpoints: (build) => ({
    updateMaintenanceWindows: build.mutation<Equipment, { id: string; version: number; maintenanceWindows: MaintenanceWindows | null }>({
      query: ({ id, version, maintenanceWindows }) => ({
        url: `/equipment/${id}`,
        method: 'PATCH',
        body: { maintenanceWindows },
        headers: ifMatch(version),
      }),
      // The assign dialog reads the windows through the equipment lookup.
      invalidatesTags: (_result, error, { id }) =>
        error
          ? []
          : [
              { type: 'Equipment', id },
              { type: 'Equipment', id: LIST },
              { type: 'Lookup', id: 'equipment' },
            ],
    }),
  }),
});

export const { useUpdateMaintenanceWindowsMutation } = updateMaintenanceWindowsApi;
