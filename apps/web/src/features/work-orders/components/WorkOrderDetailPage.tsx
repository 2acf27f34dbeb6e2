import EditIcon from '@mui/icons-material/EditOutlined';
import { Box, Button, Stack } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { PageHeader } from '@/components/ui/PageHeader';
import { TwoColumns } from '@/components/ui/TwoColumns';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { useGetWorkOrderQuery } from '../api/get-work-order';
import { isStaff } from '@/lib/auth/permissions';
import { ASSIGNABLE_STATUSES, FINISHED_STATUSES, canExecute } from '../utils/permissions';
import { AssignDialog } from './AssignDialog';
import { AssignmentPanel } from './AssignmentPanel';
import { CommentsPanel } from './CommentsPanel';
import { HistoryPanel } from './HistoryPanel';
import { PartsPanel } from './PartsPanel';
import { StatusActions } from './StatusActions';
import { TasksPanel } from './TasksPanel';
import { ViewersIndicator } from './ViewersIndicator';
import { PriorityChip, StatusChip } from './WorkOrderChips';
import { WorkOrderFacts } from './WorkOrderFacts';

/** One work order: its state and the actions it allows, kept current by the real-time channel. */
export function WorkOrderDetailPage() {
  const { workOrderId = '' } = useParams();
  // Drafts, pickers, messages and dialogs belong to one work order: going to another (a "Waits
  // for" link) starts its page afresh rather than carrying them over.
  return <WorkOrderDetail key={workOrderId} workOrderId={workOrderId} />;
}

function WorkOrderDetail({ workOrderId }: { workOrderId: string }) {
  const user = useCurrentUser();
  const { data: workOrder, error, isLoading, refetch } = useGetWorkOrderQuery(workOrderId);
  const [assigning, setAssigning] = useState(false);

  if (isLoading) return <LoadingBlock label="Loading the work order…" />;
  if (!workOrder) return <ProblemAlert fieldsShown={false} error={error} subject="work order" onReload={refetch} />;

  const staff = isStaff(user);
  const working = canExecute(user, workOrder) && !FINISHED_STATUSES.includes(workOrder.status);
  const mayAssign = staff && ASSIGNABLE_STATUSES.includes(workOrder.status);
  // The server refuses to edit finished work (reopen it first).
  const mayEdit = staff && !FINISHED_STATUSES.includes(workOrder.status);

  return (
    <>
      <PageHeader
        title={`${workOrder.workOrderNumber} · ${workOrder.title}`}
        subtitle={
          <Box component="span" sx={{ display: 'inline-flex', gap: 1, mt: 0.5 }}>
            <StatusChip status={workOrder.status} />
            <PriorityChip priority={workOrder.priority} />
          </Box>
        }
        actions={
          mayEdit && (
            <Button startIcon={<EditIcon />} component={RouterLink} to={`/work-orders/${workOrder.id}/edit`}>
              Edit
            </Button>
          )
        }
      />
      <Stack spacing={2}>
        <ViewersIndicator workOrderId={workOrder.id} selfId={user.id} />
        {/* A failed refetch (e.g. deleted meanwhile) is shown over the last known state. */}
        <ProblemAlert fieldsShown={false} error={error} subject="work order" onReload={refetch} />
        <StatusActions workOrder={workOrder} user={user} onSchedule={mayAssign ? () => setAssigning(true) : undefined} onReload={refetch} />
        <TwoColumns>
          <Stack spacing={2}>
            <WorkOrderFacts workOrder={workOrder} />
            <TasksPanel workOrderId={workOrder.id} tasks={workOrder.tasks ?? []} editable={working} onReload={refetch} />
            {(staff || canExecute(user, workOrder)) && (
              <PartsPanel workOrderId={workOrder.id} lines={workOrder.parts ?? []} editable={working} onReload={refetch} />
            )}
          </Stack>
          <Stack spacing={2}>
            <AssignmentPanel workOrder={workOrder} onAssign={mayAssign ? () => setAssigning(true) : undefined} namesCrew={staff} />
            <CommentsPanel workOrderId={workOrder.id} />
            <HistoryPanel workOrderId={workOrder.id} namesTechnicians={staff} />
          </Stack>
        </TwoColumns>
      </Stack>
      {assigning && <AssignDialog workOrder={workOrder} onClose={() => setAssigning(false)} onReload={refetch} />}
    </>
  );
}
