import type { z } from '@msched/contracts';
import { labelsFromText } from './form-text';
import { toProblem } from './problem';

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

/** The fields a server's 400 names (problem+json `errors`), by path, as `fieldErrorsFrom` files them. */
export function problemFieldErrors(error: unknown): FieldErrors {
  return Object.fromEntries((toProblem(error)?.errors ?? []).filter((entry) => entry.path).map((entry) => [entry.path, entry.message]));
}

/** The messages about single items of a list field (`conflictGroups.2`), in item order. */
export function itemErrors(errors: FieldErrors, field: string): { index: number; message: string }[] {
  const prefix = `${field}.`;
  return Object.entries(errors)
    .flatMap(([path, message]) => {
      const rest = path.slice(prefix.length);
      return path.startsWith(prefix) && /^\d+$/.test(rest) ? [{ index: Number(rest), message }] : [];
    })
    .sort((a, b) => a.index - b.index);
}

/**
 * The message for a list typed as comma-separated labels (`labelsFromText`): one about a single
 * label names it as the form sends it (`conflictGroups.1` is the second one); else the list's own.
 */
export function labelListErrors(errors: FieldErrors, path: string, text: string): string | undefined {
  const labels = labelsFromText(text);
  const problems = itemErrors(errors, path);
  if (problems.length === 0) return errors[path];
  return problems.map(({ index, message }) => `"${labels[index] ?? `entry ${index + 1}`}": ${message}`).join('; ');
}
