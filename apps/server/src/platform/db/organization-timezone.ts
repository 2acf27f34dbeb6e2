import { eq } from 'drizzle-orm';
import type { Db } from './database';
import { organizations } from './schema';

/** The organization's time zone: its local days (due dates, PM plans) and the times its people read. */
export async function organizationTimezone(executor: Db, organizationId: string): Promise<string> {
  const [row] = await executor.select({ timezone: organizations.timezone }).from(organizations).where(eq(organizations.id, organizationId));
  return row?.timezone ?? 'UTC';
}
