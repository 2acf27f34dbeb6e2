import { type SubscriptionAck, parseRoom, roomName } from '@msched/contracts';

export type RoomChange = 'subscribe' | 'unsubscribe';

/** A subscribe or unsubscribe the app asked for, waiting for the server's answer. */
export interface RoomRequest {
  change: RoomChange;
  rooms: string[];
  resolve: (ack: SubscriptionAck) => void;
  reject: (error: Error) => void;
}

const MAX_ROOMS_PER_REQUEST = 100; // SubscribeRequest's limit

export const NO_ROOMS: SubscriptionAck = { success: true, message: 'No rooms to join', rooms: [], refused: [] };

/** The part of the rejoin's answer that concerns one request made offline. */
export function answerFromRejoin(request: RoomRequest, rejoin: SubscriptionAck): SubscriptionAck {
  if (request.change === 'unsubscribe')
    return { success: true, message: 'A new connection starts in no rooms', rooms: request.rooms, refused: [] };
  const refused = rejoin.refused.filter(({ room }) => request.rooms.includes(room));
  const rooms = rejoin.rooms.filter((room) => request.rooms.includes(room));
  return {
    success: refused.length === 0,
    message: refused.length ? `${refused.length} room(s) refused` : `Subscribed to ${rooms.length} room(s)`,
    rooms,
    refused,
  };
}

/** The server lower-cases ids in room names; so does the client, so refusals match what was asked. */
export function normalizeRooms(rooms: readonly string[]): string[] {
  return [
    ...new Set(
      rooms.map((room) => {
        const parsed = parseRoom(room);
        return parsed ? roomName(parsed) : room;
      }),
    ),
  ];
}

export function inBatches(rooms: string[]): string[][] {
  const batches: string[][] = [];
  for (let start = 0; start < rooms.length; start += MAX_ROOMS_PER_REQUEST) batches.push(rooms.slice(start, start + MAX_ROOMS_PER_REQUEST));
  return batches;
}

/** One answer for a request sent in batches. */
export function mergeAcks(acks: SubscriptionAck[]): SubscriptionAck {
  return {
    success: acks.every((ack) => ack.success),
    message: (acks.find((ack) => !ack.success) ?? acks[0])?.message ?? '',
    rooms: acks.flatMap((ack) => ack.rooms),
    refused: acks.flatMap((ack) => ack.refused),
  };
}
