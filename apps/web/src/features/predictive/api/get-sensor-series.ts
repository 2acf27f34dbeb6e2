import type { SensorSeries } from '@msched/contracts';
import { api, queryParams } from '@/lib/api';

export interface SeriesArgs {
  equipmentId: string;
  sensorId: string;
  from: string;
  to: string;
  /** At most this many points (min/avg/max buckets when there are more readings). */
  points: number;
}

/** `GET /equipment/:id/sensors/:sensorId/series`: readings over a range, downsampled on the server. */
export const getSensorSeriesApi = api.injectEndpoints({
  endpoints: (build) => ({
    getSensorSeries: build.query<SensorSeries, SeriesArgs>({
      query: ({ equipmentId, sensorId, ...range }) => ({
        url: `/equipment/${equipmentId}/sensors/${sensorId}/series`,
        params: queryParams({ ...range }),
      }),
      providesTags: (_series, _error, { equipmentId }) => [{ type: 'SensorSeries', id: equipmentId }],
    }),
  }),
});

export const { useGetSensorSeriesQuery } = getSensorSeriesApi;
