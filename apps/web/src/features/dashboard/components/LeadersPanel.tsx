import type { DashboardStats } from '@msched/contracts';
import { Box, Link, List, ListItem, ListItemText, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { Section } from '@/components/ui/Section';
import { dashboardLinks } from '../utils/dashboard-links';

interface Props {
  stats: Pick<DashboardStats, 'topTechnicians' | 'equipmentWithMostWorkOrders'>;
}

function Ranking({ heading, rows }: { heading: string; rows: { id: string; name: string; count: string; to: string }[] }) {
  return (
    <Box>
      <Typography variant="subtitle2" component="h3">
        {heading}
      </Typography>
      {rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          Nothing yet.
        </Typography>
      ) : (
        <List dense component="ol" sx={{ listStyle: 'decimal', pl: 3 }}>
          {rows.map((row) => (
            <ListItem key={row.id} sx={{ display: 'list-item', px: 0 }}>
              <ListItemText
                primary={
                  <Link component={RouterLink} to={row.to}>
                    {row.name}
                  </Link>
                }
                secondary={row.count}
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}

/** Who finished the most work, and which equipment needs the most: each a link to the record. */
export function LeadersPanel({ stats }: Props) {
  return (
    <Section title="Most work">
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
        <Ranking
          heading="Technicians, completed work"
          rows={stats.topTechnicians.map((row) => ({
            id: row.technicianId,
            name: row.name,
            count: `${row.completedCount} completed`,
            to: dashboardLinks.technician(row.technicianId),
          }))}
        />
        <Ranking
          heading="Equipment, work orders"
          rows={stats.equipmentWithMostWorkOrders.map((row) => ({
            id: row.equipmentId,
            name: row.name,
            count: `${row.workOrderCount} work orders`,
            to: dashboardLinks.equipmentItem(row.equipmentId),
          }))}
        />
      </Box>
    </Section>
  );
}
