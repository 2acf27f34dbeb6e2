import { Alert, Box, Paper, Stack } from '@mui/material';
import type { Organization } from '@msched/contracts';
import { type FormEvent, useState } from 'react';
import { boundTextFields } from '@/components/ui/bound-text-field';
import { FormActions } from '@/components/ui/FormActions';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { EditConflictAlerts } from '@/components/ui/EditConflictAlerts';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { can } from '@/lib/auth/permissions';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { focusFirstInvalid } from '@/lib/focus-first-invalid';
import { type FieldErrors, problemFieldErrors } from '@/lib/form-errors';
import { formatDate } from '@/lib/format';
import { useAppDispatch } from '@/lib/store';
import { toastShown } from '@/lib/toasts';
import { useRebasedForm } from '@/lib/use-rebased-form';
import { useGetOrganizationQuery, useUpdateOrganizationMutation } from '../api/organization';
import { type OrganizationFormValues, formValuesOf, validateUpdate } from '../utils/organization-form';

/** The organization's name, time zone and currency: admins change them, everyone else reads them. */
export function OrganizationPage() {
  const { data: latest, error: loadError, refetch } = useGetOrganizationQuery();
  const admin = can(useCurrentUser(), 'organization.manage');
  if (!latest) return loadError ? <ProblemAlert error={loadError} subject="organization" onReload={refetch} /> : <LoadingBlock />;
  return admin ? <OrganizationForm latest={latest} refetch={refetch} /> : <OrganizationSummary organization={latest} />;
}

function OrganizationSummary({ organization }: { organization: Organization }) {
  return (
    <>
      <PageHeader title={organization.name} subtitle={`Organization since ${formatDate(organization.createdAt)}`} />
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
        <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 1 }}>
          <dt>Time zone</dt>
          <dd>{organization.timezone}</dd>
          <dt>Currency</dt>
          <dd>{organization.currency}</dd>
        </Box>
      </Paper>
      <Alert severity="info" sx={{ mt: 2 }}>
        Administrators change these settings.
      </Alert>
    </>
  );
}

/** Edited against the version opened (If-Match); when someone else saved first the admin reloads or merges. */
function OrganizationForm({ latest, refetch }: { latest: Organization; refetch: () => Promise<{ data?: Organization }> }) {
  const [update, { isLoading, error, reset }] = useUpdateOrganizationMutation();
  const { base, values, setValues, moveTo, rebase } = useRebasedForm(latest, formValuesOf, refetch, reset);
  const [errors, setErrors] = useState<FieldErrors>({});
  const dispatch = useAppDispatch();

  if (!base || !values) return <LoadingBlock />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = validateUpdate(values, formValuesOf(base));
    if (!checked.ok) {
      setErrors(checked.errors);
      return focusFirstInvalid(form);
    }
    setErrors({});
    if (Object.keys(checked.body).length === 0) return;
    const result = await update({ version: base.version, changes: checked.body });
    if (!result.data) return focusFirstInvalid(form);
    moveTo(result.data, false);
    dispatch(toastShown({ message: 'Organization settings saved.', severity: 'success' }));
  };

  const messages = { ...problemFieldErrors(error), ...errors };
  const field = boundTextFields<keyof OrganizationFormValues>(
    values,
    (key) => messages[key],
    (changes) => setValues({ ...values, ...changes }),
  );
  const changedMeanwhile = latest.version > base.version && !error;
  return (
    <>
      <PageHeader title="Organization" subtitle={`${base.slug} · since ${formatDate(base.createdAt)}`} />
      <Paper
        variant="outlined"
        component="form"
        noValidate
        onSubmit={submit}
        aria-label="Organization settings"
        sx={{ p: { xs: 2, sm: 3 } }}
      >
        <Stack spacing={3}>
          <EditConflictAlerts changedMeanwhile={Boolean(changedMeanwhile)} error={error} subject="organization" rebase={rebase} />
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'repeat(2, minmax(0, 1fr))' } }}>
            {field('name', 'Name', { required: true, autoComplete: 'organization', slotProps: { htmlInput: { maxLength: 200 } } })}
            {field(
              'timezone',
              'Time zone',
              { required: true, autoComplete: 'off', slotProps: { htmlInput: { maxLength: 64 } } },
              'An IANA name such as Europe/Berlin: the local days of PM plans and the times notifications name.',
            )}
            {field(
              'currency',
              'Currency',
              { required: true, autoComplete: 'off', slotProps: { htmlInput: { maxLength: 3 } } },
              'ISO 4217 code of costs, rates and prices, such as EUR.',
            )}
          </Box>
          <FormActions label="Save settings" busyLabel="Saving…" busy={isLoading} cancel={() => void rebase(false)} />
        </Stack>
      </Paper>
    </>
  );
}
