import { Box, Stack } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { EditConflictAlerts } from '@/components/ui/EditConflictAlerts';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { focusFirstInvalid } from '@/lib/focus-first-invalid';
import type { FieldErrors } from '@/lib/form-errors';
import { useAppDispatch } from '@/lib/store';
import { toastShown } from '@/lib/toasts';
import { useRebasedForm } from '@/lib/use-rebased-form';
import { useGetPmPlanQuery } from '../api/get-pm-plan';
import { useUpdatePmPlanMutation } from '../api/update-pm-plan';
import { usePlanMeters } from '../hooks/use-plan-meters';
import { canWritePlans } from '../utils/labels';
import { formValuesOf } from '../utils/pm-plan-form';
import { validateUpdate } from '../utils/pm-plan-validation';
import { PlanRowActions } from './PlanRowActions';
import { PlanTargetsSection } from './PlanTargetsSection';
import { PmPlanForm } from './PmPlanForm';
import { PmPlanStatusChip } from './PmPlanStatusChip';

/**
 * One plan: where it stands per equipment, and its editor. Edits are made against the version
 * opened and sent with If-Match; when someone saves first the user reloads or merges.
 */
export function PmPlanDetailPage() {
  const { planId = '' } = useParams();
  const user = useCurrentUser();
  const canWrite = canWritePlans(user);
  const { data: latest, error: loadError, refetch } = useGetPmPlanQuery(planId);
  const [update, { isLoading, error, reset }] = useUpdatePmPlanMutation();
  const { base, values, setValues, moveTo, rebase } = useRebasedForm(latest, formValuesOf, refetch, reset);
  const [errors, setErrors] = useState<FieldErrors>({});
  const meters = usePlanMeters(values?.equipmentIds ?? []);
  const navigate = useNavigate();
  const dispatch = useAppDispatch();

  if (!base || !values) return loadError ? <ProblemAlert error={loadError} subject="PM plan" onReload={refetch} /> : <LoadingBlock />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const meterKind = meters?.find((meter) => meter.id === values.meter.meterId)?.kind;
    const checked = validateUpdate(values, formValuesOf(base), meterKind);
    if (!checked.ok) {
      setErrors(checked.errors);
      return focusFirstInvalid(form);
    }
    setErrors({});
    if (Object.keys(checked.body).length === 0) return void dispatch(toastShown({ message: 'Nothing changed.', severity: 'info' }));
    const result = await update({ id: base.id, version: base.version, changes: checked.body });
    if (!result.data) return focusFirstInvalid(form);
    // Stay on the plan: its targets show what the change did to the next due dates.
    moveTo(result.data, false);
    dispatch(toastShown({ message: `${result.data.name} saved.`, severity: 'success' }));
  };

  const current = latest && latest.version >= base.version ? latest : base;
  // Newer only: right after our own save the cached copy is older until it is fetched again.
  const changedMeanwhile = latest && latest.version > base.version && !error;
  return (
    <>
      <PageHeader
        title={base.name}
        subtitle={`Makes “${current.template.title}” work orders`}
        actions={
          <>
            <PmPlanStatusChip status={current.status} />
            {canWrite && (
              <PlanRowActions plan={current} onChanged={(updated) => moveTo(updated, true)} onDeleted={() => navigate('/pm-plans')} />
            )}
          </>
        }
      />
      <Stack spacing={2}>
        <PlanTargetsSection plan={current} />
        <Box>
          <PmPlanForm
            label={`Edit ${base.name}`}
            values={values}
            errors={errors}
            serverError={error}
            meters={meters}
            onChange={setValues}
            onSubmit={(event) => void submit(event)}
            submitLabel={isLoading ? 'Saving…' : 'Save changes'}
            busy={isLoading}
            cancelTo="/pm-plans"
            readOnly={!canWrite}
            notices={
              <>
                <EditConflictAlerts changedMeanwhile={Boolean(changedMeanwhile)} error={error} subject="PM plan" rebase={rebase} />
              </>
            }
          />
        </Box>
      </Stack>
    </>
  );
}
