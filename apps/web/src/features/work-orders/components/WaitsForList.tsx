import { Box, Link, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useGetWorkOrderQuery } from '../api/get-work-order';
import { statusLabel } from '../utils/labels';

/** One predecessor: its number linked to its page, its title and state; said plainly when gone or hidden. */
function Predecessor({ id }: { id: string }) {
  const { data, isError } = useGetWorkOrderQuery(id);
  if (isError)
    return (
      <Typography component="span" color="text.secondary">
        A deleted or hidden work order
      </Typography>
    );
  if (!data)
    return (
      <Typography component="span" color="text.secondary">
        Loading…
      </Typography>
    );
  return (
    <>
      <Link component={RouterLink} to={`/work-orders/${data.id}`}>
        {data.workOrderNumber}
      </Link>{' '}
      {data.title} ({statusLabel(data.status).toLowerCase()})
    </>
  );
}

/** The work orders that must be finished before this one starts (a work order holds their ids). */
export function WaitsForList({ predecessorIds }: { predecessorIds: readonly string[] }) {
  if (predecessorIds.length === 0) return <>none</>;
  return (
    <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
      {predecessorIds.map((id) => (
        <li key={id}>
          <Predecessor id={id} />
        </li>
      ))}
    </Box>
  );
}
