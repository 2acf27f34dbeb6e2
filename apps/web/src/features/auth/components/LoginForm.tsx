import { LoginRequest } from '@msched/contracts';
import { Box, Button, Stack, TextField } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { sessionStarted } from '@/lib/auth/auth-slice';
import { focusFirstInvalid } from '@/lib/focus-first-invalid';
import { refreshTokenStore } from '@/lib/auth/refresh-token-store';
import { useAppDispatch } from '@/lib/store';
import { useFocusBackWhenDone } from '@/lib/use-focus-back-when-done';
import { useLoginMutation } from '../api/login';

export interface Credentials {
  email: string;
  password: string;
}

interface Props {
  credentials: Credentials;
  onChange: (credentials: Credentials) => void;
  /** Called once the session has started. */
  onLoggedIn: () => void;
}

type FieldErrors = Partial<Record<keyof Credentials, string>>;

/** Email and password, checked against the contract's LoginRequest before anything is sent. */
export function LoginForm({ credentials, onChange, onLoggedIn }: Props) {
  const [login, { isLoading, error, reset }] = useLoginMutation();
  // Disabled while logging in, the button drops the keyboard to the page: a refusal gives it back.
  const submitButton = useFocusBackWhenDone<HTMLButtonElement>(isLoading);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const dispatch = useAppDispatch();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const parsed = LoginRequest.safeParse(credentials);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof Credentials;
        errors[field] ??= field === 'email' ? 'Enter an email address such as name@example.com' : 'Enter your password';
      }
      setFieldErrors(errors);
      return focusFirstInvalid(event.currentTarget as HTMLElement);
    }
    setFieldErrors({});
    const result = await login(parsed.data);
    if (!result.data) return;
    refreshTokenStore.write(result.data.refreshToken);
    dispatch(sessionStarted({ accessToken: result.data.accessToken, user: result.data.user }));
    onLoggedIn();
  };

  const set = (field: keyof Credentials) => (value: string) => onChange({ ...credentials, [field]: value });

  return (
    <Box component="form" noValidate onSubmit={submit} aria-label="Log in">
      <Stack spacing={2}>
        <ProblemAlert error={error} subject="account" />
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          value={credentials.email}
          onChange={(event) => set('email')(event.target.value)}
          error={Boolean(fieldErrors.email)}
          helperText={fieldErrors.email}
          required
          fullWidth
          autoFocus
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={credentials.password}
          onChange={(event) => set('password')(event.target.value)}
          error={Boolean(fieldErrors.password)}
          helperText={fieldErrors.password}
          required
          fullWidth
        />
        <Button ref={submitButton} type="submit" variant="contained" size="large" disabled={isLoading}>
          {isLoading ? 'Logging in…' : 'Log in'}
        </Button>
      </Stack>
    </Box>
  );
}
