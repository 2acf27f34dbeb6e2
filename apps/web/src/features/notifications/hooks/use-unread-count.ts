import { useListNotificationsQuery } from '../api/list-notifications';

/** The caller's unread notifications (the list answers the count whatever its page holds). */
export function useUnreadCount(): number {
  const { data } = useListNotificationsQuery({ page: 1, limit: 1 });
  return data?.unreadCount ?? 0;
}
