import NotificationsIcon from '@mui/icons-material/NotificationsOutlined';
import { Badge, IconButton, Tooltip } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useUnreadCount } from '../hooks/use-unread-count';

/** The app bar's way to the notification centre, with the unread count (kept live). */
export function NotificationBell() {
  const unread = useUnreadCount();
  // The visible count comes first in the name (WCAG 2.5.3: what is seen is what is said).
  const label = unread > 0 ? `${unread > 99 ? '99+' : unread} unread notifications` : 'Notifications';
  return (
    <Tooltip title={label}>
      <IconButton color="inherit" component={RouterLink} to="/notifications" aria-label={label}>
        <Badge badgeContent={unread > 0 ? unread : undefined} color="error" max={99}>
          <NotificationsIcon />
        </Badge>
      </IconButton>
    </Tooltip>
  );
}
