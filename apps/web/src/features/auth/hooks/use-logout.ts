import { useCallback } from 'react';
import { useStore } from 'react-redux';
import { useNavigate } from 'react-router-dom';
import { api } from '@/lib/api';
import { forgetSession } from '@/lib/auth/session';
import type { AppStore } from '@/lib/store';
import { logoutApi } from '../api/logout';

/**
 * Forgets the session here (every tab), clears what it read and shows the login page, then ends
 * the session on the server. Here first: the server closes the session's socket as it ends it,
 * and the real-time connection, already closed, must not take that for a refused token and try
 * to renew it; and the next user to log in must not see this one's cached answers, however long
 * the server takes.
 */
export function useLogout() {
  const store = useStore() as AppStore;
  const navigate = useNavigate();
  return useCallback(async () => {
    const refreshToken = await forgetSession(store);
    store.dispatch(api.util.resetApiState());
    navigate('/login', { replace: true });
    // Logging out works offline too: the session is gone here whatever the server says.
    if (refreshToken)
      await store
        .dispatch(logoutApi.endpoints.logout.initiate({ refreshToken }))
        .unwrap()
        .catch(() => undefined);
  }, [store, navigate]);
}
