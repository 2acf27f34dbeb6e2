import type { ReadAllResult } from '@msched/contracts';
import { LIST, api } from '@/lib/api';

/** `POST /notifications/read-all` */
export const markAllNotificationsReadApi = api.injectEndpoints({
  endpoints: (build) => ({
    markAllNotificationsRead: build.mutation<ReadAllResult, void>({
      query: () => ({ url: '/notifications/read-all', method: 'POST' }),
      invalidatesTags: [{ type: 'Notification', id: LIST }],
    }),
  }),
});

export const { useMarkAllNotificationsReadMutation } = markAllNotificationsReadApi;
