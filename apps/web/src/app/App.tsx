import { CssBaseline, ThemeProvider } from '@mui/material';
import { useState } from 'react';
import { Provider } from 'react-redux';
import { RouterProvider } from 'react-router-dom';
import { ErrorBoundary } from '@/components/ui/ErrorBoundary';
import { RealtimeProvider } from '@/lib/realtime/RealtimeProvider';
import { type AppStore, makeStore } from '@/lib/store';
import { realtimeBindings } from './realtime-bindings';
import { createAppRouter } from './router';
import { theme } from './theme';

export function App({ store: given }: { store?: AppStore }) {
  const [store] = useState(() => given ?? makeStore());
  const [router] = useState(createAppRouter);
  return (
    <Provider store={store}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <ErrorBoundary>
          <RealtimeProvider bindings={realtimeBindings}>
            <RouterProvider router={router} />
          </RealtimeProvider>
        </ErrorBoundary>
      </ThemeProvider>
    </Provider>
  );
}
