import type { Notification } from '@msched/contracts';
import { LIST, api } from '@/lib/api';

/** `POST /notifications/:id/read` */
export const markNotificationReadApi = api.injectEndpoints({
  endpoints: (build) => ({
    markNotificationRead: build.mutation<Notification, string>({
      query: (id) => ({ url: `/notifications/${id}/read`, method: 'POST' }),
      invalidatesTags: [{ type: 'Notification', id: LIST }],
    }),
  }),
});

export const { useMarkNotificationReadMutation } = markNotificationReadApi;
