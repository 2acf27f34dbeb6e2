import { type BaseQueryFn, type FetchArgs, type FetchBaseQueryError, fetchBaseQuery } from '@reduxjs/toolkit/query/react';
import { apiBaseUrl } from './api-url';
import type { AuthState } from './auth/auth-slice';
import { expireSession, renewSession } from './auth/session';

const tokenOf = (getState: () => unknown) => (getState() as { auth: AuthState }).auth.accessToken;

const rawBaseQuery = fetchBaseQuery({
  baseUrl: apiBaseUrl(),
  prepareHeaders: (headers, { getState }) => {
    const token = tokenOf(getState);
    if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    return headers;
  },
});

const urlOf = (args: string | FetchArgs) => (typeof args === 'string' ? args : args.url);
/** Login, refresh and logout answer 401 for bad credentials, not for an expired session. */
const isAuthCall = (args: string | FetchArgs) => /^\/?auth\/(login|refresh|logout)/.test(urlOf(args));

/** Adds Retry-After (seconds) to the error body, for the "try again in N seconds" message. */
function withRetryAfter(error: FetchBaseQueryError, response: Response | undefined): FetchBaseQueryError {
  const retryAfter = Number(response?.headers.get('retry-after'));
  if (typeof error.status !== 'number' || !Number.isFinite(retryAfter) || retryAfter <= 0) return error;
  return { ...error, data: { ...(error.data as object), retryAfter } };
}

/**
 * Every API call: the access token from memory; on a 401, one refresh (shared by all requests
 * that fail together) and one retry. When the session cannot be renewed the user is sent to the
 * login page, which brings them back to where they were.
 */
export const baseQuery: BaseQueryFn<string | FetchArgs, unknown, FetchBaseQueryError> = async (args, api, extraOptions) => {
  const tokenUsed = tokenOf(api.getState);
  let result = await rawBaseQuery(args, api, extraOptions);
  if (result.error?.status === 401 && tokenUsed && !isAuthCall(args)) {
    // Another request may have renewed the token while this one was on its way.
    const renewed = tokenOf(api.getState) !== tokenUsed ? { kind: 'renewed' as const } : await renewSession(api);
    if (renewed.kind === 'renewed') result = await rawBaseQuery(args, api, extraOptions);
    else if (renewed.kind === 'expired') expireSession(api);
  }
  if (result.error) return { ...result, error: withRetryAfter(result.error, result.meta?.response) };
  return result;
};
