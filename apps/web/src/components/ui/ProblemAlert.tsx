import { Alert, AlertTitle, Button } from '@mui/material';
import { type Problem, type ProblemMessage, describeProblem, toProblem } from '@/lib/problem';

interface Props {
  /** An RTK Query error, a problem, or nothing (renders nothing). */
  error: unknown;
  /** What the screen is about, for "this work order does not exist" and the like. */
  subject?: string;
  /** Shown as the Reload button on a 412 (and Retry on network trouble). */
  onReload?: () => void;
  /** A second way out of a 412: keep one's own edits on top of the newest version. */
  onMerge?: () => void;
  title?: string;
  /** False where no field shows its own message (a list's filters, an address): the alert names them. */
  fieldsShown?: boolean;
}

/** The user-facing message for an API error, with the action that gets them unstuck. */
export function ProblemAlert({ error, subject, onReload, onMerge, title, fieldsShown = true }: Props) {
  const problem: Problem | null = toProblem(error);
  if (!problem) return null;
  const message: ProblemMessage = describeProblem(problem, subject, fieldsShown);
  const actions = (
    <>
      {message.action === 'reload' && onReload && (
        <Button color="inherit" size="small" onClick={onReload}>
          Reload
        </Button>
      )}
      {message.action === 'reload' && onMerge && (
        <Button color="inherit" size="small" onClick={onMerge}>
          Merge my changes
        </Button>
      )}
      {message.action === 'retry' && onReload && (
        <Button color="inherit" size="small" onClick={onReload}>
          Retry
        </Button>
      )}
    </>
  );
  // A 412 says only what the buttons beside it offer.
  const nextStep =
    message.action !== 'reload'
      ? ''
      : onReload && onMerge
        ? ' Reload to see their version, or merge your changes into it.'
        : onReload
          ? ' Reload to see their version.'
          : onMerge
            ? ' Merge your changes into their version.'
            : '';
  return (
    <Alert severity={message.severity} action={actions} role="alert">
      {title && <AlertTitle>{title}</AlertTitle>}
      {message.message}
      {nextStep}
    </Alert>
  );
}
