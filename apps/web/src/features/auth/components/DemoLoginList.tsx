import type { DemoLogins, Role } from '@msched/contracts';
import { Alert, Box, Button, Typography } from '@mui/material';
import { useGetDemoLoginsQuery } from '../api/get-demo-logins';
import type { Credentials } from './LoginForm';

const ROLES: { role: Role; label: string }[] = [
  { role: 'admin', label: 'Admin' },
  { role: 'manager', label: 'Manager' },
  { role: 'planner', label: 'Planner' },
  { role: 'technician', label: 'Technicians' },
  { role: 'requester', label: 'Requester' },
];
type Account = DemoLogins['accounts'][number];

/** tech2 before tech10. */
const byEmail = (a: Account, b: Account) => a.email.localeCompare(b.email, undefined, { numeric: true });

/** The demo accounts, when the server runs the demo: one click fills the form. */
export function DemoLoginList({ onPick }: { onPick: (credentials: Credentials) => void }) {
  const { data } = useGetDemoLoginsQuery();
  if (!data?.password || data.accounts.length === 0) return null;
  const password = data.password;
  return (
    <Alert severity="info" icon={false} sx={{ mt: 3 }}>
      <Typography variant="subtitle2" component="h2">
        Demo logins
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        This server runs the demo plant. Every account uses the password <strong>{password}</strong>; pick one to fill the form.
      </Typography>
      {ROLES.map(({ role, label }) => {
        const accounts = data.accounts.filter((account) => account.roles[0] === role).sort(byEmail);
        if (accounts.length === 0) return null;
        return (
          <Box key={role} sx={{ mb: 1 }}>
            <Typography variant="caption" component="h3">
              {label}
            </Typography>
            <Box
              component="ul"
              aria-label={`${label} demo accounts`}
              sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, listStyle: 'none', p: 0, m: 0 }}
            >
              {accounts.map((account) => (
                <li key={account.email}>
                  <Button
                    size="small"
                    variant="outlined"
                    sx={{ textTransform: 'none', minWidth: 0 }}
                    title={`${account.name} (${account.email})`}
                    onClick={() => onPick({ email: account.email, password })}
                  >
                    {account.email.split('@')[0]}
                  </Button>
                </li>
              ))}
            </Box>
          </Box>
        );
      })}
    </Alert>
  );
}
