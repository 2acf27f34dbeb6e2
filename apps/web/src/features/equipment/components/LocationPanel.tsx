import { Paper, Typography } from '@mui/material';
import { useEffect, useMemo, useRef, useState } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useListLocationTreeQuery } from '../api/list-locations';
import { buildLocationTree, pathTo } from '../utils/location-tree';
import { LocationTree } from './LocationTree';

interface Props {
  selectedId: string;
  onSelect: (locationId: string) => void;
}

/** The location tree, opened down to the chosen location; sites start open. */
export function LocationPanel({ selectedId, onSelect }: Props) {
  const { data: locations, error, isLoading, refetch } = useListLocationTreeQuery();
  const roots = useMemo(() => buildLocationTree(locations ?? []), [locations]);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());

  const sitesOpened = useRef(false);

  // Sites open once, when the tree first arrives; later, only the way down to a newly chosen location.
  useEffect(() => {
    if (sitesOpened.current || roots.length === 0) return;
    sitesOpened.current = true;
    setExpanded((current) => new Set([...current, ...roots.map((root) => root.location.id)]));
  }, [roots]);
  useEffect(() => {
    const ancestors = pathTo(locations ?? [], selectedId).slice(0, -1);
    if (ancestors.length > 0) setExpanded((current) => new Set([...current, ...ancestors.map((location) => location.id)]));
  }, [locations, selectedId]);

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Paper variant="outlined" component="nav" aria-label="Equipment by location" sx={{ p: 1 }}>
      <Typography variant="subtitle2" component="h2" sx={{ px: 1, pt: 0.5 }}>
        Locations
      </Typography>
      <ProblemAlert error={error} subject="location list" onReload={refetch} />
      {isLoading && <LoadingBlock label="Loading locations…" />}
      {locations && <LocationTree roots={roots} selectedId={selectedId} expanded={expanded} onSelect={onSelect} onToggle={toggle} />}
    </Paper>
  );
}
