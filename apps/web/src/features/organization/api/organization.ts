import type { Organization, UpdateOrganization } from '@msched/contracts';
import { api, ifMatch } from '@/lib/api';

/** `GET /organization` (everyone) and `PATCH /organization` (admins, against the version read). */
export const organizationApi = api.injectEndpoints({
  endpoints: (build) => ({
    getOrganization: build.query<Organization, void>({
      query: () => '/organization',
      providesTags: ['Organization'],
    }),
    updateOrganization: build.mutation<Organization, { version: number; changes: UpdateOrganization }>({
      query: ({ version, changes }) => ({ url: '/organization', method: 'PATCH', body: changes, headers: ifMatch(version) }),
      invalidatesTags: (_result, error) => (error ? [] : ['Organization']),
    }),
  }),
});

export const { useGetOrganizationQuery, useUpdateOrganizationMutation } = organizationApi;
