import { combineSlices, configureStore } from '@reduxjs/toolkit';
import { setupListeners } from '@reduxjs/toolkit/query';
import { useDispatch, useSelector } from 'react-redux';
import { api } from './api';
import { authSlice } from './auth/auth-slice';
import { realtimeSlice } from './realtime/realtime-slice';
import { toastsSlice } from './toasts';

/**
 * The store: the api slice plus the few pieces of client state. A feature that needs a slice of
 * its own adds it with `rootReducer.inject(slice)` when its code loads (RTK's combineSlices).
 */
export const rootReducer = combineSlices(api, authSlice, realtimeSlice, toastsSlice);
export type RootState = ReturnType<typeof rootReducer>;

export function makeStore(preloadedState?: Partial<RootState>) {
  const store = configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(api.middleware),
  });
  setupListeners(store.dispatch);
  return store;
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore['dispatch'];
export const useAppDispatch = useDispatch.withTypes<AppDispatch>();
export const useAppSelector = useSelector.withTypes<RootState>();
