import type { UpdateUser, User } from '@msched/contracts';
import { LIST, api, ifMatch } from '@/lib/api';

/** `PATCH /users/:id` against the version the admin edited: 412 if someone changed it since. */
export const updateUserApi = api.injectEndpoints({
  endpoints: (build) => ({
    updateUser: build.mutation<User, { id: string; version: number; changes: UpdateUser }>({
      query: ({ id, version, changes }) => ({ url: `/users/${id}`, method: 'PATCH', body: changes, headers: ifMatch(version) }),
      invalidatesTags: (_result, error, { id }) =>
        error
          ? []
          : [
              { type: 'User', id },
              { type: 'User', id: LIST },
            ],
    }),
  }),
});

export const { useUpdateUserMutation } = updateUserApi;
