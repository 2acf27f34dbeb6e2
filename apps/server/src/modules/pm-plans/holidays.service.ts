import type { CreateHoliday, Holiday, HolidayListQuery } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { type SQL, and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { onUniqueViolation } from '../../platform/db/errors';
import { holidays } from '../../platform/db/schema';
import { AppError, ErrorCode } from '../../platform/http/app-error';

/** The organization calendar of non-working days, used by PM plans' holiday rules. */
@Injectable()
export class HolidaysService {
  constructor(private readonly database: Database) {}

  async list(principal: Principal, query: HolidayListQuery): Promise<Holiday[]> {
    const conditions: SQL[] = [eq(holidays.organizationId, principal.organizationId)];
    if (query.from) conditions.push(gte(holidays.date, query.from));
    if (query.to) conditions.push(lte(holidays.date, query.to));
    const rows = await this.database.executor
      .select()
      .from(holidays)
      .where(and(...conditions))
      .orderBy(asc(holidays.date));
    return rows.map((row) => ({ id: row.id, date: row.date, name: row.name }));
  }

  async create(principal: Principal, input: CreateHoliday): Promise<Holiday> {
    const [row] = await this.database.executor
      .insert(holidays)
      .values({ organizationId: principal.organizationId, date: input.date, name: input.name })
      .returning()
      .catch(onUniqueViolation(() => new AppError(ErrorCode.Duplicate, `${input.date} is already a holiday`)));
    return { id: row!.id, date: row!.date, name: row!.name };
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const deleted = await this.database.executor
      .delete(holidays)
      .where(and(eq(holidays.organizationId, principal.organizationId), eq(holidays.id, id)))
      .returning({ id: holidays.id });
    if (deleted.length === 0) throw AppError.notFound('Holiday');
  }
}
