import { TextField } from '@mui/material';
import { EditableLines } from '@/components/ui/EditableLines';
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
    <EditableLines
      legend="Checklist"
      noun="task"
      lines={tasks}
      onChange={onChange}
      blank={{ title: '', minutes: '', description: null }}
      disabled={disabled}
      renderLine={(task, index) => (
        <>
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
        </>
      )}
    />
  );
}
