import { Box, Button } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useFocusBackWhenDone } from '@/lib/use-focus-back-when-done';

/**
 * A form's submit button (disabled, with `busyLabel`, while it is sent) and its way out: a link
 * back (`cancel` a path) or a callback (closing an inline editor). A button disabled while it
 * has the keyboard drops it to the page; when the send ends and nothing else took it, it comes
 * back to the button, so a keyboard user goes on from where they were.
 */
export function FormActions({
  label,
  busyLabel,
  busy,
  cancel,
}: {
  label: string;
  busyLabel: string;
  busy: boolean;
  cancel: string | (() => void);
}) {
  const submit = useFocusBackWhenDone<HTMLButtonElement>(busy);
  return (
    <Box sx={{ display: 'flex', gap: 1 }}>
      <Button ref={submit} type="submit" variant="contained" disabled={busy}>
        {busy ? busyLabel : label}
      </Button>
      {typeof cancel === 'string' ? (
        <Button component={RouterLink} to={cancel}>
          Cancel
        </Button>
      ) : (
        <Button onClick={cancel}>Cancel</Button>
      )}
    </Box>
  );
}
