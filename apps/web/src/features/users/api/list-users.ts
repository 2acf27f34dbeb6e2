import type { Paged, User } from '@msched/contracts';
import { LIST, api, queryParams } from '@/lib/api';

export interface UserListArgs {
  page: number;
  limit: number;
  search?: string;
}

/** `GET /users`: the organization's accounts, searched by name or email, paged on the server (admins only). */
export const listUsersApi = api.injectEndpoints({
  endpoints: (build) => ({
    listUsers: build.query<Paged<User>, UserListArgs>({
      query: (args) => ({ url: '/users', params: queryParams({ ...args }) }),
      providesTags: [{ type: 'User', id: LIST }],
    }),
  }),
});

export const { useListUsersQuery } = listUsersApi;
