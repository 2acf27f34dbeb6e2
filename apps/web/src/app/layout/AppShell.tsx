import MenuIcon from '@mui/icons-material/Menu';
import { AppBar, Box, Drawer, IconButton, Link, Toolbar, Typography, useMediaQuery, useTheme } from '@mui/material';
import { Suspense, useState } from 'react';
import { Link as RouterLink, Outlet, useLocation } from 'react-router-dom';
import { ErrorBoundary } from '@/components/ui/ErrorBoundary';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { Toaster } from '@/components/ui/Toaster';
import { NotificationBell } from '@/features/notifications/components/NotificationBell';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { ConnectionIndicator } from './ConnectionIndicator';
import { NavList } from './NavList';
import { TimeZoneNotice } from './TimeZoneNotice';
import { UserMenu } from './UserMenu';

const DRAWER_WIDTH = 232;

/** App bar, navigation (a fixed drawer on wide screens, a menu on phones) and the page. */
export function AppShell() {
  const user = useCurrentUser();
  const wide = useMediaQuery(useTheme().breakpoints.up('md'));
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <Link
        href="#main"
        sx={{ position: 'absolute', left: -9999, '&:focus': { left: 8, top: 8, zIndex: 2000, bgcolor: 'background.paper', p: 1 } }}
      >
        Skip to content
      </Link>
      <AppBar position="fixed" sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 1 }}>
          {!wide && (
            <IconButton
              color="inherit"
              edge="start"
              aria-label="Open navigation"
              aria-expanded={menuOpen}
              onClick={() => setMenuOpen(true)}
            >
              <MenuIcon />
            </IconButton>
          )}
          <Typography
            variant="h6"
            component={RouterLink}
            to="/"
            sx={{
              color: 'inherit',
              textDecoration: 'none',
              flexGrow: 1,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
            }}
          >
            Maintenance Scheduler
          </Typography>
          <ConnectionIndicator />
          <NotificationBell />
          <UserMenu />
        </Toolbar>
      </AppBar>
      {/* The landmark wraps the drawer: on phones the drawer is a modal dialog, named for its purpose. */}
      <Box component="nav" aria-label="Main" sx={{ width: wide ? DRAWER_WIDTH : 0, flexShrink: 0 }}>
        <Drawer
          variant={wide ? 'permanent' : 'temporary'}
          open={wide || menuOpen}
          onClose={() => setMenuOpen(false)}
          slotProps={{ paper: wide ? {} : { role: 'dialog', 'aria-label': 'Navigation' } }}
          sx={{ '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}
        >
          <Toolbar />
          <NavList user={user} onNavigate={() => setMenuOpen(false)} />
        </Drawer>
      </Box>
      <Box component="main" id="main" tabIndex={-1} sx={{ flexGrow: 1, minWidth: 0, p: { xs: 1.5, sm: 3 }, outline: 'none' }}>
        <Toolbar />
        <TimeZoneNotice />
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<LoadingBlock />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </Box>
      <Toaster />
    </Box>
  );
}
