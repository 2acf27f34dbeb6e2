import type { z } from '@msched/contracts';

export type FieldErrors = Record<string, string>;

/**
 * A contract schema's issues as messages per field path (`title`, `tasks.0.title`; a nested
 * issue is also filed under its top-level field). The schema's own words are kept; only
 * "expected string, received undefined" becomes "Required".
 */
export function fieldErrorsFrom(error: z.ZodError, overrides: Record<string, string> = {}): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    const message = overrides[path] ?? (missing ? 'Required' : issue.message);
    errors[path] ??= message;
    if (issue.path.length > 1) errors[String(issue.path[0])] ??= `${issue.path.slice(1).join('.')}: ${message}`;
  }
  return errors;
}
