import type { Equipment, EquipmentStatus } from '@msched/contracts';
import { LIST, api, ifMatch } from '@/lib/api';

/** `PATCH /equipment/:id` with only the status, against the version shown: 412 if someone changed it since. */
export const changeEquipmentStatusApi = api.injectEndpoints({
  endpoints: (build) => ({
    changeEquipmentStatus: build.mutation<Equipment, { id: string; version: number; status: EquipmentStatus }>({
      query: ({ id, version, status }) => ({ url: `/equipment/${id}`, method: 'PATCH', body: { status }, headers: ifMatch(version) }),
      invalidatesTags: (_result, error, { id }) =>
        error
          ? []
          : [
              { type: 'Equipment', id },
              { type: 'Equipment', id: LIST },
              { type: 'Lookup', id: 'equipment' },
              { type: 'Dashboard', id: LIST },
            ],
    }),
  }),
});

export const { useChangeEquipmentStatusMutation } = changeEquipmentStatusApi;
