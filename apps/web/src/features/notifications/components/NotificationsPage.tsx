import { Button, List, Paper, Tab, Tabs, TablePagination } from '@mui/material';
import { useState } from 'react';
import { EmptyState } from '@/components/ui/EmptyState';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useListNotificationsQuery } from '../api/list-notifications';
import { useMarkAllNotificationsReadMutation } from '../api/mark-all-notifications-read';
import { useMarkNotificationReadMutation } from '../api/mark-notification-read';
import { NotificationItem } from './NotificationItem';

/** The notification centre: all or unread (filtered by the server), paged, marked read one by one or all at once. */
export function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [limit, setLimit] = useState(20);
  const { data, error, isLoading, refetch } = useListNotificationsQuery({ page, limit, unread: unreadOnly || undefined });
  const [markRead, markOne] = useMarkNotificationReadMutation();
  const [markAll, markEvery] = useMarkAllNotificationsReadMutation();

  return (
    <>
      <PageHeader
        title="Notifications"
        subtitle={data ? `${data.unreadCount} unread` : undefined}
        actions={
          <Button variant="outlined" onClick={() => void markAll()} disabled={!data?.unreadCount || markEvery.isLoading}>
            Mark all as read
          </Button>
        }
      />
      <ProblemAlert fieldsShown={false} error={error ?? markOne.error ?? markEvery.error} subject="notification" onReload={refetch} />
      <Paper variant="outlined">
        <Tabs
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(_event, value) => {
            setUnreadOnly(value === 'unread');
            setPage(1);
          }}
          aria-label="Which notifications"
        >
          <Tab value="all" label="All" />
          <Tab value="unread" label="Unread" />
        </Tabs>
        {isLoading && <LoadingBlock label="Loading notifications…" />}
        {data && data.data.length === 0 && (
          <EmptyState title={unreadOnly ? 'Nothing unread' : 'No notifications yet'}>
            Assignments and status changes of your work appear here.
          </EmptyState>
        )}
        <List disablePadding aria-label="Notifications">
          {data?.data.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} onRead={(id) => void markRead(id)} />
          ))}
        </List>
        {data && data.total > 0 && (
          <TablePagination
            component="div"
            count={data.total}
            page={page - 1}
            rowsPerPage={limit}
            rowsPerPageOptions={[10, 20, 50]}
            onPageChange={(_event, index) => setPage(index + 1)}
            onRowsPerPageChange={(event) => {
              setLimit(Number(event.target.value));
              setPage(1);
            }}
          />
        )}
      </Paper>
    </>
  );
}
