import BookmarkAddIcon from '@mui/icons-material/BookmarkAddOutlined';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormHelperText,
  InputLabel,
  MenuItem,
  Select,
  TextField,
} from '@mui/material';
import { type FormEvent, useId, useState } from 'react';
import { useSavedViews } from '../hooks/use-saved-views';
import { viewQueryOf } from '../utils/filters';
import { touchTarget } from '@/components/ui/touch-target';

interface Props {
  userId: string;
  /** The list's current query (filters, sort, page); a view keeps all but the page. */
  query: string;
  onApply: (query: string) => void;
}

/** Named filter sets; stored in this browser for this user, as the helper text says. */
export function SavedViewsMenu({ userId, query, onApply }: Props) {
  const { views, save, remove } = useSavedViews(userId);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const labelId = useId();
  const helpId = useId();
  // Paging through a view keeps it chosen.
  const viewQuery = viewQueryOf(query);
  const current = views.find((view) => view.query === viewQuery)?.name ?? '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    save(name.trim(), viewQuery);
    setNaming(false);
    setName('');
  };

  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap', mb: 2 }}>
      <FormControl size="small" sx={{ minWidth: 200 }}>
        <InputLabel id={labelId}>Saved view</InputLabel>
        <Select
          labelId={labelId}
          label="Saved view"
          value={current}
          onChange={(event) => onApply(views.find((view) => view.name === event.target.value)?.query ?? '')}
          aria-describedby={helpId}
        >
          <MenuItem value="">
            <em>All work orders</em>
          </MenuItem>
          {views.map((view) => (
            <MenuItem key={view.name} value={view.name}>
              {view.name}
            </MenuItem>
          ))}
        </Select>
        <FormHelperText id={helpId}>Saved in this browser, for your account only</FormHelperText>
      </FormControl>
      <Button startIcon={<BookmarkAddIcon />} onClick={() => setNaming(true)} disabled={!viewQuery} sx={touchTarget}>
        Save view
      </Button>
      {current && (
        <Button color="inherit" onClick={() => remove(current)} sx={touchTarget}>
          Delete “{current}”
        </Button>
      )}
      <Dialog open={naming} onClose={() => setNaming(false)} slotProps={{ paper: { component: 'form', onSubmit: submit } }}>
        <DialogTitle>Save this view</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            margin="dense"
            label="Name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            helperText="The current filters and sort (not the page), kept in this browser for your account"
            fullWidth
            required
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setNaming(false)} sx={touchTarget}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" sx={touchTarget}>
            Save
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
