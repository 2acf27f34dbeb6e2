import { Button, Chip, Link, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { formatDate, humanize } from '@/lib/format';
import { useListEquipmentPmPlansQuery } from '../api/list-equipment-pm-plans';

const PAGE_SIZE = 5;

/** The preventive plans covering this equipment, with when each is next due for it. */
export function PmPlansPanel({ equipmentId }: { equipmentId: string }) {
  const [limit, setLimit] = useState(PAGE_SIZE);
  const { data, error, isLoading, refetch } = useListEquipmentPmPlansQuery({ equipmentId, page: 1, limit });
  return (
    <Section
      title={data ? `PM plans (${data.total})` : 'PM plans'}
      actions={
        <Button size="small" component={RouterLink} to={`/pm-plans?equipmentId=${equipmentId}`}>
          All PM plans
        </Button>
      }
    >
      <ProblemAlert error={error} subject="equipment" onReload={refetch} />
      {isLoading && <LoadingBlock label="Loading PM plans…" />}
      {data?.data.length === 0 && <Typography color="text.secondary">No PM plan covers this equipment.</Typography>}
      {data && data.data.length > 0 && (
        <List dense disablePadding>
          {data.data.map((plan) => {
            const target = plan.targets.find((candidate) => candidate.equipmentId === equipmentId);
            return (
              <ListItem
                key={plan.id}
                disableGutters
                secondaryAction={<Chip size="small" variant="outlined" label={humanize(plan.status)} />}
              >
                <ListItemText
                  primary={
                    <Link component={RouterLink} to={`/pm-plans/${plan.id}`}>
                      {plan.name}
                    </Link>
                  }
                  secondary={
                    target?.nextDueAt ? `Next due ${formatDate(target.nextDueAt)}` : plan.meter ? 'Meter-triggered' : 'No date ahead'
                  }
                />
              </ListItem>
            );
          })}
        </List>
      )}
      {data && data.total > data.data.length && (
        <Button size="small" onClick={() => setLimit((current) => Math.min(100, current + PAGE_SIZE * 4))}>
          Show more
        </Button>
      )}
    </Section>
  );
}
