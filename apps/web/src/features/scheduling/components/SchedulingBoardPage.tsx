import { Alert } from '@mui/material';
import { PageHeader } from '@/components/ui/PageHeader';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { boardAccess } from '../utils/access';
import { SchedulingBoard } from './SchedulingBoard';

/** The route's page: the board for planners and managers, a read-only board for admins, nothing for others. */
export function SchedulingBoardPage() {
  const user = useCurrentUser();
  const access = boardAccess(user);
  if (access === 'none') {
    // Where each role's own work is in their menu: technicians have "My work", requesters only "Work orders".
    const ownWork = user.roles.includes('technician')
      ? 'Your own work is under “My work”.'
      : 'The work you requested is under “Work orders”.';
    return (
      <>
        <PageHeader title="Scheduling board" />
        <Alert severity="info">The scheduling board is for planners and managers. {ownWork}</Alert>
      </>
    );
  }
  return <SchedulingBoard canPlan={access === 'plan'} />;
}
