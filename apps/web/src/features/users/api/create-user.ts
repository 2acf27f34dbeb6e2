import type { CreateUser, User } from '@msched/contracts';
import { LIST, api, idempotencyKey } from '@/lib/api';

/** `POST /users`, idempotent per key (see useIdempotencyKey); 409 when the email is taken. */
export const createUserApi = api.injectEndpoints({
  endpoints: (build) => ({
    createUser: build.mutation<User, { body: CreateUser; key: string }>({
      query: ({ body, key }) => ({ url: '/users', method: 'POST', body, headers: idempotencyKey(key) }),
      invalidatesTags: (_result, error) => (error ? [] : [{ type: 'User', id: LIST }]),
    }),
  }),
});

export const { useCreateUserMutation } = createUserApi;
