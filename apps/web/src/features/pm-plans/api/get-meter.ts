import type { Meter } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /meters/:id`: the name and unit a meter trigger reads in. */
export const getMeterApi = api.injectEndpoints({
  endpoints: (build) => ({
    getMeter: build.query<Meter, string>({
      query: (id) => `/meters/${id}`,
      providesTags: [{ type: 'Lookup', id: 'meters' }],
    }),
  }),
});

export const { useGetMeterQuery } = getMeterApi;
