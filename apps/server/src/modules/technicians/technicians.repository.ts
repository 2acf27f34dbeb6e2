import type { TechnicianListQuery } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { selectPage } from '../../platform/db/paging';
import { escapeLike, existsInOrganization } from '../../platform/db/sql';
import { availabilityExceptions, fullNameOf, locations, technicianAvailability, technicians } from '../../platform/db/schema';

export type TechnicianRow = typeof technicians.$inferSelect;
export type NewTechnician = typeof technicians.$inferInsert;
export type AvailabilityRow = typeof technicianAvailability.$inferSelect;
export type ExceptionRow = typeof availabilityExceptions.$inferSelect;

@Injectable()
export class TechniciansRepository {
  constructor(private readonly database: Database) {}

  async list(organizationId: string, query: TechnicianListQuery): Promise<{ rows: TechnicianRow[]; total: number }> {
    const conditions: SQL[] = [eq(technicians.organizationId, organizationId)];
    if (query.active) conditions.push(eq(technicians.active, query.active === 'true'));
    if (query.skill) conditions.push(sql`${technicians.skills} @> ${JSON.stringify([{ skill: query.skill }])}::jsonb`);
    if (query.search) {
      const pattern = `%${escapeLike(query.search)}%`;
      conditions.push(or(ilike(fullNameOf(technicians), pattern), ilike(technicians.employeeId, pattern))!);
    }
    const where = and(...conditions);
    return selectPage(
      this.database.executor,
      technicians,
      where,
      [asc(technicians.lastName), asc(technicians.firstName), asc(technicians.id)],
      query.page,
      query.limit,
    );
  }

  /**
   * One technician of the organization. `lock: 'share'` holds the row until the transaction ends
   * against a publish, which locks the crews it books (`for update`) before it reads their
   * calendars: a change of availability then lands wholly before or wholly after a publish.
   */
  async find(organizationId: string, id: string, options: { lock?: 'share' } = {}): Promise<TechnicianRow | undefined> {
    const query = this.database.executor
      .select()
      .from(technicians)
      .where(and(eq(technicians.organizationId, organizationId), eq(technicians.id, id)));
    const [row] = options.lock ? await query.for(options.lock) : await query;
    return row;
  }

  async insert(values: NewTechnician): Promise<TechnicianRow> {
    const [row] = await this.database.executor.insert(technicians).values(values).returning();
    await this.database.executor.insert(technicianAvailability).values({ technicianId: row!.id, organizationId: values.organizationId });
    return row!;
  }

  async update(organizationId: string, id: string, expectedVersion: number, changes: Partial<NewTechnician>) {
    const [row] = await this.database.executor
      .update(technicians)
      .set({ ...changes, version: expectedVersion + 1, updatedAt: new Date() })
      .where(and(eq(technicians.organizationId, organizationId), eq(technicians.id, id), eq(technicians.version, expectedVersion)))
      .returning();
    return row;
  }

  locationExists(organizationId: string, id: string): Promise<boolean> {
    return existsInOrganization(this.database.executor, locations, organizationId, id);
  }

  async findAvailability(technicianId: string): Promise<{ availability: AvailabilityRow; exceptions: ExceptionRow[] } | undefined> {
    const [availability] = await this.database.executor
      .select()
      .from(technicianAvailability)
      .where(eq(technicianAvailability.technicianId, technicianId));
    if (!availability) return undefined;
    const exceptions = await this.database.executor
      .select()
      .from(availabilityExceptions)
      .where(eq(availabilityExceptions.technicianId, technicianId))
      .orderBy(asc(availabilityExceptions.startsAt));
    return { availability, exceptions };
  }

  /** Replaces pattern and exceptions together; undefined when the version moved on. */
  async replaceAvailability(
    organizationId: string,
    technicianId: string,
    expectedVersion: number,
    availability: Pick<AvailabilityRow, 'timezone' | 'weeklyPattern'>,
    exceptions: Omit<typeof availabilityExceptions.$inferInsert, 'organizationId' | 'technicianId'>[],
  ): Promise<AvailabilityRow | undefined> {
    const [row] = await this.database.executor
      .update(technicianAvailability)
      .set({ ...availability, version: expectedVersion + 1, updatedAt: new Date() })
      .where(and(eq(technicianAvailability.technicianId, technicianId), eq(technicianAvailability.version, expectedVersion)))
      .returning();
    if (!row) return undefined;
    await this.database.executor.delete(availabilityExceptions).where(eq(availabilityExceptions.technicianId, technicianId));
    if (exceptions.length > 0) {
      await this.database.executor
        .insert(availabilityExceptions)
        .values(exceptions.map((exception) => ({ ...exception, organizationId, technicianId })));
    }
    return row;
  }
}
