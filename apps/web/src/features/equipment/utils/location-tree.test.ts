import type { Location } from '@msched/contracts';
import { describe, expect, it } from 'vitest';
import { buildLocationTree, locationPathLabel, pathTo } from './location-tree';

const location = (id: string, name: string, kind: Location['kind'], parentId: string | null = null): Location => ({
  id,
  name,
  code: null,
  kind,
  parentId,
  description: null,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const names = (nodes: ReturnType<typeof buildLocationTree>): unknown[] =>
  nodes.map((node) => (node.children.length ? [node.location.name, names(node.children)] : node.location.name));

describe('the location tree', () => {
  // The API pages them by name: children may come before their parents.
  const flat = [
    location('l1', 'Machining Line 1', 'LINE', 'a1'),
    location('s2', 'Leipzig Plant', 'SITE'),
    location('a2', 'Utilities', 'AREA', 's1'),
    location('a1', 'Production Hall', 'AREA', 's1'),
    location('s1', 'Hamburg Plant', 'SITE'),
    location('l2', 'Assembly Line 2', 'LINE', 'a1'),
  ];

  it('nests areas under sites and lines under areas, each level by name', () => {
    expect(names(buildLocationTree(flat))).toEqual([
      ['Hamburg Plant', [['Production Hall', ['Assembly Line 2', 'Machining Line 1']], 'Utilities']],
      'Leipzig Plant',
    ]);
  });

  it('keeps a location whose parent is missing as a root, and cuts a loop instead of following it', () => {
    const orphan = location('x', 'Yard', 'AREA', 'gone');
    const loop = [location('p', 'Loop A', 'AREA', 'q'), location('q', 'Loop B', 'AREA', 'p')];
    const tree = buildLocationTree([...flat, orphan, ...loop]);
    expect(names(tree)).toEqual([
      ['Hamburg Plant', [['Production Hall', ['Assembly Line 2', 'Machining Line 1']], 'Utilities']],
      'Leipzig Plant',
      'Loop A',
      'Loop B',
      'Yard',
    ]);
  });

  it('finds the way down to a location, for expanding it and naming it', () => {
    expect(pathTo(flat, 'l1').map((entry) => entry.id)).toEqual(['s1', 'a1', 'l1']);
    expect(locationPathLabel(flat, 'l1')).toBe('Hamburg Plant › Production Hall › Machining Line 1');
    expect(locationPathLabel(flat, 'unknown')).toBe('');
  });
});
