import type { Paged, Technician } from '@msched/contracts';
import { Box, Paper, TablePagination, Typography } from '@mui/material';
import { useEffect, useId, useRef } from 'react';
import { EmptyState } from '@/components/ui/EmptyState';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useBoard } from './board-context';
import { NowLine } from './NowLine';
import { NAME_COLUMN, TechnicianRow } from './TechnicianRow';
import { TimeHeader } from './TimeHeader';

interface Props {
  technicians: Paged<Technician> | undefined;
  isLoading: boolean;
  error: unknown;
  onRetry: () => void;
  limits: readonly number[];
  onPage: (page: number, limit: number) => void;
}

/** Width of the time line: an hour of a day, or a half-day of a week, stays wide enough to drop on. */
const TRACK_WIDTH = { day: 24 * 48, week: 14 * 46 };
/** A day opens scrolled to 06:00, where the working day starts for most. */
const DAY_OPENS_AT = 6 / 24;

/** The technicians (rows, paged on the server) over the visible range. */
export function BoardTimeline({ technicians, isLoading, error, onRetry, limits, onPage }: Props) {
  const { range } = useBoard();
  const headingId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const hasRows = Boolean(technicians?.data.length);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const track = element.scrollWidth - (element.querySelector<HTMLElement>('[data-name-column]')?.offsetWidth ?? 0);
    element.scrollLeft = range.view === 'day' ? track * DAY_OPENS_AT : 0;
  }, [range, hasRows]);
  return (
    <Paper variant="outlined" component="section" aria-labelledby={headingId} sx={{ minWidth: 0 }}>
      <Typography id={headingId} variant="h6" component="h2" sx={{ px: 2, pt: 1.5, pb: 1 }}>
        Technicians
      </Typography>
      <ProblemAlert error={error} subject="list" onReload={onRetry} fieldsShown={false} />
      {isLoading && <LoadingBlock label="Loading technicians…" />}
      {technicians && technicians.data.length === 0 && <EmptyState title="No active technicians match" />}
      {technicians && technicians.data.length > 0 && (
        <Box ref={scroller} sx={{ overflowX: 'auto' }}>
          <Box sx={{ minWidth: { xs: NAME_COLUMN.xs + TRACK_WIDTH[range.view], sm: NAME_COLUMN.sm + TRACK_WIDTH[range.view] } }}>
            <TimeHeader range={range} />
            <Box sx={{ position: 'relative' }}>
              {technicians.data.map((technician) => (
                <TechnicianRow key={technician.id} technician={technician} />
              ))}
              <Box sx={{ position: 'absolute', top: 0, bottom: 0, left: NAME_COLUMN, right: 0, pointerEvents: 'none' }}>
                <NowLine range={range} />
              </Box>
            </Box>
          </Box>
        </Box>
      )}
      {technicians && (
        <TablePagination
          component="div"
          count={technicians.total}
          page={technicians.page - 1}
          rowsPerPage={technicians.limit}
          rowsPerPageOptions={[...limits]}
          labelRowsPerPage="Technicians per page"
          onPageChange={(_event, page) => onPage(page + 1, technicians.limit)}
          onRowsPerPageChange={(event) => onPage(1, Number(event.target.value))}
        />
      )}
    </Paper>
  );
}
