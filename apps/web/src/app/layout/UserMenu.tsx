import AccountCircleIcon from '@mui/icons-material/AccountCircleOutlined';
import { Divider, IconButton, ListItemText, Menu, MenuItem, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useLogout } from '@/features/auth/hooks/use-logout';
import { useCurrentUser } from '@/lib/auth/use-current-user';

export function UserMenu() {
  const user = useCurrentUser();
  const logout = useLogout();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <Tooltip title={user.name}>
        <IconButton
          color="inherit"
          aria-label={`Account of ${user.name}`}
          aria-haspopup="menu"
          onClick={(event) => setAnchor(event.currentTarget)}
        >
          <AccountCircleIcon />
        </IconButton>
      </Tooltip>
      <Menu anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        <MenuItem disabled sx={{ '&.Mui-disabled': { opacity: 1 } }}>
          <ListItemText primary={user.name} secondary={`${user.email} · ${user.roles.join(', ')}`} />
        </MenuItem>
        <Divider />
        <MenuItem
          onClick={() => {
            setAnchor(null);
            void logout();
          }}
        >
          Log out
        </MenuItem>
      </Menu>
    </>
  );
}
