import type { AuthUser } from '@msched/contracts';
import { useAppSelector } from '../store';
import { selectCurrentUser } from './auth-slice';

/** The logged-in user, inside the pages behind RequireAuth (which guarantees there is one). */
export function useCurrentUser(): AuthUser {
  const user = useAppSelector(selectCurrentUser);
  if (!user) throw new Error('useCurrentUser outside an authenticated page');
  return user;
}
