import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { Box, Button, IconButton, TextField, Typography } from '@mui/material';
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
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle2" sx={{ mb: 1 }}>
        Checklist
      </Typography>
      {tasks.map((task, index) => (
        <Box key={index} sx={{ display: 'flex', gap: 1, mb: 1 }}>
          <TextField
            size="small"
            label={`Task ${index + 1}`}
            value={task}
            onChange={(event) => set(index, event.target.value)}
            error={Boolean(errors[`tasks.${index}.title`])}
            helperText={errors[`tasks.${index}.title`]}
            fullWidth
          />
          <IconButton
            aria-label={`Remove task ${index + 1}`}
            onClick={() => onChange(tasks.filter((_task, position) => position !== index))}
          >
            <DeleteIcon />
          </IconButton>
        </Box>
      ))}
      <Button startIcon={<AddIcon />} onClick={() => onChange([...tasks, ''])}>
        Add task
      </Button>
    </Box>
  );
}
