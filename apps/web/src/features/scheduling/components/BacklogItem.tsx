import { visuallyHidden } from '@/components/ui/visually-hidden';
import type { WorkOrder } from '@msched/contracts';
import { Box, Typography } from '@mui/material';
import type { DragEvent, KeyboardEvent } from 'react';
import { formatDate, formatMinutes, humanize } from '@/lib/format';
import { PRIORITY_FILL, bookingLength } from '../utils/work-order-display';
import { MINUTE_MS } from '../utils/board-time';
import { DRAG_TYPE, KEY_HELP_ID } from './BoardBar';
import { useBoard } from './board-context';
import { ConflictNote } from './ConflictNote';

/** Unscheduled work: drag it onto a technician's row, or press Enter to schedule it with the dialog. */
export function BacklogItem({ workOrder }: { workOrder: WorkOrder }) {
  const board = useBoard();
  const conflict = board.moves.conflicts[workOrder.id];
  const saving = board.moves.saving.has(workOrder.id);

  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(DRAG_TYPE, workOrder.id);
    event.dataTransfer.setData('text/plain', workOrder.workOrderNumber);
    event.dataTransfer.effectAllowed = 'move';
    board.setNudge(null);
    board.setDragged(workOrder);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    board.openMove(workOrder);
  };
  const editable = board.canEdit;

  return (
    <Box component="li" sx={{ listStyle: 'none', mb: 1 }}>
      <Box
        role={editable ? 'button' : undefined}
        tabIndex={editable ? 0 : undefined}
        aria-describedby={editable ? KEY_HELP_ID : undefined}
        data-testid={`backlog-item-${workOrder.workOrderNumber}`}
        draggable={editable}
        onDragStart={editable ? onDragStart : undefined}
        onDragEnd={() => board.setDragged(null)}
        onKeyDown={editable ? onKeyDown : undefined}
        onClick={editable ? () => board.openMove(workOrder) : undefined}
        sx={{
          p: 1,
          border: 1,
          borderColor: 'divider',
          borderLeft: `6px solid ${PRIORITY_FILL[workOrder.priority]}`,
          borderRadius: 1,
          bgcolor: 'background.paper',
          cursor: editable ? 'grab' : 'default',
          opacity: saving ? 0.6 : 1,
          '&:focus-visible': { outline: '3px solid #000', outlineOffset: 2 },
          '&:hover': editable ? { bgcolor: 'action.hover' } : undefined,
        }}
      >
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {workOrder.workOrderNumber} · {humanize(workOrder.priority)}
        </Typography>
        <Typography variant="body2">{workOrder.title}</Typography>
        <Typography variant="caption" color="text.secondary" component="p">
          {workOrder.equipment?.name ? `${workOrder.equipment.name} · ` : ''}
          {formatMinutes(bookingLength(workOrder) / MINUTE_MS)} · due {formatDate(workOrder.dueDate)}
          {workOrder.requiredSkills.length > 0 && ` · ${workOrder.requiredSkills.map((need) => need.skill).join(', ')}`}
        </Typography>
        <Box component="span" sx={visuallyHidden}>
          {`, unscheduled${saving ? ', saving' : ''}`}
        </Box>
      </Box>
      {conflict && <ConflictNote conflict={conflict} />}
    </Box>
  );
}
