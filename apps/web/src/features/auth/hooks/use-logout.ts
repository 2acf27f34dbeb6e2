import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '@/lib/api';
import { sessionEnded } from '@/lib/auth/auth-slice';
import { refreshTokenStore } from '@/lib/auth/refresh-token-store';
import { useAppDispatch } from '@/lib/store';
import { useLogoutMutation } from '../api/logout';

/**
 * Forgets the session here (every tab) and then ends it on the server, and shows the login page.
 * Here first: the server closes the session's socket as it ends it, and the real-time connection,
 * already closed, must not take that for a refused token and try to renew it.
 */
export function useLogout() {
  const [logout] = useLogoutMutation();
  const dispatch = useAppDispatch();
  const navigate = useNavigate();
  return useCallback(async () => {
    const refreshToken = refreshTokenStore.read();
    refreshTokenStore.clear();
    dispatch(sessionEnded(null));
    // Logging out works offline too: the session is gone here whatever the server says.
    if (refreshToken) await logout({ refreshToken }).catch(() => undefined);
    dispatch(api.util.resetApiState());
    navigate('/login', { replace: true });
  }, [logout, dispatch, navigate]);
}
