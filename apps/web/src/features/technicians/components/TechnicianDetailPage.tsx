import { Box, Chip, Stack } from '@mui/material';
import { useParams } from 'react-router-dom';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { PageHeader } from '@/components/ui/PageHeader';
import { TwoColumns } from '@/components/ui/TwoColumns';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { useGetTechnicianDetailQuery } from '../api/get-technician';
import { canEditAvailability, canEditSkills } from '../utils/permissions';
import { AvailabilityPanel } from './AvailabilityPanel';
import { PerformancePanel } from './PerformancePanel';
import { ScheduleView } from './ScheduleView';
import { SkillsPanel } from './SkillsPanel';

/** One technician: skills, availability, the week's schedule and performance; live via the real-time channel. */
export function TechnicianDetailPage() {
  const { technicianId = '' } = useParams();
  const user = useCurrentUser();
  const { data: technician, error, isLoading, refetch } = useGetTechnicianDetailQuery(technicianId);

  if (isLoading) return <LoadingBlock label="Loading the technician…" />;
  if (!technician) return <ProblemAlert fieldsShown={false} error={error} subject="technician" onReload={refetch} />;

  const contact = [technician.email, technician.phone].filter(Boolean).join(' · ');
  return (
    <>
      <PageHeader
        title={`${technician.firstName} ${technician.lastName}`}
        subtitle={
          <Box component="span" sx={{ display: 'inline-flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mt: 0.5 }}>
            <Chip
              component="span"
              size="small"
              label={technician.active ? 'Active' : 'Inactive'}
              color={technician.active ? 'success' : 'default'}
              variant="outlined"
            />
            <span>
              {technician.employeeId}
              {contact ? ` · ${contact}` : ''}
            </span>
          </Box>
        }
      />
      <ProblemAlert fieldsShown={false} error={error} subject="technician" onReload={refetch} />
      <TwoColumns ratio={[3, 2]}>
        <Stack spacing={2}>
          <ScheduleView technicianId={technician.id} />
          <AvailabilityPanel technicianId={technician.id} editable={canEditAvailability(user)} />
        </Stack>
        <Stack spacing={2}>
          <SkillsPanel technician={technician} editable={canEditSkills(user)} onReload={refetch} />
          <PerformancePanel technicianId={technician.id} />
        </Stack>
      </TwoColumns>
    </>
  );
}
