import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { Box, Button, IconButton, TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { type BoardView, dateKey, parseDateKey, stepAnchor } from '../utils/board-time';
import type { BoardParams } from '../hooks/use-board-params';
import { TECHNICIAN_SEARCH_MAX_LENGTH } from '../utils/search';
import { KeyboardHelp } from './KeyboardHelp';

interface Props {
  board: BoardParams;
  /** The keys help is for those who move work. */
  canPlan: boolean;
  onChange: (changes: Partial<Pick<BoardParams, 'view' | 'anchor' | 'search' | 'page'>>) => void;
}

/** Range (day or week, back, today, forward, a date) and the technician search. */
export function BoardToolbar({ board, canPlan, onChange }: Props) {
  const [search, setSearch] = useState(board.search);
  const settled = useDebouncedValue(search.trim(), 300);
  useEffect(() => {
    if (settled !== board.search) onChange({ search: settled, page: 1 });
  }, [settled, board.search, onChange]);
  const unit = board.view === 'day' ? 'day' : 'week';

  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center', mb: 2 }}>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={board.view}
        aria-label="Board range"
        onChange={(_event, view: BoardView | null) => view && onChange({ view })}
      >
        <ToggleButton value="day">Day</ToggleButton>
        <ToggleButton value="week">Week</ToggleButton>
      </ToggleButtonGroup>
      <Box sx={{ display: 'flex', alignItems: 'center' }}>
        <IconButton aria-label={`Previous ${unit}`} onClick={() => onChange({ anchor: stepAnchor(board.view, board.anchor, -1) })}>
          <ChevronLeftIcon />
        </IconButton>
        <Button onClick={() => onChange({ anchor: parseDateKey(null) })}>Today</Button>
        <IconButton aria-label={`Next ${unit}`} onClick={() => onChange({ anchor: stepAnchor(board.view, board.anchor, 1) })}>
          <ChevronRightIcon />
        </IconButton>
      </Box>
      <TextField
        label="Date"
        type="date"
        size="small"
        value={dateKey(board.anchor)}
        onChange={(event) => event.target.value && onChange({ anchor: parseDateKey(event.target.value) })}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <TextField
        label="Search technicians"
        size="small"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        slotProps={{ htmlInput: { maxLength: TECHNICIAN_SEARCH_MAX_LENGTH } }}
      />
      {canPlan && <KeyboardHelp />}
    </Box>
  );
}
