import type { WorkOrderHistoryEntry } from '@msched/contracts';
import { List, ListItem, ListItemText, Typography } from '@mui/material';
import { Fragment, type ReactNode } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { formatDateTime, humanize } from '@/lib/format';
import { useGetWorkOrderHistoryQuery } from '../api/get-work-order-history';
import { useListTechnicianOptionsQuery } from '../api/list-technician-options';
import { HistoryChange, type TechnicianNameOf } from './HistoryPanelChange';
import { labelOf } from './TechnicianPicker';

const PEOPLE = ['technicianId', 'crewTechnicianIds'];

function describe(entry: WorkOrderHistoryEntry, nameOf: TechnicianNameOf): ReactNode {
  if (entry.kind === 'status') {
    return `${entry.fromStatus ? humanize(entry.fromStatus) : 'Created'} → ${entry.toStatus ? humanize(entry.toStatus) : '?'}`;
  }
  const changes = Object.entries(entry.changes ?? {});
  if (changes.length === 0) return 'Changed';
  return changes.map(([field, change], index) => (
    <Fragment key={field}>
      {index > 0 && '; '}
      <HistoryChange field={field} change={change} nameOf={nameOf} />
    </Fragment>
  ));
}

interface Props {
  workOrderId: string;
  /** Whether the user may list technicians (staff): then assignments are told by name. */
  namesTechnicians?: boolean;
}

/** Who changed what and when, newest first (the server answers oldest first). */
export function HistoryPanel({ workOrderId, namesTechnicians = false }: Props) {
  const { data: entries, isLoading, error } = useGetWorkOrderHistoryQuery(workOrderId);
  const assigned = entries?.some((entry) => PEOPLE.some((field) => entry.changes?.[field])) ?? false;
  const { data: technicians } = useListTechnicianOptionsQuery({}, { skip: !namesTechnicians || !assigned });
  const nameOf: TechnicianNameOf = (id) => {
    const technician = technicians?.data.find((candidate) => candidate.id === id);
    return technician && labelOf(technician);
  };
  return (
    <Section title="History">
      {isLoading && <LoadingBlock label="Loading history…" />}
      <ProblemAlert error={error} subject="work order" />
      {entries?.length === 0 && <Typography color="text.secondary">No changes recorded.</Typography>}
      <List dense disablePadding>
        {[...(entries ?? [])].reverse().map((entry) => (
          <ListItem key={entry.id} disableGutters>
            <ListItemText
              primary={describe(entry, nameOf)}
              secondary={[entry.userName ?? 'System', formatDateTime(entry.createdAt), entry.note].filter(Boolean).join(' · ')}
              slotProps={{ primary: { sx: { overflowWrap: 'anywhere' } } }}
            />
          </ListItem>
        ))}
      </List>
    </Section>
  );
}
