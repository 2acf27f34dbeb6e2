import { Paper, Stack } from '@mui/material';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '@/components/ui/PageHeader';
import { FieldErrorsAlert } from '@/components/ui/FieldErrorsAlert';
import { FormActions } from '@/components/ui/FormActions';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { focusFirstInvalid } from '@/lib/focus-first-invalid';
import type { FieldErrors } from '@/lib/form-errors';
import { useAppDispatch } from '@/lib/store';
import { toastShown } from '@/lib/toasts';
import { useIdempotencyKey } from '@/lib/use-idempotency-key';
import { useCreateUserMutation } from '../api/create-user';
import { EMPTY_USER_FORM, type UserFormValues, serverFieldErrors, validateCreate } from '../utils/user-form';
import { AdminOnly } from './AdminOnly';
import { UserFormFields } from './UserFormFields';

/** A new account, checked with the contract's CreateUser before it is sent (admins only). */
export function CreateUserPage() {
  return (
    <AdminOnly title="New user">
      <CreateUserForm />
    </AdminOnly>
  );
}

function CreateUserForm() {
  const [values, setValues] = useState<UserFormValues>(EMPTY_USER_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [create, { isLoading, error }] = useCreateUserMutation();
  const keyFor = useIdempotencyKey();
  const navigate = useNavigate();
  const dispatch = useAppDispatch();
  const formRef = useRef<HTMLFormElement>(null);
  // The server names fields too (a taken email, a technician of another organization): once they show, the keyboard goes there.
  useEffect(() => {
    if (error) focusFirstInvalid(formRef.current);
  }, [error]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = validateCreate(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return focusFirstInvalid(form);
    }
    setErrors({});
    const result = await create({ body: checked.body, key: keyFor(checked.body) });
    if (!result.data) return;
    dispatch(toastShown({ message: `${result.data.name} can now sign in as ${result.data.email}.`, severity: 'success' }));
    navigate('/users');
  };

  return (
    <>
      <PageHeader title="New user" />
      <Paper
        variant="outlined"
        component="form"
        ref={formRef}
        noValidate
        onSubmit={submit}
        aria-label="New user"
        sx={{ p: { xs: 2, sm: 3 } }}
      >
        <Stack spacing={3}>
          <FieldErrorsAlert errors={errors} />
          <ProblemAlert error={error} subject="user" />
          <UserFormFields
            mode="create"
            values={values}
            errors={{ ...serverFieldErrors(error), ...errors }}
            onChange={(changes) => setValues({ ...values, ...changes })}
          />
          <FormActions label="Create user" busyLabel="Creating…" busy={isLoading} cancel="/users" />
        </Stack>
      </Paper>
    </>
  );
}
