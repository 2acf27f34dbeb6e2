import { Alert, Box, Button } from '@mui/material';
import type { MoveConflict } from '../hooks/use-board-moves';
import { useBoardWorkOrder } from '../hooks/use-board-work-order';
import { useBoard } from './board-context';

/** Why the server refused a move, next to the work it is about; the planner may override a 409 knowingly. */
export function ConflictNote({ conflict }: { conflict: MoveConflict }) {
  const board = useBoard();
  const { workOrder } = conflict;
  // Forced with the version the board shows now: the refused copy may have been changed since.
  const current = useBoardWorkOrder(workOrder);
  const forceMove = () => void board.moves.move(current, conflict.technicianId, conflict.start, { force: true });
  return (
    <Alert severity="warning" role="alert" data-testid={`board-conflict-${workOrder.workOrderNumber}`} sx={{ mt: 0.5, py: 0 }}>
      {workOrder.workOrderNumber} was not moved to {board.nameOf(conflict.technicianId)}: {conflict.message}
      {/* Below the message, so it stays readable in the narrow backlog column. */}
      <Box sx={{ display: 'flex', gap: 1, mt: 0.5, flexWrap: 'wrap' }}>
        {conflict.canForce && board.canEdit && (
          <Button color="inherit" size="small" variant="outlined" onClick={forceMove}>
            Assign anyway
          </Button>
        )}
        <Button color="inherit" size="small" onClick={() => board.moves.dismiss(workOrder.id)}>
          Dismiss
        </Button>
      </Box>
    </Alert>
  );
}
