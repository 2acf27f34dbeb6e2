import { Alert, Button, Snackbar } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useAppDispatch, useAppSelector } from '@/lib/store';
import { selectCurrentToast, toastDismissed } from '@/lib/toasts';

/** Shows queued toasts one at a time (live notifications, confirmations). */
export function Toaster() {
  const toast = useAppSelector(selectCurrentToast);
  const dispatch = useAppDispatch();
  if (!toast) return null;
  const close = () => dispatch(toastDismissed(toast.id));
  return (
    <Snackbar
      key={toast.id}
      open
      autoHideDuration={6000}
      onClose={(_event, reason) => reason !== 'clickaway' && close()}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
    >
      <Alert
        severity={toast.severity}
        variant="filled"
        onClose={close}
        action={
          toast.link ? (
            <Button color="inherit" size="small" component={RouterLink} to={toast.link} onClick={close}>
              Open
            </Button>
          ) : undefined
        }
        sx={{ width: '100%' }}
      >
        {toast.message}
      </Alert>
    </Snackbar>
  );
}
