import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Box, Collapse, IconButton, List, ListItem, ListItemButton, ListItemText } from '@mui/material';
import { humanize } from '@/lib/format';
import type { LocationNode } from '../utils/location-tree';

interface Props {
  roots: LocationNode[];
  selectedId: string;
  expanded: ReadonlySet<string>;
  onSelect: (locationId: string) => void;
  onToggle: (locationId: string) => void;
}

interface ItemProps extends Omit<Props, 'roots'> {
  node: LocationNode;
  depth: number;
}

/** One location: a button that selects it, and (when it has any) a button that shows its sub-locations. */
function LocationItem({ node, depth, selectedId, expanded, onSelect, onToggle }: ItemProps) {
  const { location, children } = node;
  const open = expanded.has(location.id);
  const childListId = `location-children-${location.id}`;
  return (
    <ListItem disablePadding sx={{ display: 'block' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', pl: depth * 2 }}>
        {children.length > 0 ? (
          <IconButton
            size="small"
            aria-expanded={open}
            aria-controls={childListId}
            aria-label={`${open ? 'Hide' : 'Show'} what is in ${location.name}`}
            onClick={() => onToggle(location.id)}
          >
            {open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          </IconButton>
        ) : (
          <Box sx={{ width: 44, flexShrink: 0 }} />
        )}
        <ListItemButton
          selected={selectedId === location.id}
          aria-current={selectedId === location.id ? 'true' : undefined}
          onClick={() => onSelect(location.id)}
          sx={{ borderRadius: 1, py: 0.5 }}
        >
          <ListItemText primary={location.name} secondary={humanize(location.kind)} slotProps={{ secondary: { variant: 'caption' } }} />
        </ListItemButton>
      </Box>
      {children.length > 0 && (
        <Collapse in={open} unmountOnExit>
          <List id={childListId} dense disablePadding aria-label={`In ${location.name}`}>
            {children.map((child) => (
              <LocationItem
                key={child.location.id}
                node={child}
                depth={depth + 1}
                selectedId={selectedId}
                expanded={expanded}
                onSelect={onSelect}
                onToggle={onToggle}
              />
            ))}
          </List>
        </Collapse>
      )}
    </ListItem>
  );
}

/** Sites, areas and lines as a nested list; "All locations" clears the choice. */
export function LocationTree({ roots, selectedId, expanded, onSelect, onToggle }: Props) {
  return (
    <List dense aria-label="Locations">
      <ListItem disablePadding>
        <ListItemButton
          selected={selectedId === ''}
          aria-current={selectedId === '' ? 'true' : undefined}
          onClick={() => onSelect('')}
          sx={{ borderRadius: 1 }}
        >
          <ListItemText primary="All locations" />
        </ListItemButton>
      </ListItem>
      {roots.map((node) => (
        <LocationItem
          key={node.location.id}
          node={node}
          depth={0}
          selectedId={selectedId}
          expanded={expanded}
          onSelect={onSelect}
          onToggle={onToggle}
        />
      ))}
    </List>
  );
}
