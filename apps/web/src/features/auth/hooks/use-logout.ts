import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '@/lib/api';
import { sessionEnded } from '@/lib/auth/auth-slice';
import { refreshTokenStore } from '@/lib/auth/refresh-token-store';
import { useAppDispatch } from '@/lib/store';
import { useLogoutMutation } from '../api/logout';

/** Revokes the session on the server, forgets it here (every tab) and shows the login page. */
export function useLogout() {
  const [logout] = useLogoutMutation();
  const dispatch = useAppDispatch();
  const navigate = useNavigate();
  return useCallback(async () => {
    const refreshToken = refreshTokenStore.read();
    // Logging out works offline too: the token is forgotten here whatever the server says.
    if (refreshToken) await logout({ refreshToken }).catch(() => undefined);
    refreshTokenStore.clear();
    dispatch(sessionEnded(null));
    dispatch(api.util.resetApiState());
    navigate('/login', { replace: true });
  }, [logout, dispatch, navigate]);
}
