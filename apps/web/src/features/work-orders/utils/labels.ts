import type { Priority, WorkOrderSort, WorkOrderStatus } from '@msched/contracts';
import { humanize } from '@/lib/format';

type ChipColor = 'default' | 'primary' | 'secondary' | 'info' | 'success' | 'warning' | 'error';

export const STATUS_COLOR: Record<WorkOrderStatus, ChipColor> = {
  OPEN: 'info',
  SCHEDULED: 'primary',
  IN_PROGRESS: 'secondary',
  ON_HOLD: 'warning',
  PENDING_APPROVAL: 'warning',
  COMPLETED: 'success',
  CLOSED: 'default',
  CANCELLED: 'default',
};

export const PRIORITY_COLOR: Record<Priority, ChipColor> = { LOW: 'default', MEDIUM: 'info', HIGH: 'warning', CRITICAL: 'error' };

export const statusLabel = (status: WorkOrderStatus) => humanize(status);

/** What the button that makes a transition says, in the words of the floor. */
export function transitionLabel(from: WorkOrderStatus, to: WorkOrderStatus): string {
  switch (to) {
    case 'IN_PROGRESS':
      if (from === 'ON_HOLD') return 'Resume work';
      return from === 'SCHEDULED' ? 'Start work' : 'Reopen';
    case 'ON_HOLD':
      return 'Put on hold';
    case 'PENDING_APPROVAL':
      return 'Submit for approval';
    case 'COMPLETED':
      return from === 'PENDING_APPROVAL' ? 'Approve' : 'Complete';
    case 'CLOSED':
      return 'Close';
    case 'CANCELLED':
      return 'Cancel work order';
    case 'OPEN':
      return from === 'CANCELLED' ? 'Reopen' : 'Back to backlog';
    case 'SCHEDULED':
      return from === 'OPEN' ? 'Schedule…' : 'Back to scheduled';
  }
}

/** The list's orders, as the sort select names them (priorities rank Low to Critical). */
export const SORT_LABELS: Record<WorkOrderSort, string> = {
  dueDate: 'Due, soonest first',
  '-dueDate': 'Due, latest first',
  priority: 'Priority, lowest first',
  '-priority': 'Priority, highest first',
  updatedAt: 'Updated, oldest first',
  '-updatedAt': 'Updated, newest first',
  createdAt: 'Created, oldest first',
  '-createdAt': 'Created, newest first',
  workOrderNumber: 'Number, ascending',
  '-workOrderNumber': 'Number, descending',
  scheduledStartTime: 'Scheduled start, soonest first',
  '-scheduledStartTime': 'Scheduled start, latest first',
};
