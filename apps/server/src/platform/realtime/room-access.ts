import { type ParsedRoom, type Room, parseRoom, roomName } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { and, eq, isNull } from 'drizzle-orm';
import { ROOM_PERMISSIONS, canSeeTechnician, canSeeWorkOrder, isAllowed } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import { Database } from '../db/database';
import { equipment, technicians, workOrders } from '../db/schema';

export type RoomDecision = { allowed: true; room: Room } | { allowed: false; room: string; reason: string };

const NOT_A_ROOM = 'not a room of the real-time contract';
const NOT_ALLOWED = 'your role may not join this room';
// The same answer for "does not exist" and "may not see", as HTTP's 404: existence is not revealed.
const NOT_FOUND = 'no such object visible to you';

/** Decides room joins with the same rules as HTTP (organization, role, assignment, requester). */
@Injectable()
export class RoomAccess {
  constructor(private readonly database: Database) {}

  async decide(principal: Principal, requested: unknown): Promise<RoomDecision> {
    const parsed = parseRoom(requested);
    const label = typeof requested === 'string' ? requested.slice(0, 100) : String(requested).slice(0, 100);
    if (!parsed) return { allowed: false, room: label, reason: NOT_A_ROOM };
    const room = roomName(parsed);
    const reason = await this.refusal(principal, parsed);
    return reason ? { allowed: false, room, reason } : { allowed: true, room };
  }

  private async refusal(principal: Principal, room: ParsedRoom): Promise<string | null> {
    if (room.kind === 'static') return isAllowed(principal, ROOM_PERMISSIONS[room.name]) ? null : NOT_ALLOWED;
    const org = principal.organizationId;
    const db = this.database.executor;
    switch (room.family) {
      case 'user':
        return room.id === principal.userId ? null : NOT_FOUND;
      case 'workorder': {
        if (!isAllowed(principal, 'workOrders.read')) return NOT_ALLOWED;
        const [row] = await this.database.read(() =>
          db
            .select({
              technicianId: workOrders.technicianId,
              crewTechnicianIds: workOrders.crewTechnicianIds,
              requesterId: workOrders.requesterId,
            })
            .from(workOrders)
            .where(and(eq(workOrders.organizationId, org), eq(workOrders.id, room.id), isNull(workOrders.deletedAt))),
        );
        return row && canSeeWorkOrder(principal, row) ? null : NOT_FOUND;
      }
      case 'technician': {
        if (!isAllowed(principal, 'technicians.read') || !canSeeTechnician(principal, room.id)) return NOT_FOUND;
        const [row] = await this.database.read(() =>
          db
            .select({ id: technicians.id })
            .from(technicians)
            .where(and(eq(technicians.organizationId, org), eq(technicians.id, room.id))),
        );
        return row ? null : NOT_FOUND;
      }
      case 'equipment': {
        if (!isAllowed(principal, 'equipment.read')) return NOT_ALLOWED;
        const [row] = await this.database.read(() =>
          db
            .select({ id: equipment.id })
            .from(equipment)
            .where(and(eq(equipment.organizationId, org), eq(equipment.id, room.id))),
        );
        return row ? null : NOT_FOUND;
      }
    }
  }
}
