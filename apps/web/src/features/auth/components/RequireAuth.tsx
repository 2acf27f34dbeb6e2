import { type ReactNode, useEffect } from 'react';
import { useStore } from 'react-redux';
import { Navigate, useLocation } from 'react-router-dom';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { selectSessionStatus, sessionEnded } from '@/lib/auth/auth-slice';
import { refreshTokenStore } from '@/lib/auth/refresh-token-store';
import { restoreSession } from '@/lib/auth/session';
import { type AppStore, useAppDispatch, useAppSelector } from '@/lib/store';

/** Where the login page sends the user back to. */
export interface LoginRedirectState {
  from?: string;
}

/**
 * Shows its children to a logged-in user. On first load it resumes this browser's session from
 * the stored refresh token; without one (or when it has run out) it goes to the login page,
 * remembering the page asked for.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const status = useAppSelector(selectSessionStatus);
  const location = useLocation();
  const store = useStore() as AppStore;
  const dispatch = useAppDispatch();

  useEffect(() => {
    if (status === 'unknown') void restoreSession(store);
  }, [status, store]);

  // Logging out in another tab ends the session here too.
  useEffect(() => refreshTokenStore.onRemovedElsewhere(() => dispatch(sessionEnded('ended-elsewhere'))), [dispatch]);

  if (status === 'unknown') return <LoadingBlock label="Resuming your session…" />;
  if (status === 'anonymous') {
    const state: LoginRedirectState = { from: `${location.pathname}${location.search}${location.hash}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return <>{children}</>;
}
