import type { Holiday, HolidayListQuery } from '@msched/contracts';
import { LIST, api, queryParams } from '@/lib/api';

/** `GET /holidays?from&to`: the organization calendar's non-working days (local dates). */
export const listHolidaysApi = api.injectEndpoints({
  endpoints: (build) => ({
    listHolidays: build.query<Holiday[], HolidayListQuery>({
      query: (range) => ({ url: '/holidays', params: queryParams({ ...range }) }),
      providesTags: [{ type: 'Holiday', id: LIST }],
    }),
  }),
});

export const { useListHolidaysQuery } = listHolidaysApi;
