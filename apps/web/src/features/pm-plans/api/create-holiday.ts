import type { CreateHoliday, Holiday } from '@msched/contracts';
import { LIST, api, idempotencyKey } from '@/lib/api';

/** `POST /holidays`: due dates on it follow each plan's holiday rule, so the forecast changes too. */
export const createHolidayApi = api.injectEndpoints({
  endpoints: (build) => ({
    createHoliday: build.mutation<Holiday, { body: CreateHoliday; key: string }>({
      query: ({ body, key }) => ({ url: '/holidays', method: 'POST', body, headers: idempotencyKey(key) }),
      invalidatesTags: [{ type: 'Holiday', id: LIST }, { type: 'PmForecast' }],
    }),
  }),
});

export const { useCreateHolidayMutation } = createHolidayApi;
