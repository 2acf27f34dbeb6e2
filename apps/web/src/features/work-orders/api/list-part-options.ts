import type { Paged, Part } from '@msched/contracts';
import { api, queryParams } from '@/lib/api';

/** `GET /parts?search=`: parts with their stock (on hand, reserved, available). */
export const listPartOptionsApi = api.injectEndpoints({
  endpoints: (build) => ({
    listPartOptions: build.query<Paged<Part>, { search?: string }>({
      query: ({ search }) => ({ url: '/parts', params: queryParams({ search, limit: 20 }) }),
      providesTags: [{ type: 'Lookup', id: 'parts' }],
    }),
  }),
});

export const { useListPartOptionsQuery } = listPartOptionsApi;
