import type { DemoLogins } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /auth/demo-logins`: the seeded accounts, listed only while the server runs the demo. */
export const getDemoLoginsApi = api.injectEndpoints({
  endpoints: (build) => ({
    getDemoLogins: build.query<DemoLogins, void>({
      query: () => '/auth/demo-logins',
    }),
  }),
});

export const { useGetDemoLoginsQuery } = getDemoLoginsApi;
