import type { AnalyticsOverview } from '@msched/contracts';
import { LIST, api } from '@/lib/api';

/** `GET /analytics/overview?weeks=`: backlog in weeks, weekly trends, utilization and reliability by equipment type. */
export const getAnalyticsOverviewApi = api.injectEndpoints({
  endpoints: (build) => ({
    getAnalyticsOverview: build.query<AnalyticsOverview, { weeks: number }>({
      query: ({ weeks }) => ({ url: '/analytics/overview', params: { weeks } }),
      providesTags: [{ type: 'Dashboard', id: LIST }],
    }),
  }),
});

export const { useGetAnalyticsOverviewQuery } = getAnalyticsOverviewApi;
