import { api } from '@/lib/api';

/** `POST /auth/logout`: revokes the refresh token on the server. */
export const logoutApi = api.injectEndpoints({
  endpoints: (build) => ({
    logout: build.mutation<void, { refreshToken: string }>({
      query: (body) => ({ url: '/auth/logout', method: 'POST', body }),
    }),
  }),
});
