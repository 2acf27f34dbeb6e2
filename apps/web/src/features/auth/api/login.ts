import type { TokenPair } from '@msched/contracts';
import { api } from '@/lib/api';

/** `POST /auth/login` */
export const loginApi = api.injectEndpoints({
  endpoints: (build) => ({
    login: build.mutation<TokenPair, { email: string; password: string }>({
      query: (credentials) => ({ url: '/auth/login', method: 'POST', body: credentials }),
    }),
  }),
});

export const { useLoginMutation } = loginApi;
