import { Paper, Stack } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '@/components/ui/PageHeader';
import { FieldErrorsAlert } from '@/components/ui/FieldErrorsAlert';
import { FormActions } from '@/components/ui/FormActions';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { isStaff } from '@/lib/auth/permissions';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { focusFirstInvalid } from '@/lib/focus-first-invalid';
import { type FieldErrors, problemFieldErrors } from '@/lib/form-errors';
import { useIdempotencyKey } from '@/lib/use-idempotency-key';
import { useCreateWorkOrderMutation } from '../api/create-work-order';
import { EMPTY_FORM, type WorkOrderFormValues, validateCreate } from '../utils/work-order-form';
import { TaskListField } from './TaskListField';
import { WorkOrderFormFields } from './WorkOrderFormFields';
import { touchTarget } from '@/components/ui/touch-target';

/**
 * A new work order, validated with the contract's CreateWorkOrder before it is sent. Planning
 * staff fill in how it is to be booked too; anyone else raises a request (what, where, how urgent).
 */
export function CreateWorkOrderPage() {
  const planning = isStaff(useCurrentUser());
  const [values, setValues] = useState<WorkOrderFormValues>(EMPTY_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [create, { isLoading, error }] = useCreateWorkOrderMutation();
  const keyFor = useIdempotencyKey();
  const navigate = useNavigate();
  // The server names bad fields too (e.g. equipment of another organization, a circular predecessor).
  const shown = { ...problemFieldErrors(error), ...errors };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validateCreate(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return focusFirstInvalid(event.currentTarget as HTMLElement);
    }
    setErrors({});
    const result = await create({ body: checked.body, key: keyFor(checked.body) });
    if (result.data) navigate(`/work-orders/${result.data.id}`);
  };

  return (
    <>
      <PageHeader title="New work order" />
      <Paper
        variant="outlined"
        component="form"
        noValidate
        onSubmit={submit}
        aria-label="New work order"
        // Buttons thumb-sized on a phone, as the theme makes icon buttons.
        sx={{ p: { xs: 2, sm: 3 }, '& .MuiButton-root': touchTarget }}
      >
        <Stack spacing={3}>
          <FieldErrorsAlert errors={errors} />
          <ProblemAlert error={error} subject="work order" />
          <WorkOrderFormFields
            values={values}
            errors={shown}
            onChange={(changes) => setValues({ ...values, ...changes })}
            planning={planning}
          />
          {planning && <TaskListField tasks={values.tasks} errors={shown} onChange={(tasks) => setValues({ ...values, tasks })} />}
          <FormActions label="Create work order" busyLabel="Creating…" busy={isLoading} cancel="/work-orders" />
        </Stack>
      </Paper>
    </>
  );
}
