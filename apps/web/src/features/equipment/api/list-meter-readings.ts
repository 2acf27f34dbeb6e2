import type { MeterReading, Paged } from '@msched/contracts';
import { api } from '@/lib/api';

export interface MeterReadingsArgs {
  meterId: string;
  page: number;
  limit: number;
}

/** `GET /meters/:id/readings`: newest first, one page of them (the chart pages back through older ones). */
export const listMeterReadingsApi = api.injectEndpoints({
  endpoints: (build) => ({
    listMeterReadings: build.query<Paged<MeterReading>, MeterReadingsArgs>({
      query: ({ meterId, page, limit }) => ({ url: `/meters/${meterId}/readings`, params: { page, limit } }),
      providesTags: (_page, _error, { meterId }) => [{ type: 'Meter', id: meterId }],
    }),
  }),
});

export const { useListMeterReadingsQuery } = listMeterReadingsApi;
