import { Alert } from '@mui/material';
import { PageHeader } from '@/components/ui/PageHeader';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { boardAccess } from '../utils/access';
import { SchedulingBoard } from './SchedulingBoard';

/** The route's page: the board for planners and managers, a read-only board for admins, nothing for others. */
export function SchedulingBoardPage() {
  const access = boardAccess(useCurrentUser());
  if (access === 'none') {
    return (
      <>
        <PageHeader title="Scheduling board" />
        <Alert severity="info">The scheduling board is for planners and managers. Your own work is under “My work”.</Alert>
      </>
    );
  }
  return <SchedulingBoard canPlan={access === 'plan'} />;
}
