import { TextField } from '@mui/material';
import { EditableLines } from '@/components/ui/EditableLines';
import type { FieldErrors } from '@/lib/form-errors';

interface Props {
  tasks: string[];
  errors: FieldErrors;
  onChange: (tasks: string[]) => void;
}

/** The checklist of a new work order: one title per line. */
export function TaskListField({ tasks, errors, onChange }: Props) {
  const set = (index: number, title: string) => onChange(tasks.map((task, position) => (position === index ? title : task)));
  return (
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
          fullWidth
        />
      )}
    />
  );
}
