import { type Organization, UpdateOrganization } from '@msched/contracts';
import { type FieldErrors, fieldErrorsFrom } from '@/lib/form-errors';

/** What the settings form holds, as typed; the contract trims and upper-cases on the way out. */
export interface OrganizationFormValues {
  name: string;
  timezone: string;
  currency: string;
}

export const formValuesOf = (organization: Organization): OrganizationFormValues => ({
  name: organization.name,
  timezone: organization.timezone,
  currency: organization.currency,
});

export type Validated = { ok: true; body: UpdateOrganization } | { ok: false; errors: FieldErrors };

/** Only the settings that differ from `base` (the version being edited), checked with UpdateOrganization. */
export function validateUpdate(values: OrganizationFormValues, base: OrganizationFormValues): Validated {
  const changed = Object.fromEntries(
    (Object.keys(values) as (keyof OrganizationFormValues)[])
      .filter((key) => values[key].trim() !== base[key])
      .map((key) => [key, values[key]]),
  );
  const parsed = UpdateOrganization.safeParse(changed);
  if (!parsed.success) return { ok: false, errors: fieldErrorsFrom(parsed.error) };
  // `usd` for `USD` is no change once upper-cased.
  const body = Object.fromEntries(
    Object.entries(parsed.data).filter(([key, value]) => value !== base[key as keyof OrganizationFormValues]),
  );
  return { ok: true, body };
}
