import type { AuthUser } from '@msched/contracts';
import { CssBaseline, ThemeProvider } from '@mui/material';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Provider } from 'react-redux';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import { theme } from '@/app/theme';
import { type RealtimeBinding } from '@/lib/realtime/binding';
import { RealtimeProvider } from '@/lib/realtime/RealtimeProvider';
import { makeStore } from '@/lib/store';
import type { fakeRealtimeClient } from './fake-realtime';

interface Options {
  /** The route pattern the element is mounted at, and the URL to open. */
  path?: string;
  url?: string;
  /** Logged in as this user (with a stand-in access token); omitted: logged out. */
  user?: AuthUser;
  realtime?: { client: ReturnType<typeof fakeRealtimeClient>; bindings: RealtimeBinding[] };
}

/** Renders a screen with the app's store, theme and router, as the app would. */
export function renderScreen(element: ReactElement, { path = '/', url = path, user, realtime }: Options = {}) {
  const store = makeStore(
    user
      ? { auth: { status: 'authenticated', accessToken: 'test-access-token', user, notice: null } }
      : { auth: { status: 'anonymous', accessToken: null, user: null, notice: null } },
  );
  const router = createMemoryRouter(
    [
      { path, element },
      { path: '*', element: <p>elsewhere</p> },
    ],
    { initialEntries: [url] },
  );
  const screen = (
    <Provider store={store}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {realtime ? (
          <RealtimeProvider bindings={realtime.bindings} createClient={() => realtime.client}>
            <RouterProvider router={router} />
          </RealtimeProvider>
        ) : (
          <RouterProvider router={router} />
        )}
      </ThemeProvider>
    </Provider>
  );
  return { ...render(screen), store, router };
}
