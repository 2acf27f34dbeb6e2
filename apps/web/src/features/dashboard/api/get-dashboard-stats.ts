import type { DashboardStats } from '@msched/contracts';
import { LIST, api } from '@/lib/api';

/** `GET /work-orders/dashboard/stats`: counts, mean completion time, leaders and PM compliance of the last 30 days. */
export const getDashboardStatsApi = api.injectEndpoints({
  endpoints: (build) => ({
    getDashboardStats: build.query<DashboardStats, void>({
      query: () => '/work-orders/dashboard/stats',
      providesTags: [{ type: 'Dashboard', id: LIST }],
    }),
  }),
});

export const { useGetDashboardStatsQuery } = getDashboardStatsApi;
