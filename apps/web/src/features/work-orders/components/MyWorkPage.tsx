import type { WorkOrder } from '@msched/contracts';
import { Alert, Stack, Typography } from '@mui/material';
import { EmptyState } from '@/components/ui/EmptyState';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { useListWorkOrdersQuery } from '../api/list-work-orders';
import { MyWorkCard } from './MyWorkCard';

const endOfToday = () => {
  const end = new Date();
  end.setHours(23, 59, 59, 999);
  return end.getTime();
};

/** Work that is under way or booked to start by the end of today (and anything overdue). */
const isForToday = (workOrder: WorkOrder) =>
  workOrder.status === 'IN_PROGRESS' || !workOrder.scheduledStartTime || Date.parse(workOrder.scheduledStartTime) <= endOfToday();

/** A technician's day, for the phone: their active assignments in time order, the next step on each card. */
export function MyWorkPage() {
  const user = useCurrentUser();
  const technicianId = user.technicianId;
  const { data, error, isLoading, refetch } = useListWorkOrdersQuery(
    {
      technicianId: technicianId ?? undefined,
      status: ['SCHEDULED', 'IN_PROGRESS', 'ON_HOLD'],
      sort: 'scheduledStartTime',
      page: 1,
      limit: 50,
    },
    { skip: !technicianId },
  );
  const today = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' }).format(new Date());

  if (!technicianId) {
    return (
      <>
        <PageHeader title="My work" />
        <Alert severity="info">My work lists the jobs assigned to you as a technician. Your account is not linked to a technician.</Alert>
      </>
    );
  }

  const jobs = data?.data ?? [];
  const now = jobs.filter(isForToday);
  const later = jobs.filter((workOrder) => !isForToday(workOrder));
  const list = (title: string, items: WorkOrder[]) =>
    items.length > 0 && (
      <section aria-label={title}>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          {title}
        </Typography>
        <Stack spacing={1.5}>
          {items.map((workOrder) => (
            <MyWorkCard key={workOrder.id} workOrder={workOrder} user={user} onReload={refetch} />
          ))}
        </Stack>
      </section>
    );

  return (
    <>
      <PageHeader title="My work" subtitle={today} />
      <ProblemAlert error={error} subject="list" onReload={refetch} />
      {isLoading && <LoadingBlock label="Loading your work…" />}
      {data && jobs.length === 0 && (
        <EmptyState title="Nothing assigned to you">New assignments appear here as soon as a planner makes them.</EmptyState>
      )}
      <Stack spacing={3}>
        {list('Today', now)}
        {list('Coming up', later)}
      </Stack>
    </>
  );
}
