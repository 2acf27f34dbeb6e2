import type { NotificationPage } from '@msched/contracts';
import { LIST, api, queryParams } from '@/lib/api';

export interface NotificationListArgs {
  page: number;
  limit: number;
  /** true: unread only; omitted: all. */
  unread?: boolean;
}

/** `GET /notifications`: the caller's own, newest first, with their unread count. */
export const listNotificationsApi = api.injectEndpoints({
  endpoints: (build) => ({
    listNotifications: build.query<NotificationPage, NotificationListArgs>({
      query: ({ page, limit, unread }) => ({
        url: '/notifications',
        params: queryParams({ page, limit, unread: unread ? 'true' : undefined }),
      }),
      providesTags: [{ type: 'Notification', id: LIST }],
    }),
  }),
});

export const { useListNotificationsQuery } = listNotificationsApi;
