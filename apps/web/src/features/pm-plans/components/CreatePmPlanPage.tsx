import type { FormEvent } from 'react';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { RoleGate } from '@/components/ui/RoleGate';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { focusFirstInvalid } from '@/lib/focus-first-invalid';
import type { FieldErrors } from '@/lib/form-errors';
import { useIdempotencyKey } from '@/lib/use-idempotency-key';
import { useCreatePmPlanMutation } from '../api/create-pm-plan';
import { usePlanMeters } from '../hooks/use-plan-meters';
import { type PmPlanFormValues, emptyPlanForm } from '../utils/pm-plan-form';
import { canWritePlans } from '../utils/labels';
import { validateCreate } from '../utils/pm-plan-validation';
import { PmPlanForm } from './PmPlanForm';

/** A new PM plan, for those who may write plans (see RoleGate). */
export function CreatePmPlanPage() {
  return (
    <RoleGate
      allowed={canWritePlans(useCurrentUser())}
      title="New PM plan"
      reason="PM plans are made by planners, managers and administrators."
    >
      <CreatePmPlanForm />
    </RoleGate>
  );
}

/** A new PM plan, checked with the contract's CreatePmPlan before it is sent. */
function CreatePmPlanForm() {
  const [values, setValues] = useState<PmPlanFormValues>(() => emptyPlanForm());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [create, { isLoading, error }] = useCreatePmPlanMutation();
  const meters = usePlanMeters(values.equipmentIds);
  const keyFor = useIdempotencyKey();
  const navigate = useNavigate();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const meterKind = meters?.find((meter) => meter.id === values.meter.meterId)?.kind;
    const checked = validateCreate(values, meterKind);
    if (!checked.ok) {
      setErrors(checked.errors);
      return focusFirstInvalid(form);
    }
    setErrors({});
    const result = await create({ body: checked.body, key: keyFor(checked.body) });
    if (result.data) navigate(`/pm-plans/${result.data.id}`);
    else focusFirstInvalid(form);
  };

  return (
    <>
      <PageHeader title="New PM plan" />
      <PmPlanForm
        label="New PM plan"
        values={values}
        errors={errors}
        serverError={error}
        meters={meters}
        onChange={setValues}
        onSubmit={(event) => void submit(event)}
        submitLabel={isLoading ? 'Creating…' : 'Create plan'}
        busy={isLoading}
        cancelTo="/pm-plans"
        notices={<ProblemAlert error={error} subject="PM plan" />}
      />
    </>
  );
}
