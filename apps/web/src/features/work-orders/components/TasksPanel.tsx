import type { WorkOrderTask } from '@msched/contracts';
import { Box, Button, Checkbox, FormControlLabel, List, ListItem, TextField, Typography } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { formatMinutes } from '@/lib/format';
import { useIdempotencyKey } from '@/lib/use-idempotency-key';
import { useAddTaskMutation } from '../api/add-task';
import { useUpdateTaskMutation } from '../api/update-task';

interface Props {
  workOrderId: string;
  tasks: WorkOrderTask[];
  /** Staff and the assigned technician, while the work is not finished. */
  editable: boolean;
  onReload: () => void;
}

/** The checklist: ticking a task marks it DONE (against its own version). */
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
    if (!result.error) setTitle('');
  };

  return (
    <Section
      title="Checklist"
      actions={tasks.length > 0 && <Typography variant="body2" color="text.secondary">{`${done} of ${tasks.length} done`}</Typography>}
    >
      {tasks.length === 0 && <Typography color="text.secondary">No checklist tasks.</Typography>}
      <List dense disablePadding>
        {tasks.map((task) => (
          <ListItem key={task.id} disableGutters>
            <FormControlLabel
              control={
                <Checkbox
                  checked={task.status === 'DONE'}
                  disabled={!editable || task.status === 'SKIPPED'}
                  onChange={(event) =>
                    void updateTask({
                      workOrderId,
                      taskId: task.id,
                      version: task.version,
                      changes: { status: event.target.checked ? 'DONE' : 'PENDING' },
                    })
                  }
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
          </ListItem>
        ))}
      </List>
      <ProblemAlert error={update.error} subject="task" onReload={onReload} />
      {editable && (
        <Box component="form" onSubmit={submit} sx={{ display: 'flex', gap: 1, mt: 1 }}>
          <TextField
            size="small"
            label="New task"
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            sx={{ flex: 1 }}
            slotProps={{ htmlInput: { maxLength: 300 } }}
          />
          <Button type="submit" disabled={add.isLoading || !title.trim()}>
            Add
          </Button>
        </Box>
      )}
      <ProblemAlert error={add.error} subject="work order" />
    </Section>
  );
}
