import { Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { digitalTwins } from '../../platform/db/schema';

export type TwinRow = typeof digitalTwins.$inferSelect;

@Injectable()
export class TwinsRepository {
  constructor(private readonly database: Database) {}

  all(): Promise<TwinRow[]> {
    return this.database.executor.select().from(digitalTwins).orderBy(digitalTwins.equipmentId);
  }

  async update(equipmentId: string, changes: Partial<typeof digitalTwins.$inferInsert>): Promise<void> {
    await this.database.executor
      .update(digitalTwins)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(digitalTwins.equipmentId, equipmentId));
  }
}
