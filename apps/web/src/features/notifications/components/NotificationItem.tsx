import type { Notification } from '@msched/contracts';
import { Box, Button, ListItem, ListItemButton, ListItemText } from '@mui/material';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '@/lib/format';

interface Props {
  notification: Notification;
  onRead: (id: string) => void;
}

/**
 * One notification: opening it (when it is about a work order) also marks it read. "Mark read"
 * sits beside the text in the row, not laid over it (as `secondaryAction` would be), so long text
 * wraps before the button on a phone.
 */
export function NotificationItem({ notification, onRead }: Props) {
  const navigate = useNavigate();
  const unread = notification.readAt === null;
  const text = (
    <ListItemText
      primary={notification.title}
      secondary={`${notification.message} · ${formatDateTime(notification.createdAt)}`}
      slotProps={{ primary: { sx: { fontWeight: unread ? 700 : 400 } } }}
      sx={{ overflowWrap: 'anywhere' }}
    />
  );
  return (
    <ListItem divider disablePadding>
      {notification.workOrderId ? (
        <ListItemButton
          onClick={() => {
            if (unread) onRead(notification.id);
            navigate(`/work-orders/${notification.workOrderId}`);
          }}
          sx={{ flex: 1, minWidth: 0 }}
        >
          {text}
        </ListItemButton>
      ) : (
        <Box sx={{ flex: 1, minWidth: 0, px: 2, py: 1 }}>{text}</Box>
      )}
      {unread && (
        <Button
          size="small"
          onClick={() => onRead(notification.id)}
          aria-label={`Mark read: ${notification.title}`}
          sx={{ flexShrink: 0, mx: 1 }}
        >
          Mark read
        </Button>
      )}
    </ListItem>
  );
}
