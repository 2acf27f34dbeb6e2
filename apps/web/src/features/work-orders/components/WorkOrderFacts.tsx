import type { WorkOrder } from '@msched/contracts';
import { Box, Chip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Section } from '@/components/ui/Section';
import { formatDateTime, formatMinutes, humanize } from '@/lib/format';
import { WaitsForList } from './WaitsForList';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography component="dt" variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0 }}>
        {children}
      </Typography>
    </Box>
  );
}

/** The work order's fields, as a description list. */
export function WorkOrderFacts({ workOrder }: { workOrder: WorkOrder }) {
  const equipment = workOrder.equipment;
  const firstTimeFix = workOrder.completion?.firstTimeFix;
  return (
    <Section title="Details">
      {workOrder.description && <Typography sx={{ whiteSpace: 'pre-wrap', mb: 2 }}>{workOrder.description}</Typography>}
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(3, 1fr)' }, gap: 2, m: 0 }}>
        <Fact label="Type">{humanize(workOrder.type)}</Fact>
        <Fact label="Equipment">{equipment ? `${equipment.equipmentNumber} · ${equipment.name}` : '—'}</Fact>
        <Fact label="Due">{formatDateTime(workOrder.dueDate)}</Fact>
        <Fact label="Estimated">{formatMinutes(workOrder.estimatedDuration)}</Fact>
        <Fact label="Crew size">{workOrder.crewSize}</Fact>
        <Fact label="Required skills">
          {workOrder.requiredSkills.map((entry) => `${entry.skill} ≥ ${entry.minLevel}`).join(', ') || 'none'}
        </Fact>
        <Fact label="Needs the equipment down">
          {workOrder.requiresDowntime ? 'Yes: booked only inside its maintenance windows' : 'No'}
        </Fact>
        <Fact label="Waits for">
          <WaitsForList predecessorIds={workOrder.predecessorIds} />
        </Fact>
        <Fact label="Conflict groups">
          {workOrder.conflictGroups.length > 0 ? (
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
              {workOrder.conflictGroups.map((group) => (
                <Chip key={group} size="small" variant="outlined" label={group} />
              ))}
            </Box>
          ) : (
            'none'
          )}
        </Fact>
        <Fact label="Started">{formatDateTime(workOrder.actualStartTime)}</Fact>
        <Fact label="Finished">{formatDateTime(workOrder.actualEndTime)}</Fact>
        <Fact label="Worked">{formatMinutes(workOrder.actualDuration)}</Fact>
        {workOrder.completion && (
          <Fact label="Completion">
            {[workOrder.completion.failureMode, workOrder.completion.failureCause, workOrder.completion.remedy]
              .filter(Boolean)
              .join(' / ') || '—'}
          </Fact>
        )}
        {/* Not recorded (null) is not the same as "no": only an answer is shown. */}
        {typeof firstTimeFix === 'boolean' && <Fact label="First-time fix">{firstTimeFix ? 'Yes' : 'No'}</Fact>}
        <Fact label="Created">{formatDateTime(workOrder.createdAt)}</Fact>
        <Fact label="Updated">{formatDateTime(workOrder.updatedAt)}</Fact>
      </Box>
    </Section>
  );
}
