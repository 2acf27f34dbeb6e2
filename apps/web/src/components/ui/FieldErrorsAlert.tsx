import type { FieldErrors } from '@/lib/form-errors';
import { ProblemAlert } from './ProblemAlert';

/** What the form's own check refused, said at its top as the server would say it (nothing when all is well). */
export function FieldErrorsAlert({ errors }: { errors: FieldErrors }) {
  if (Object.keys(errors).length === 0) return null;
  return (
    <ProblemAlert
      error={{
        status: 400,
        data: { title: 'Invalid input', errors: Object.entries(errors).map(([path, message]) => ({ path, message })) },
      }}
    />
  );
}
