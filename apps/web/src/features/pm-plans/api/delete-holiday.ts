import { LIST, api } from '@/lib/api';

/** `DELETE /holidays/:id` */
export const deleteHolidayApi = api.injectEndpoints({
  endpoints: (build) => ({
    deleteHoliday: build.mutation<void, string>({
      query: (id) => ({ url: `/holidays/${id}`, method: 'DELETE' }),
      invalidatesTags: [{ type: 'Holiday', id: LIST }, { type: 'PmForecast' }],
    }),
  }),
});

export const { useDeleteHolidayMutation } = deleteHolidayApi;
