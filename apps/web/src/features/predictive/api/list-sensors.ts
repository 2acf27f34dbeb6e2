import type { Sensor } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /equipment/:id/sensors`: what the equipment measures, with the normal operating range. */
export const listSensorsApi = api.injectEndpoints({
  endpoints: (build) => ({
    listSensors: build.query<Sensor[], string>({
      query: (equipmentId) => `/equipment/${equipmentId}/sensors`,
      providesTags: (_sensors, _error, equipmentId) => [{ type: 'SensorSeries', id: equipmentId }],
    }),
  }),
});

export const { useListSensorsQuery } = listSensorsApi;
