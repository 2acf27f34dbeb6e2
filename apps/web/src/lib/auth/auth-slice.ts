import type { AuthUser } from '@msched/contracts';
import { type PayloadAction, createSlice } from '@reduxjs/toolkit';

/**
 * `unknown` until the stored refresh token has been tried once at start-up; then either
 * `authenticated` or `anonymous`. The access token lives only here, in memory.
 */
export type SessionStatus = 'unknown' | 'authenticated' | 'anonymous';
/** Why the user is on the login page, shown there: the session ran out, or ended in another tab. */
export type SessionNotice = 'expired' | 'ended-elsewhere' | null;

export interface AuthState {
  status: SessionStatus;
  accessToken: string | null;
  user: AuthUser | null;
  notice: SessionNotice;
}

const initialState: AuthState = { status: 'unknown', accessToken: null, user: null, notice: null };

export const authSlice = createSlice({
  name: 'auth',
  initialState,
  reducers: {
    sessionStarted(state, action: PayloadAction<{ accessToken: string; user: AuthUser }>) {
      state.status = 'authenticated';
      state.accessToken = action.payload.accessToken;
      state.user = action.payload.user;
      state.notice = null;
    },
    sessionEnded(_state, action: PayloadAction<SessionNotice>) {
      return { ...initialState, status: 'anonymous', notice: action.payload };
    },
  },
  selectors: {
    selectCurrentUser: (state) => state.user,
    selectSessionStatus: (state) => state.status,
    selectSessionNotice: (state) => state.notice,
    selectAccessToken: (state) => state.accessToken,
  },
});

export const { sessionStarted, sessionEnded } = authSlice.actions;
export const { selectCurrentUser, selectSessionStatus, selectSessionNotice, selectAccessToken } = authSlice.selectors;
