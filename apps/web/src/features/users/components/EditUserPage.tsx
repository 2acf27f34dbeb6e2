import { Paper, Stack } from '@mui/material';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { FormActions } from '@/components/ui/FormActions';
import { EditConflictAlerts } from '@/components/ui/EditConflictAlerts';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { focusFirstInvalid } from '@/lib/focus-first-invalid';
import type { FieldErrors } from '@/lib/form-errors';
import { formatDate } from '@/lib/format';
import { useAppDispatch } from '@/lib/store';
import { toastShown } from '@/lib/toasts';
import { useRebasedForm } from '@/lib/use-rebased-form';
import { useGetUserQuery } from '../api/get-user';
import { useUpdateUserMutation } from '../api/update-user';
import { formValuesOf, serverFieldErrors, validateUpdate } from '../utils/user-form';
import { AdminOnly } from './AdminOnly';
import { UserFormFields } from './UserFormFields';

/** One account, edited by an admin: name, roles, technician link, active, a new password. */
export function EditUserPage() {
  return (
    <AdminOnly title="Edit user">
      <EditUserForm />
    </AdminOnly>
  );
}

/**
 * Edits are made against the version that was opened (`base`) and sent with If-Match; only the
 * changed fields go. When someone else saves first the admin reloads or merges their changes.
 */
function EditUserForm() {
  const { userId = '' } = useParams();
  const me = useCurrentUser();
  const { data: latest, error: loadError, refetch } = useGetUserQuery(userId);
  const [update, { isLoading, error, reset }] = useUpdateUserMutation();
  const { base, values, setValues, rebase } = useRebasedForm(latest, formValuesOf, refetch, reset);
  const [errors, setErrors] = useState<FieldErrors>({});
  const navigate = useNavigate();
  const dispatch = useAppDispatch();
  const formRef = useRef<HTMLFormElement>(null);

  // A field the server refused (a technician of another organization) gets the keyboard once it shows.
  useEffect(() => {
    if (error) focusFirstInvalid(formRef.current);
  }, [error]);

  if (!base || !values) return loadError ? <ProblemAlert error={loadError} subject="user" onReload={refetch} /> : <LoadingBlock />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = validateUpdate(values, formValuesOf(base));
    if (!checked.ok) {
      setErrors(checked.errors);
      return focusFirstInvalid(form);
    }
    setErrors({});
    if (Object.keys(checked.body).length === 0) return navigate('/users');
    const result = await update({ id: base.id, version: base.version, changes: checked.body });
    if (!result.data) return;
    dispatch(toastShown({ message: `${result.data.name} saved.`, severity: 'success' }));
    navigate('/users');
  };

  // Newer only: the cached copy may lag behind a version this form already moved to.
  const changedMeanwhile = latest && latest.version > base.version && !error;
  return (
    <>
      <PageHeader title={base.name} subtitle={`${base.email} · account since ${formatDate(base.createdAt)}`} />
      <Paper
        variant="outlined"
        component="form"
        ref={formRef}
        noValidate
        onSubmit={submit}
        aria-label={`Edit ${base.name}`}
        sx={{ p: { xs: 2, sm: 3 } }}
      >
        <Stack spacing={3}>
          <EditConflictAlerts changedMeanwhile={Boolean(changedMeanwhile)} error={error} subject="user" rebase={rebase} />
          <UserFormFields
            mode="edit"
            values={values}
            errors={{ ...serverFieldErrors(error), ...errors }}
            onChange={(changes) => setValues({ ...values, ...changes })}
            ownAccount={me.id.toLowerCase() === base.id.toLowerCase()}
          />
          <FormActions label="Save changes" busyLabel="Saving…" busy={isLoading} cancel="/users" />
        </Stack>
      </Paper>
    </>
  );
}
