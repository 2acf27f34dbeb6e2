import type { WorkOrderHistoryEntry } from '@msched/contracts';
import { List, ListItem, ListItemText, Typography } from '@mui/material';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { formatDateTime, humanize } from '@/lib/format';
import { useGetWorkOrderHistoryQuery } from '../api/get-work-order-history';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** "scheduledStartTime" → "scheduled start time" */
const fieldName = (field: string) =>
  field
    .replace(/Id$/, '')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase();

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return formatDateTime(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function describeChange(field: string, change: { from: unknown; to: unknown }): string {
  // Ids mean nothing to a reader; the names are on the work order itself.
  if (field.endsWith('Id')) return `${fieldName(field)} ${change.to ? (change.from ? 'changed' : 'set') : 'removed'}`;
  return `${fieldName(field)}: ${show(change.from)} → ${show(change.to)}`;
}

function describe(entry: WorkOrderHistoryEntry): string {
  if (entry.kind === 'status') {
    return `${entry.fromStatus ? humanize(entry.fromStatus) : 'Created'} → ${entry.toStatus ? humanize(entry.toStatus) : '?'}`;
  }
  const changes = Object.entries(entry.changes ?? {}).map(([field, change]) => describeChange(field, change));
  return changes.join('; ') || 'Changed';
}

/** Who changed what and when, newest first (the server answers oldest first). */
export function HistoryPanel({ workOrderId }: { workOrderId: string }) {
  const { data: entries, isLoading, error } = useGetWorkOrderHistoryQuery(workOrderId);
  return (
    <Section title="History">
      {isLoading && <LoadingBlock label="Loading history…" />}
      <ProblemAlert error={error} subject="work order" />
      {entries?.length === 0 && <Typography color="text.secondary">No changes recorded.</Typography>}
      <List dense disablePadding>
        {[...(entries ?? [])].reverse().map((entry) => (
          <ListItem key={entry.id} disableGutters>
            <ListItemText
              primary={describe(entry)}
              secondary={[entry.userName ?? 'System', formatDateTime(entry.createdAt), entry.note].filter(Boolean).join(' · ')}
              slotProps={{ primary: { sx: { overflowWrap: 'anywhere' } } }}
            />
          </ListItem>
        ))}
      </List>
    </Section>
  );
}
