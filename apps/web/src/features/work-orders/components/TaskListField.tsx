import { FormHelperText, TextField } from '@mui/material';
import { EditableLines } from '@/components/ui/EditableLines';
import type { FieldErrors } from '@/lib/form-errors';
import { TASK_TITLE_MAX } from '../utils/work-order-form';

interface Props {
  tasks: string[];
  errors: FieldErrors;
  onChange: (tasks: string[]) => void;
}

/** The checklist of a new work order: one title per line; a message about a task is on the line it was typed on. */
export function TaskListField({ tasks, errors, onChange }: Props) {
  const set = (index: number, title: string) => onChange(tasks.map((task, position) => (position === index ? title : task)));
  return (
    <div>
      <EditableLines
        legend="Checklist"
        noun="task"
        lines={tasks}
        onChange={onChange}
        blank=""
        renderLine={(task, index) => (
          <TextField
            size="small"
            label={`Task ${index + 1}`}
            value={task}
            onChange={(event) => set(index, event.target.value)}
            error={Boolean(errors[`tasks.${index}.title`])}
            helperText={errors[`tasks.${index}.title`]}
            slotProps={{ htmlInput: { maxLength: TASK_TITLE_MAX } }}
            fullWidth
          />
        )}
      />
      {/* One about the list as a whole (too many tasks). */}
      {errors.tasks && <FormHelperText error>{errors.tasks}</FormHelperText>}
    </div>
  );
}
