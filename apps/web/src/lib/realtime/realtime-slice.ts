import type { RealtimeStatus } from '@msched/realtime-client';
import { type PayloadAction, createSlice } from '@reduxjs/toolkit';

export const realtimeSlice = createSlice({
  name: 'realtime',
  initialState: { status: 'idle' as RealtimeStatus },
  reducers: {
    realtimeStatusChanged(state, action: PayloadAction<RealtimeStatus>) {
      state.status = action.payload;
    },
  },
  selectors: { selectRealtimeStatus: (state) => state.status },
});

export const { realtimeStatusChanged } = realtimeSlice.actions;
export const { selectRealtimeStatus } = realtimeSlice.selectors;
