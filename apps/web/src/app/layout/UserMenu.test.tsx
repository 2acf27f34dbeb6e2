import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '@/features/auth/components/RequireAuth';
import { getDashboardStatsApi } from '@/features/dashboard/api/get-dashboard-stats';
import { renewSession } from '@/lib/auth/session';
import { fakeApi, json } from '@/test/fake-api';
import { fakeRealtimeClient } from '@/test/fake-realtime';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { UserMenu } from './UserMenu';

const KEY = 'msched.refreshToken';
const planner = userWith('planner');

/** The menu as the app shows it: part of the pages behind RequireAuth, with a real-time connection. */
function renderMenu() {
  const client = fakeRealtimeClient();
  const close = vi.spyOn(client, 'close');
  const page = (
    <RequireAuth>
      <UserMenu />
    </RequireAuth>
  );
  return { ...renderScreen(page, { user: planner, realtime: { client, bindings: [] } }), close };
}

async function logOut() {
  await userEvent.click(screen.getByRole('button', { name: /Account of/ }));
  await userEvent.click(screen.getByRole('menuitem', { name: 'Log out' }));
}

describe('UserMenu: log out', () => {
  it('forgets the session, closes the real-time connection and drops cached answers before the server ends the session', async () => {
    localStorage.setItem(KEY, 'refresh-token-1-0123456789');
    const failed = vi.spyOn(console, 'error');
    const atLogout: { closed: boolean; stored: string | null; cached: number }[] = [];
    const { store, close } = renderMenu();
    const api = fakeApi()
      .on('GET', '/work-orders/dashboard/stats', () => json({ totalWorkOrders: 3 }))
      .on('POST', '/auth/logout', () => {
        atLogout.push({ closed: close.mock.calls.length > 0, stored: localStorage.getItem(KEY), cached: cachedQueries() });
        return new Response(null, { status: 204 });
      });
    // Something this user read: the next user to log in must not be shown it.
    const cachedQueries = () => Object.keys(store.getState().api.queries).length;
    await store.dispatch(getDashboardStatsApi.endpoints.getDashboardStats.initiate());
    expect(cachedQueries()).toBe(1);

    await logOut();

    await waitFor(() => expect(api.calls('POST', '/auth/logout')).toHaveLength(1));
    expect(api.calls('POST', '/auth/logout')[0]!.body).toEqual({ refreshToken: 'refresh-token-1-0123456789' });
    expect(atLogout).toEqual([{ closed: true, stored: null, cached: 0 }]);
    await screen.findByText('elsewhere');
    expect(store.getState().auth).toMatchObject({ status: 'anonymous', accessToken: null, notice: null });
    expect(api.calls('POST', '/auth/refresh')).toHaveLength(0);
    expect(failed).not.toHaveBeenCalled();
  });

  it('waits for a renewal in flight, so it cannot sign the user back in, and revokes the newest refresh token', async () => {
    localStorage.setItem(KEY, 'refresh-token-1-0123456789');
    let answer!: (response: Response) => void;
    const api = fakeApi()
      .on('POST', '/auth/refresh', () => new Promise<Response>((resolve) => (answer = resolve)))
      .on('POST', '/auth/logout', () => new Response(null, { status: 204 }));
    const { store } = renderMenu();
    const renewal = renewSession(store);
    await waitFor(() => expect(api.calls('POST', '/auth/refresh')).toHaveLength(1));

    await logOut();
    answer(json({ accessToken: 'renewed-access', refreshToken: 'refresh-token-2-0123456789', expiresIn: 900, user: planner }));
    await renewal;

    await waitFor(() => expect(api.calls('POST', '/auth/logout')).toHaveLength(1));
    expect(api.calls('POST', '/auth/logout')[0]!.body).toEqual({ refreshToken: 'refresh-token-2-0123456789' });
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(store.getState().auth).toMatchObject({ status: 'anonymous', accessToken: null });
    await screen.findByText('elsewhere');
  });
});
