import type { AuthUser } from '@msched/contracts';
import { List, ListItemButton, ListItemIcon, ListItemText } from '@mui/material';
import { NavLink } from 'react-router-dom';
import { appRoutes, offeredTo } from '../routes';

/** The screens this user may open, from the route table. */
export function NavList({ user, onNavigate }: { user: AuthUser; onNavigate?: () => void }) {
  const items = appRoutes.filter((route) => route.nav && offeredTo(route.nav, user.roles));
  return (
    <List component="div">
      {items.map((route) => (
        <ListItemButton
          key={route.path}
          component={NavLink}
          to={`/${route.path}`}
          onClick={onNavigate}
          sx={{ '&.active': { bgcolor: 'action.selected', fontWeight: 600 } }}
        >
          <ListItemIcon>{route.nav!.icon}</ListItemIcon>
          <ListItemText primary={route.nav!.label} />
        </ListItemButton>
      ))}
    </List>
  );
}
