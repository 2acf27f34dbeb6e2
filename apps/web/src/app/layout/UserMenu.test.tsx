import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '@/test/fake-api';
import { fakeRealtimeClient } from '@/test/fake-realtime';
import { userWith } from '@/test/fixtures';
import { RequireAuth } from '@/features/auth/components/RequireAuth';
import { renderScreen } from '@/test/render';
import { UserMenu } from './UserMenu';

describe('UserMenu: log out', () => {
  it('forgets the session and closes the real-time connection before the server ends the session', async () => {
    localStorage.setItem('msched.refreshToken', 'refresh-token-1-0123456789');
    const client = fakeRealtimeClient();
    const close = vi.spyOn(client, 'close');
    const atLogout: { closed: boolean; stored: string | null }[] = [];
    const api = fakeApi().on('POST', '/auth/logout', () => {
      atLogout.push({ closed: close.mock.calls.length > 0, stored: localStorage.getItem('msched.refreshToken') });
      return new Response(null, { status: 204 });
    });
    const failed = vi.spyOn(console, 'error');
    // As in the app: the menu is part of the pages behind RequireAuth.
    const page = (
      <RequireAuth>
        <UserMenu />
      </RequireAuth>
    );
    const { store } = renderScreen(page, { user: userWith('planner'), realtime: { client, bindings: [] } });

    await userEvent.click(screen.getByRole('button', { name: /Account of/ }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Log out' }));

    await waitFor(() => expect(api.calls('POST', '/auth/logout')).toHaveLength(1));
    expect(api.calls('POST', '/auth/logout')[0]!.body).toEqual({ refreshToken: 'refresh-token-1-0123456789' });
    expect(atLogout).toEqual([{ closed: true, stored: null }]);
    await screen.findByText('elsewhere');
    expect(store.getState().auth).toMatchObject({ status: 'anonymous', accessToken: null, notice: null });
    expect(api.calls('POST', '/auth/refresh')).toHaveLength(0);
    expect(failed).not.toHaveBeenCalled();
  });
});
