import type { Part } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /parts/:id`: the name of a part the plan reserves (the plan holds only its id). */
export const getPartChoiceApi = api.injectEndpoints({
  endpoints: (build) => ({
    getPartChoice: build.query<Part, string>({
      query: (id) => `/parts/${id}`,
      providesTags: [{ type: 'Lookup', id: 'parts' }],
    }),
  }),
});

export const { useGetPartChoiceQuery } = getPartChoiceApi;
