import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { Box, Button, IconButton, TextField, Typography } from '@mui/material';
import type { FieldErrors } from '@/lib/form-errors';
import type { TaskFormValues } from '../utils/pm-plan-form';

interface Props {
  tasks: TaskFormValues[];
  errors: FieldErrors;
  onChange: (tasks: TaskFormValues[]) => void;
  disabled?: boolean;
}

/** The checklist each generated work order starts with: a title and, if known, minutes per task. */
export function TemplateTasksField({ tasks, errors, onChange, disabled }: Props) {
  const set = (index: number, changes: Partial<TaskFormValues>) =>
    onChange(tasks.map((task, position) => (position === index ? { ...task, ...changes } : task)));
  const error = (index: number, key: string) => errors[`template.tasks.${index}.${key}`];
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }} disabled={disabled}>
      <Typography component="legend" variant="subtitle2" sx={{ mb: 1 }}>
        Checklist
      </Typography>
      {tasks.map((task, index) => (
        <Box key={index} sx={{ display: 'flex', gap: 1, mb: 1 }}>
          <TextField
            size="small"
            label={`Task ${index + 1}`}
            value={task.title}
            onChange={(event) => set(index, { title: event.target.value })}
            error={Boolean(error(index, 'title'))}
            helperText={error(index, 'title')}
            fullWidth
          />
          <TextField
            size="small"
            type="number"
            label={`Minutes for task ${index + 1}`}
            value={task.minutes}
            onChange={(event) => set(index, { minutes: event.target.value })}
            error={Boolean(error(index, 'estimatedDuration'))}
            helperText={error(index, 'estimatedDuration')}
            slotProps={{ htmlInput: { min: 0, step: 5 } }}
            sx={{ width: { xs: 110, sm: 170 }, flexShrink: 0 }}
          />
          <IconButton
            aria-label={`Remove task ${index + 1}`}
            onClick={() => onChange(tasks.filter((_task, position) => position !== index))}
          >
            <DeleteIcon />
          </IconButton>
        </Box>
      ))}
      {!disabled && (
        <Button startIcon={<AddIcon />} onClick={() => onChange([...tasks, { title: '', minutes: '', description: null }])}>
          Add task
        </Button>
      )}
    </Box>
  );
}
