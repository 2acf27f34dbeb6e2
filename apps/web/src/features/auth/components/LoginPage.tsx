import { Alert, Box, Container, Paper, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useStore } from 'react-redux';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { selectSessionNotice, selectSessionStatus } from '@/lib/auth/auth-slice';
import { restoreSession } from '@/lib/auth/session';
import { type AppStore, useAppSelector } from '@/lib/store';
import { DemoLoginList } from './DemoLoginList';
import { type Credentials, LoginForm } from './LoginForm';
import type { LoginRedirectState } from './RequireAuth';

const NOTICES = {
  expired: 'Your session expired. Log in again to continue where you left off.',
  'ended-elsewhere': 'You were logged out in another tab or window.',
} as const;

/** Only paths inside the app: a crafted `from` must not send anyone to another site. */
const safeTarget = (from: string | undefined) => (from?.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/');

export function LoginPage() {
  const [credentials, setCredentials] = useState<Credentials>({ email: '', password: '' });
  const status = useAppSelector(selectSessionStatus);
  const notice = useAppSelector(selectSessionNotice);
  const store = useStore() as AppStore;
  const location = useLocation();
  const navigate = useNavigate();
  const target = safeTarget((location.state as LoginRedirectState | null)?.from);

  useEffect(() => {
    if (status === 'unknown') void restoreSession(store);
  }, [status, store]);

  if (status === 'authenticated') return <Navigate to={target} replace />;

  return (
    <Container component="main" maxWidth="xs" sx={{ py: { xs: 4, sm: 8 } }}>
      <Paper variant="outlined" sx={{ p: { xs: 2.5, sm: 4 } }}>
        <Typography variant="h5" component="h1" gutterBottom>
          Maintenance Scheduler
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          Log in to see your work orders and schedule.
        </Typography>
        {notice && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {NOTICES[notice]}
          </Alert>
        )}
        <LoginForm credentials={credentials} onChange={setCredentials} onLoggedIn={() => navigate(target, { replace: true })} />
        <Box>
          <DemoLoginList onPick={setCredentials} />
        </Box>
      </Paper>
    </Container>
  );
}
