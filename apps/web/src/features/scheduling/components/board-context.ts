import type { Technician, WorkOrder } from '@msched/contracts';
import { type RefObject, createContext, useContext } from 'react';
import type { BoardMoves } from '../hooks/use-board-moves';
import type { BoardRange } from '../utils/board-time';

/** A keyboard move being composed with the arrow keys: shown on the board, saved on Enter. */
export interface Nudge {
  workOrder: WorkOrder;
  technicianId: string;
  start: number;
}

export interface BoardContextValue {
  range: BoardRange;
  /** Planners and managers move work; others only look. */
  canEdit: boolean;
  /** The technicians shown, top to bottom (arrow up/down moves between them). */
  rows: readonly Technician[];
  nameOf: (technicianId: string) => string;
  moves: BoardMoves;
  nudge: Nudge | null;
  setNudge: (nudge: Nudge | null) => void;
  /** What is being dragged with the pointer. */
  dragged: WorkOrder | null;
  setDragged: (workOrder: WorkOrder | null) => void;
  openMove: (workOrder: WorkOrder) => void;
  /** The work order whose bar takes the focus when it appears (after a keyboard move re-draws it elsewhere). */
  focusNext: RefObject<string | null>;
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoard(): BoardContextValue {
  const board = useContext(BoardContext);
  if (!board) throw new Error('useBoard outside the scheduling board');
  return board;
}
