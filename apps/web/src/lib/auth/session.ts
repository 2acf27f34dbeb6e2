import type { Dispatch } from '@reduxjs/toolkit';
import { type AuthState, sessionEnded, sessionStarted } from './auth-slice';
import { tokenExpiresAt } from './jwt';
import { refreshSession } from './refresh-session';
import { refreshTokenStore, withRefreshLock } from './refresh-token-store';

interface StoreAccess {
  dispatch: Dispatch;
  getState: () => unknown;
}

export type RenewResult = { kind: 'renewed'; accessToken: string } | { kind: 'expired' } | { kind: 'unreachable' };

const authOf = (getState: () => unknown) => (getState() as { auth: AuthState }).auth;

let inFlight: Promise<RenewResult> | null = null;

/**
 * Gets a new access token with the stored refresh token. Single flight: however many requests
 * see a 401 at once, one refresh runs and all of them wait for it (and another tab's refresh is
 * waited for too, so a rotated token is never presented twice).
 */
export function renewSession({ dispatch }: StoreAccess): Promise<RenewResult> {
  inFlight ??= withRefreshLock(async (): Promise<RenewResult> => {
    const refreshToken = refreshTokenStore.read();
    if (!refreshToken) return { kind: 'expired' };
    const outcome = await refreshSession(refreshToken);
    if (outcome.kind === 'unreachable') return outcome;
    if (outcome.kind === 'rejected') {
      refreshTokenStore.clear();
      return { kind: 'expired' };
    }
    refreshTokenStore.write(outcome.pair.refreshToken);
    dispatch(sessionStarted({ accessToken: outcome.pair.accessToken, user: outcome.pair.user }));
    return { kind: 'renewed', accessToken: outcome.pair.accessToken };
  }).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/** At start-up: resume the session of this browser, if it has one. */
export async function restoreSession(store: StoreAccess): Promise<void> {
  if (!refreshTokenStore.read()) {
    store.dispatch(sessionEnded(null));
    return;
  }
  const result = await renewSession(store);
  if (result.kind !== 'renewed') store.dispatch(sessionEnded(result.kind === 'expired' ? 'expired' : null));
}

/**
 * Logging out here: waits for a renewal in flight (in this tab, and through the cross-tab lock in
 * the others) so that none writes a new refresh token back after it, then forgets the session in
 * every tab. Answers the refresh token to revoke on the server, null when there was none.
 */
export async function forgetSession({ dispatch }: StoreAccess): Promise<string | null> {
  while (inFlight) await inFlight.catch(() => undefined);
  return withRefreshLock(async () => {
    const refreshToken = refreshTokenStore.read();
    refreshTokenStore.clear();
    dispatch(sessionEnded(null));
    return refreshToken;
  });
}

/** The session ran out for good: forget it and say so on the login page. */
export function expireSession({ dispatch }: StoreAccess): void {
  refreshTokenStore.clear();
  dispatch(sessionEnded('expired'));
}

/**
 * An access token valid for at least `minValidityMs` more (renewing it if needed): what the
 * real-time client asks for on every connect and before its token runs out. A token the server
 * has `refused` (the account changed since it was issued) is renewed whatever its expiry.
 */
export async function freshAccessToken(store: StoreAccess, minValidityMs = 90_000, refused?: string): Promise<string> {
  const current = authOf(store.getState).accessToken;
  const expiresAt = current ? tokenExpiresAt(current) : undefined;
  if (current && current !== refused && (expiresAt === undefined || expiresAt - Date.now() > minValidityMs)) return current;
  const result = await renewSession(store);
  if (result.kind === 'renewed') return result.accessToken;
  if (result.kind === 'expired') expireSession(store);
  throw new Error('No valid access token');
}
