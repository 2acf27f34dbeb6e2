import { describe, expect, it } from 'vitest';
import { inBatches, mergeAcks, normalizeRooms } from './rooms';

describe('rooms', () => {
  it('lower-cases ids in room names as the server does, keeps other names, drops repeats', () => {
    const id = '0F8FAD5B-D9CB-469F-A165-70867728950E';
    expect(normalizeRooms([`workorder:${id}`, `workorder:${id.toLowerCase()}`, 'system:all', 'Not A Room'])).toEqual([
      `workorder:${id.toLowerCase()}`,
      'system:all',
      'Not A Room',
    ]);
  });

  it('splits rooms into requests of at most 100 and merges their answers', () => {
    const rooms = Array.from({ length: 250 }, (_, i) => `room-${i}`);
    const batches = inBatches(rooms);
    expect(batches.map((batch) => batch.length)).toEqual([100, 100, 50]);

    const merged = mergeAcks([
      { success: true, message: 'Subscribed to 1 room(s)', rooms: ['a'], refused: [] },
      { success: false, message: '1 refused', rooms: [], refused: [{ room: 'b', reason: 'Forbidden' }] },
    ]);
    expect(merged).toEqual({ success: false, message: '1 refused', rooms: ['a'], refused: [{ room: 'b', reason: 'Forbidden' }] });
  });
});
