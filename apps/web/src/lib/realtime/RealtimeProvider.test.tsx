import type { RealtimeClientOptions } from '@msched/realtime-client';
import { render } from '@testing-library/react';
import { Provider } from 'react-redux';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { fakeRealtimeClient } from '@/test/fake-realtime';
import { userWith } from '@/test/fixtures';
import { makeStore } from '../store';
import { RealtimeProvider } from './RealtimeProvider';

const planner = userWith('planner');

describe('RealtimeProvider', () => {
  it('connects again with a renewed token once the server refused the current one', async () => {
    const api = fakeApi().on('POST', '/auth/refresh', () =>
      json({ accessToken: 'renewed-access', refreshToken: 'refresh-token-2-0123456789', expiresIn: 900, user: planner }),
    );
    localStorage.setItem('msched.refreshToken', 'refresh-token-1-0123456789');
    const store = makeStore({ auth: { status: 'authenticated', accessToken: 'current-access', user: planner, notice: null } });
    const client = fakeRealtimeClient();
    let options: RealtimeClientOptions | undefined;
    const view = render(
      <Provider store={store}>
        <RealtimeProvider
          bindings={[]}
          createClient={(given) => {
            options = given;
            return client;
          }}
        >
          <p>app</p>
        </RealtimeProvider>
      </Provider>,
    );
    expect(await options!.getToken()).toBe('current-access');
    expect(api.calls('POST', '/auth/refresh')).toHaveLength(0);

    // The account changed: the server ends the socket's session.
    client.emit('error', { type: 'authentication_error', message: 'The session was ended' });
    expect(await options!.getToken()).toBe('renewed-access');
    expect(await options!.getToken()).toBe('renewed-access');
    expect(api.calls('POST', '/auth/refresh')).toHaveLength(1);
    view.unmount();
  });
});
