import type { Location } from '@msched/contracts';

export interface LocationNode {
  location: Location;
  children: LocationNode[];
}

const KIND_ORDER: Record<Location['kind'], number> = { SITE: 0, AREA: 1, LINE: 2 };
const byKindThenName = (a: LocationNode, b: LocationNode) =>
  (KIND_ORDER[a.location.kind] ?? 9) - (KIND_ORDER[b.location.kind] ?? 9) || a.location.name.localeCompare(b.location.name);

/**
 * The location tree from the flat list (`parentId`): roots are the locations without a parent,
 * or whose parent is not in the list (never lose one). A parent chain that loops back is cut
 * where it would repeat, so the tree stays finite whatever the data says.
 */
export function buildLocationTree(locations: readonly Location[]): LocationNode[] {
  const nodes = new Map(locations.map((location) => [location.id, { location, children: [] as LocationNode[] }]));
  const roots: LocationNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.location.parentId;
    const parent = parentId ? nodes.get(parentId) : undefined;
    if (parent && !isAncestor(node.location.id, parentId!, nodes)) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: LocationNode[]) => {
    list.sort(byKindThenName);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** Whether `id` is `startId` or one of its ancestors (a loop would be closed). */
function isAncestor(id: string, startId: string, nodes: Map<string, LocationNode>): boolean {
  const seen = new Set<string>();
  for (let current: string | null = startId; current && !seen.has(current); current = nodes.get(current)?.location.parentId ?? null) {
    if (current === id) return true;
    seen.add(current);
  }
  return false;
}

/** The ids from the root down to `id` (inclusive): what to expand to show it, and its path for people. */
export function pathTo(locations: readonly Location[], id: string): Location[] {
  const byId = new Map(locations.map((location) => [location.id, location]));
  const path: Location[] = [];
  const seen = new Set<string>();
  for (let current = byId.get(id); current && !seen.has(current.id); current = current.parentId ? byId.get(current.parentId) : undefined) {
    seen.add(current.id);
    path.unshift(current);
  }
  return path;
}

/** "Hamburg Plant › Production Hall › Machining Line 1"; empty when unknown. */
export const locationPathLabel = (locations: readonly Location[] | undefined, id: string | null) =>
  id && locations
    ? pathTo(locations, id)
        .map((location) => location.name)
        .join(' › ')
    : '';
