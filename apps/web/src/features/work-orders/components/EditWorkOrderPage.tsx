import { Paper, Stack } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { FormActions } from '@/components/ui/FormActions';
import { EditConflictAlerts } from '@/components/ui/EditConflictAlerts';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { RoleGate } from '@/components/ui/RoleGate';
import { can } from '@/lib/auth/permissions';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { focusFirstInvalid } from '@/lib/focus-first-invalid';
import { type FieldErrors, problemFieldErrors } from '@/lib/form-errors';
import { useRebasedForm } from '@/lib/use-rebased-form';
import { useGetWorkOrderQuery } from '../api/get-work-order';
import { useUpdateWorkOrderMutation } from '../api/update-work-order';
import { formValuesOf, validateUpdate } from '../utils/work-order-form';
import { WorkOrderFormFields } from './WorkOrderFormFields';
import { touchTarget } from '@/components/ui/touch-target';

/** Editing a work order, for those who may (`workOrders.edit`; see RoleGate): others would be refused on save. */
export function EditWorkOrderPage() {
  return (
    <RoleGate
      allowed={can(useCurrentUser(), 'workOrders.edit')}
      title="Edit work order"
      reason="Work orders are edited by planners, managers and administrators. Comments and status changes are on the work order's own page."
    >
      <EditWorkOrderForm />
    </RoleGate>
  );
}

/**
 * Edits are made against the version that was opened (`base`) and sent with If-Match. When
 * someone else saves first (seen live, or as the server's 412), the user reloads (drops their
 * edits) or merges (keeps the fields they changed on top of the newest version).
 */
function EditWorkOrderForm() {
  const { workOrderId = '' } = useParams();
  const { data: latest, error: loadError, refetch } = useGetWorkOrderQuery(workOrderId);
  const [update, { isLoading, error, reset }] = useUpdateWorkOrderMutation();
  const { base, values, setValues, rebase } = useRebasedForm(latest, formValuesOf, refetch, reset);
  const [errors, setErrors] = useState<FieldErrors>({});
  const navigate = useNavigate();

  // An address naming no work order (a mistyped id too) reads as on its own page: it does not exist.
  if (!base || !values)
    return loadError ? <ProblemAlert fieldsShown={false} error={loadError} subject="work order" onReload={refetch} /> : <LoadingBlock />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validateUpdate(values, formValuesOf(base));
    if (!checked.ok) {
      setErrors(checked.errors);
      return focusFirstInvalid(event.currentTarget as HTMLElement);
    }
    setErrors({});
    if (Object.keys(checked.body).length === 0) return navigate(`/work-orders/${base.id}`);
    const result = await update({ id: base.id, version: base.version, changes: checked.body });
    if (result.data) navigate(`/work-orders/${base.id}`);
  };

  const changedMeanwhile = latest && latest.version !== base.version && !error;
  return (
    <>
      <PageHeader title={`Edit ${base.workOrderNumber}`} />
      <Paper
        variant="outlined"
        component="form"
        noValidate
        onSubmit={submit}
        aria-label={`Edit ${base.workOrderNumber}`}
        // Buttons thumb-sized on a phone, as the theme makes icon buttons.
        sx={{ p: { xs: 2, sm: 3 }, '& .MuiButton-root': touchTarget }}
      >
        <Stack spacing={3}>
          <EditConflictAlerts changedMeanwhile={Boolean(changedMeanwhile)} error={error} subject="work order" rebase={rebase} />
          <WorkOrderFormFields
            values={values}
            // The server names bad fields too (e.g. a predecessor that would make the order circular).
            errors={{ ...problemFieldErrors(error), ...errors }}
            onChange={(changes) => setValues({ ...values, ...changes })}
            selectedEquipment={base.equipment}
            workOrderId={base.id}
          />
          <FormActions label="Save changes" busyLabel="Saving…" busy={isLoading} cancel={`/work-orders/${base.id}`} />
        </Stack>
      </Paper>
    </>
  );
}
