import type { TaskStatus, WorkOrderTask } from '@msched/contracts';
import { Box, Button, Checkbox, FormControlLabel, List, ListItem, TextField, Typography } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { formatMinutes } from '@/lib/format';
import { toProblem } from '@/lib/problem';
import { useIdempotencyKey } from '@/lib/use-idempotency-key';
import { useAddTaskMutation } from '../api/add-task';
import { useUpdateTaskMutation } from '../api/update-task';
import { TASK_TITLE_MAX } from '../utils/work-order-form';
import { touchTarget } from '@/components/ui/touch-target';

interface Props {
  workOrderId: string;
  tasks: WorkOrderTask[];
  /** Staff and the assigned technician, while the work is not finished. */
  editable: boolean;
  onReload: () => void;
}

/**
 * The checklist: ticking a task marks it DONE, Skip marks one that does not apply SKIPPED (both
 * count as done for completing the work order); each against the task's own version.
 */
export function TasksPanel({ workOrderId, tasks, editable, onReload }: Props) {
  const [updateTask, update] = useUpdateTaskMutation();
  const [addTask, add] = useAddTaskMutation();
  const [title, setTitle] = useState('');
  const keyFor = useIdempotencyKey();
  const done = tasks.filter((task) => task.status === 'DONE' || task.status === 'SKIPPED').length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = title.trim();
    if (!text) return;
    const result = await addTask({ workOrderId, title: text, key: keyFor({ workOrderId, text }) });
    if (result.error) return;
    // Added: the same title added again is a second task, not a retry of this one.
    keyFor.forget();
    setTitle('');
  };

  const setStatus = async (task: WorkOrderTask, status: TaskStatus) => {
    update.reset();
    const result = await updateTask({ workOrderId, taskId: task.id, version: task.version, changes: { status } });
    // Someone else changed the task first: the box shows what the server holds, not the undone tick.
    if (result.error && toProblem(result.error)?.status === 412) onReload();
  };

  return (
    <Section
      title="Checklist"
      actions={tasks.length > 0 && <Typography variant="body2" color="text.secondary">{`${done} of ${tasks.length} done`}</Typography>}
    >
      {tasks.length === 0 && <Typography color="text.secondary">No checklist tasks.</Typography>}
      <List dense disablePadding>
        {tasks.map((task) => (
          <ListItem key={task.id} disableGutters sx={{ gap: 1 }}>
            <FormControlLabel
              control={
                <Checkbox
                  checked={task.status === 'DONE'}
                  disabled={!editable || task.status === 'SKIPPED'}
                  onChange={(event) => void setStatus(task, event.target.checked ? 'DONE' : 'PENDING')}
                />
              }
              label={
                <span>
                  {task.title}
                  {task.status === 'SKIPPED' && ' (skipped)'}
                  {task.estimatedDuration !== null && (
                    <Typography
                      component="span"
                      variant="body2"
                      color="text.secondary"
                    >{` · ${formatMinutes(task.estimatedDuration)}`}</Typography>
                  )}
                </span>
              }
            />
            {editable && task.status !== 'DONE' && (
              <Button
                size="small"
                sx={{ ml: 'auto', flexShrink: 0, ...touchTarget }}
                onClick={() => void setStatus(task, task.status === 'SKIPPED' ? 'PENDING' : 'SKIPPED')}
                aria-label={task.status === 'SKIPPED' ? `Undo skip of ${task.title}` : `Skip ${task.title}`}
              >
                {task.status === 'SKIPPED' ? 'Undo skip' : 'Skip'}
              </Button>
            )}
          </ListItem>
        ))}
      </List>
      {/* A 412 has fetched the newest tasks already (above): nothing to offer but the news. */}
      <ProblemAlert error={update.error} subject="task" />
      {editable && (
        <Box component="form" onSubmit={submit} sx={{ display: 'flex', gap: 1, mt: 1 }}>
          <TextField
            size="small"
            label="New task"
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            sx={{ flex: 1 }}
            slotProps={{ htmlInput: { maxLength: TASK_TITLE_MAX } }}
          />
          <Button type="submit" disabled={add.isLoading || !title.trim()} sx={touchTarget}>
            Add
          </Button>
        </Box>
      )}
      <ProblemAlert error={add.error} subject="work order" />
    </Section>
  );
}
