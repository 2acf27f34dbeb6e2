import { Box, LinearProgress, MenuItem, TextField, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { useGetTechnicianPerformanceQuery } from '../api/get-technician-performance';
import { formatHours, formatPercent } from '@/lib/format';
import { addDays } from '../utils/week';

const RANGES = [30, 90, 365] as const;

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" component="p">
        {value}
      </Typography>
    </Box>
  );
}

/** Outcomes over the last 30, 90 or 365 days, up to the end of today. */
export function PerformancePanel({ technicianId }: { technicianId: string }) {
  const [days, setDays] = useState<number>(30);
  const args = useMemo(() => {
    const end = addDays(new Date(), 1);
    return { technicianId, start: addDays(end, -days).toISOString(), end: end.toISOString() };
  }, [technicianId, days]);
  const { data, error, isLoading, refetch } = useGetTechnicianPerformanceQuery(args);
  const mostFrequent = Math.max(1, ...(data?.topEquipmentTypes.map((type) => type.count) ?? []));

  return (
    <Section
      title="Performance"
      actions={
        <TextField
          select
          size="small"
          label="Over"
          value={days}
          onChange={(event) => setDays(Number(event.target.value))}
          sx={{ minWidth: 140 }}
        >
          {RANGES.map((range) => (
            <MenuItem key={range} value={range}>
              Last {range} days
            </MenuItem>
          ))}
        </TextField>
      }
    >
      <ProblemAlert error={error} subject="technician" onReload={refetch} />
      {isLoading && <LoadingBlock label="Loading performance…" />}
      {data && (
        <>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr 1fr', sm: 'repeat(3, 1fr)' }, mb: 2 }}>
            <Figure label="Completed" value={`${data.completedWorkOrders} of ${data.totalWorkOrders}`} />
            <Figure label="On time" value={formatPercent(data.onTimeCompletionRate)} />
            <Figure label="First-time fix" value={formatPercent(data.firstTimeFixRate)} />
            <Figure label="Mean time to complete" value={formatHours(data.averageCompletionTime)} />
            <Figure label="Utilization (worked ÷ shift)" value={formatPercent(data.utilizationRate)} />
          </Box>
          <Typography variant="subtitle2" component="h3">
            Equipment types worked on
          </Typography>
          {data.topEquipmentTypes.length === 0 && (
            <Typography variant="body2" color="text.secondary">
              No completed work in this period.
            </Typography>
          )}
          {data.topEquipmentTypes.map((type) => (
            <Box
              key={type.equipmentType}
              sx={{ display: 'grid', gridTemplateColumns: '140px 1fr 40px', gap: 1, alignItems: 'center', mt: 0.5 }}
            >
              <Typography variant="body2">{type.equipmentType}</Typography>
              <LinearProgress
                variant="determinate"
                value={(type.count / mostFrequent) * 100}
                aria-hidden
                sx={{ height: 8, borderRadius: 4 }}
              />
              <Typography variant="body2" sx={{ textAlign: 'right' }}>
                {type.count}
              </Typography>
            </Box>
          ))}
        </>
      )}
    </Section>
  );
}
