import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { Box, Button, IconButton } from '@mui/material';
import type { ReactNode } from 'react';
import { Fieldset } from './Fieldset';

interface Props<T> {
  legend: string;
  /** What one line is, for "Add task" and "Remove task 2". */
  noun: string;
  lines: T[];
  onChange: (lines: T[]) => void;
  /** What "Add" appends. */
  blank: T;
  /** The fields of one line (the remove button follows them). */
  renderLine: (line: T, index: number) => ReactNode;
  disabled?: boolean;
  /** Lets a line's fields wrap onto a second row on narrow screens. */
  wrap?: boolean;
}

/** A list of lines the user adds to and removes from, each with its own fields. */
export function EditableLines<T>({ legend, noun, lines, onChange, blank, renderLine, disabled, wrap }: Props<T>) {
  return (
    <Fieldset legend={legend} disabled={disabled}>
      {lines.map((line, index) => (
        <Box key={index} sx={{ display: 'flex', gap: 1, mb: 1, flexWrap: wrap ? 'wrap' : undefined }}>
          {renderLine(line, index)}
          <IconButton
            aria-label={`Remove ${noun} ${index + 1}`}
            onClick={() => onChange(lines.filter((_line, position) => position !== index))}
          >
            <DeleteIcon />
          </IconButton>
        </Box>
      ))}
      {!disabled && (
        <Button startIcon={<AddIcon />} onClick={() => onChange([...lines, blank])}>
          Add {noun}
        </Button>
      )}
    </Fieldset>
  );
}
