import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type BoardView, dateKey, parseDateKey } from '../utils/board-time';

export interface BoardParams {
  view: BoardView;
  anchor: Date;
  search: string;
  page: number;
  limit: number;
  runId: string | null;
}

const ROW_LIMITS = [10, 25, 50] as const;

/** The board's view lives in the address (shareable, kept on reload): range, technician page, the run shown. */
export function useBoardParams() {
  const [params, setParams] = useSearchParams();
  const limit = Number(params.get('limit'));
  const board: BoardParams = {
    view: params.get('view') === 'week' ? 'week' : 'day',
    anchor: parseDateKey(params.get('date')),
    search: params.get('q') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
    limit: (ROW_LIMITS as readonly number[]).includes(limit) ? limit : ROW_LIMITS[0],
    runId: params.get('run'),
  };
  const update = useCallback(
    (changes: Partial<Omit<BoardParams, 'anchor'>> & { anchor?: Date }) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          const set = (key: string, value: string | number | null | undefined) =>
            value === null || value === '' ? next.delete(key) : value !== undefined && next.set(key, String(value));
          set('view', changes.view);
          set('date', changes.anchor ? dateKey(changes.anchor) : undefined);
          set('q', changes.search);
          set('page', changes.page);
          set('limit', changes.limit);
          set('run', changes.runId);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { board, update, rowLimits: ROW_LIMITS };
}
