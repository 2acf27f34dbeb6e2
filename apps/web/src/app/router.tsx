import { Box, Button, Typography } from '@mui/material';
import { Navigate, Link as RouterLink, createBrowserRouter, useRouteError } from 'react-router-dom';
import { LoginPage } from '@/features/auth/components/LoginPage';
import { RequireAuth } from '@/features/auth/components/RequireAuth';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { AppShell } from './layout/AppShell';
import { appRoutes, homePathFor } from './routes';

function Home() {
  return <Navigate to={homePathFor(useCurrentUser().roles)} replace />;
}

function NotFoundPage() {
  return (
    <Box sx={{ p: 2 }}>
      <Typography variant="h5" component="h1" gutterBottom>
        Page not found
      </Typography>
      <Typography sx={{ mb: 2 }}>There is no page at this address.</Typography>
      <Button variant="contained" component={RouterLink} to="/">
        Go to the start page
      </Button>
    </Box>
  );
}

/** A route that failed to load (e.g. a chunk of an older build after a deploy): reloading fetches the new one. */
function RouteError() {
  const error = useRouteError();
  console.error(error);
  return (
    <Box sx={{ p: 3 }}>
      <Typography variant="h5" component="h1" gutterBottom>
        This page could not be loaded
      </Typography>
      <Button variant="contained" onClick={() => window.location.reload()}>
        Reload
      </Button>
    </Box>
  );
}

export const routeObjects = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Home /> },
      ...appRoutes.map(({ path, Page }) => ({ path, element: <Page /> })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routeObjects);
