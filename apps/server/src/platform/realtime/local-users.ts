import type { LocalPresence } from './emit';

interface Connected {
  sockets: number;
  /** Shared by every socket of the user on this instance. */
  name: string;
}

/** This instance's sockets per organization and user, and each user's display name. */
export class LocalUsers {
  private readonly organizations = new Map<string, Map<string, Connected>>();

  /** Counts a socket of `userId`; answers the name its sockets share (the newest one read). */
  add(organizationId: string, userId: string, name: string): string {
    let users = this.organizations.get(organizationId);
    if (!users) this.organizations.set(organizationId, (users = new Map()));
    const known = users.get(userId);
    if (!known) {
      users.set(userId, { sockets: 1, name });
      return name;
    }
    known.sockets++;
    if (known.name !== name) known.name = name;
    return known.name;
  }

  remove(organizationId: string, userId: string): void {
    const users = this.organizations.get(organizationId);
    const known = users?.get(userId);
    if (!users || !known) return;
    if (--known.sockets > 0) return;
    users.delete(userId);
    if (users.size === 0) this.organizations.delete(organizationId);
  }

  has(organizationId: string): boolean {
    return this.organizations.has(organizationId);
  }

  get size(): number {
    return this.organizations.size;
  }

  of(organizationId: string): LocalPresence {
    const users = this.organizations.get(organizationId);
    if (!users) return { clients: 0, users: [] };
    let clients = 0;
    for (const user of users.values()) clients += user.sockets;
    return { clients, users: [...users.keys()] };
  }
}
