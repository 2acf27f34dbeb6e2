import type { Notification } from '@msched/contracts';
import { Box, Button, ListItem, ListItemButton, ListItemText } from '@mui/material';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '@/lib/format';

interface Props {
  notification: Notification;
  onRead: (id: string) => void;
}

/** One notification: opening it (when it is about a work order) also marks it read. */
export function NotificationItem({ notification, onRead }: Props) {
  const navigate = useNavigate();
  const unread = notification.readAt === null;
  const text = (
    <ListItemText
      primary={notification.title}
      secondary={`${notification.message} · ${formatDateTime(notification.createdAt)}`}
      slotProps={{ primary: { sx: { fontWeight: unread ? 700 : 400 } } }}
    />
  );
  return (
    <ListItem
      divider
      disablePadding
      secondaryAction={
        unread && (
          <Button size="small" onClick={() => onRead(notification.id)} aria-label={`Mark read: ${notification.title}`}>
            Mark read
          </Button>
        )
      }
    >
      {notification.workOrderId ? (
        <ListItemButton
          onClick={() => {
            if (unread) onRead(notification.id);
            navigate(`/work-orders/${notification.workOrderId}`);
          }}
          sx={{ pr: 14 }}
        >
          {text}
        </ListItemButton>
      ) : (
        <Box sx={{ px: 2, py: 1, pr: 14, width: '100%' }}>{text}</Box>
      )}
    </ListItem>
  );
}
