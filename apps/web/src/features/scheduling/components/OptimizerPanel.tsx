import { PRIORITIES, type Priority, WORK_ORDER_TYPES, type WorkFilter, type WorkOrderType } from '@msched/contracts';
import { Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { MultiSelectField } from '@/components/ui/MultiSelectField';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { humanize } from '@/lib/format';
import { useStartScheduleRunMutation } from '../api/start-schedule-run';
import { type Interval, MINUTE_MS } from '../utils/board-time';
import { formatDatedSpan } from '../utils/work-order-display';
import { RunView } from './RunView';

const QUARTER_HOUR = 15 * MINUTE_MS;

/** What the optimizer plans: the visible range, from the next quarter hour on (never the past). */
export function planningHorizon(range: Interval, now = Date.now()): Interval | null {
  const start = Math.max(range.start, Math.ceil(now / QUARTER_HOUR) * QUARTER_HOUR);
  return range.end - start >= 60 * MINUTE_MS ? { start, end: range.end } : null;
}

interface Props {
  range: Interval;
  runId: string | null;
  onRun: (runId: string) => void;
  nameOf: (technicianId: string) => string;
}

/** The work a run plans, narrowed by priority and type; nothing chosen on a field is no narrowing. */
export function workFilter(priority: readonly Priority[], type: readonly WorkOrderType[]): WorkFilter | undefined {
  if (priority.length === 0 && type.length === 0) return undefined;
  return { ...(priority.length > 0 && { priority: [...priority] }), ...(type.length > 0 && { type: [...type] }) };
}

/** What the run plans, in words: "all open and booked work", or the part of it the filter keeps. */
function workPlanned(priority: readonly Priority[], type: readonly WorkOrderType[]): string {
  const kinds = type.length > 0 ? type.map((value) => humanize(value).toLowerCase()).join(' and ') + ' work' : 'work';
  const priorities = priority.length > 0 ? ` of ${priority.map((value) => humanize(value).toLowerCase()).join(' or ')} priority` : '';
  return type.length === 0 && priority.length === 0 ? 'all open and booked work' : `open and booked ${kinds}${priorities}`;
}

/** Runs the optimizer over the visible range and shows its progress and proposal (planners and managers). */
export function OptimizerPanel({ range, runId, onRun, nameOf }: Props) {
  const [limit, setLimit] = useState('10');
  const [limitUsed, setLimitUsed] = useState<number | null>(null);
  const [priority, setPriority] = useState<Priority[]>([]);
  const [type, setType] = useState<WorkOrderType[]>([]);
  const [start, { isLoading, error }] = useStartScheduleRunMutation();
  const horizon = planningHorizon(range);
  const seconds = Number(limit);
  const limitValid = limit !== '' && Number.isFinite(seconds) && seconds >= 1 && seconds <= 600;

  const run = async () => {
    if (!horizon || !limitValid) return;
    const from = new Date(horizon.start).toISOString();
    const filter = workFilter(priority, type);
    const result = await start({ from, to: new Date(horizon.end).toISOString(), timeLimitSeconds: seconds, ...(filter && { filter }) });
    if (result.data) {
      setLimitUsed(seconds);
      onRun(result.data.runId);
    }
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Section title="Optimizer">
        <Typography variant="body2" sx={{ mb: 1.5 }}>
          {horizon
            ? `Plans ${formatDatedSpan(horizon.start, horizon.end)}: ${workPlanned(priority, type)}, all active technicians, their shifts and leave. Nothing changes until you publish.`
            : 'The range shown is over: pick today or a later date to plan.'}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 1 }}>
          <TextField
            label="Time limit (seconds)"
            type="number"
            size="small"
            value={limit}
            onChange={(event) => setLimit(event.target.value)}
            error={!limitValid}
            helperText={limitValid ? 'Longer finds better plans' : 'From 1 to 600 seconds'}
            slotProps={{ htmlInput: { min: 1, max: 600, step: 1 } }}
            sx={{ width: 200 }}
          />
          <MultiSelectField<Priority>
            label="Priority"
            options={PRIORITIES}
            value={priority}
            onChange={setPriority}
            optionLabel={humanize}
            minWidth={150}
          />
          <MultiSelectField<WorkOrderType>
            label="Type"
            options={WORK_ORDER_TYPES}
            value={type}
            onChange={setType}
            optionLabel={humanize}
            minWidth={150}
          />
          <Button variant="contained" onClick={() => void run()} disabled={!horizon || !limitValid || isLoading}>
            Run optimizer
          </Button>
        </Stack>
        <ProblemAlert error={error} subject="schedule run" />
        {runId && <RunView key={runId} runId={runId} limitSeconds={limitUsed} nameOf={nameOf} />}
      </Section>
    </Box>
  );
}
