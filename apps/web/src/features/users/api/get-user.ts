import type { User } from '@msched/contracts';
import { api } from '@/lib/api';

/** `GET /users/:id`: one account, with the version to edit against. */
export const getUserApi = api.injectEndpoints({
  endpoints: (build) => ({
    getUser: build.query<User, string>({
      query: (id) => `/users/${id}`,
      providesTags: (_user, _error, id) => [{ type: 'User', id }],
    }),
  }),
});

export const { useGetUserQuery } = getUserApi;
