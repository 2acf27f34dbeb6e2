import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { makeStore } from '../store';
import { freshAccessToken } from './session';

const planner = userWith('planner');

function loggedInStore() {
  localStorage.setItem('msched.refreshToken', 'refresh-token-1-0123456789');
  return makeStore({ auth: { status: 'authenticated', accessToken: 'current-access', user: planner, notice: null } });
}

describe('freshAccessToken (what the real-time client connects with)', () => {
  it('answers the token in memory without a refresh while it is not the one the server refused', async () => {
    const api = fakeApi().on('POST', '/auth/refresh', () => problem(500));
    const store = loggedInStore();
    expect(await freshAccessToken(store)).toBe('current-access');
    expect(await freshAccessToken(store, undefined, 'an-older-token')).toBe('current-access');
    expect(api.calls('POST', '/auth/refresh')).toHaveLength(0);
  });

  it('renews a refused token, however long it has to run, and the new one carries the account as it is now', async () => {
    const manager = userWith('manager');
    const api = fakeApi().on('POST', '/auth/refresh', () =>
      json({ accessToken: 'renewed-access', refreshToken: 'refresh-token-2-0123456789', expiresIn: 900, user: manager }),
    );
    const store = loggedInStore();
    expect(await freshAccessToken(store, undefined, 'current-access')).toBe('renewed-access');
    expect(api.calls('POST', '/auth/refresh')).toHaveLength(1);
    expect(store.getState().auth).toMatchObject({ accessToken: 'renewed-access', user: { roles: manager.roles } });
  });

  it('ends the session when the refused token cannot be renewed (a disabled account)', async () => {
    fakeApi().on('POST', '/auth/refresh', () => problem(401, { code: 'unauthenticated' }));
    const store = loggedInStore();
    await expect(freshAccessToken(store, undefined, 'current-access')).rejects.toThrow('No valid access token');
    expect(store.getState().auth).toMatchObject({ status: 'anonymous', notice: 'expired' });
    expect(localStorage.getItem('msched.refreshToken')).toBeNull();
  });
});
