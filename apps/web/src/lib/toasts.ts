import { type PayloadAction, createSlice } from '@reduxjs/toolkit';

export interface Toast {
  id: number;
  message: string;
  severity: 'info' | 'success' | 'warning' | 'error';
  /** An in-app path to open from the toast (e.g. the work order a notification is about). */
  link?: string;
}

let nextId = 1;

/** Short-lived messages: live notifications, confirmations of what just happened. */
export const toastsSlice = createSlice({
  name: 'toasts',
  initialState: { queue: [] as Toast[] },
  reducers: {
    toastShown: {
      reducer(state, action: PayloadAction<Toast>) {
        // A burst of events should not bury the screen: keep the newest few.
        state.queue = [...state.queue, action.payload].slice(-5);
      },
      prepare: (toast: Omit<Toast, 'id'>) => ({ payload: { ...toast, id: nextId++ } }),
    },
    toastDismissed(state, action: PayloadAction<number>) {
      state.queue = state.queue.filter((toast) => toast.id !== action.payload);
    },
  },
  selectors: { selectCurrentToast: (state) => state.queue[0] ?? null },
});

export const { toastShown, toastDismissed } = toastsSlice.actions;
export const { selectCurrentToast } = toastsSlice.selectors;
