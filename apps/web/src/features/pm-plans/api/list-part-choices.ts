import type { Paged, Part } from '@msched/contracts';
import { api, queryParams } from '@/lib/api';

/** `GET /parts?search=`: parts a plan's work orders reserve. */
export const listPartChoicesApi = api.injectEndpoints({
  endpoints: (build) => ({
    listPartChoices: build.query<Paged<Part>, { search?: string }>({
      query: ({ search }) => ({ url: '/parts', params: queryParams({ search, limit: 20 }) }),
      providesTags: [{ type: 'Lookup', id: 'parts' }],
    }),
  }),
});

export const { useListPartChoicesQuery } = listPartChoicesApi;
