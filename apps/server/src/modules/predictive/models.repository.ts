import type { ModelListQuery } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { and, count, desc, eq, getTableColumns, lt, sql } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { UNIQUE_VIOLATION, sqlStateOf } from '../../platform/db/errors';
import { predictiveModels } from '../../platform/db/schema';

export type ModelRow = typeof predictiveModels.$inferSelect;
/** The error of a version whose training a stopping (or crashed) server cut short: not a failure of its data. */
export const TRAINING_INTERRUPTED = 'interrupted (the server stopped while training)';
/** A model without its (possibly large) body. */
export type ModelSummary = Omit<ModelRow, 'body'>;

const { body: _body, ...summaryColumns } = getTableColumns(predictiveModels);

@Injectable()
export class ModelsRepository {
  constructor(private readonly database: Database) {}

  /** A new version in TRAINING; versions count up per organization, kind and type. */
  async create(values: {
    organizationId: string;
    equipmentType: string;
    sensors: string[];
    requestedBy: string | null;
  }): Promise<ModelRow> {
    for (let attempt = 1; ; attempt++) {
      try {
        const [row] = await this.database.executor
          .insert(predictiveModels)
          .values({
            ...values,
            kind: 'rul',
            status: 'TRAINING',
            version: sql`(select coalesce(max(${predictiveModels.version}), 0) + 1 from ${predictiveModels}
              where ${predictiveModels.organizationId} = ${values.organizationId} and ${predictiveModels.kind} = 'rul'
                and ${predictiveModels.equipmentType} = ${values.equipmentType})`,
          })
          .returning();
        return row!;
      } catch (error) {
        // Two requests took the same number; the loser takes the next one.
        if (attempt >= 5 || sqlStateOf(error) !== UNIQUE_VIOLATION) throw error;
      }
    }
  }

  async finish(id: string, changes: Partial<typeof predictiveModels.$inferInsert>): Promise<void> {
    await this.database.executor.update(predictiveModels).set(changes).where(eq(predictiveModels.id, id));
  }

  /** The active model of a type, locked until the transaction ends (activation is serialized). */
  async lockActive(organizationId: string, equipmentType: string): Promise<ModelSummary | undefined> {
    const [row] = await this.activeQuery(organizationId, equipmentType).for('update');
    return row;
  }

  async setActive(id: string, active: boolean): Promise<void> {
    await this.database.executor.update(predictiveModels).set({ active }).where(eq(predictiveModels.id, id));
  }

  async active(organizationId: string, equipmentType: string): Promise<ModelSummary | undefined> {
    const [row] = await this.activeQuery(organizationId, equipmentType);
    return row;
  }

  private activeQuery(organizationId: string, equipmentType: string) {
    return this.database.executor
      .select(summaryColumns)
      .from(predictiveModels)
      .where(
        and(
          eq(predictiveModels.organizationId, organizationId),
          eq(predictiveModels.equipmentType, equipmentType),
          eq(predictiveModels.active, true),
        ),
      );
  }

  async body(id: string): Promise<unknown> {
    const [row] = await this.database.executor
      .select({ body: predictiveModels.body })
      .from(predictiveModels)
      .where(eq(predictiveModels.id, id));
    return row?.body ?? null;
  }

  /** The newest model of a type in any state (a training in flight, the last failure). */
  async latest(organizationId: string, equipmentType: string): Promise<ModelSummary | undefined> {
    const [row] = await this.database.executor
      .select(summaryColumns)
      .from(predictiveModels)
      .where(and(eq(predictiveModels.organizationId, organizationId), eq(predictiveModels.equipmentType, equipmentType)))
      .orderBy(desc(predictiveModels.version))
      .limit(1);
    return row;
  }

  /** Trainings whose instance died before they finished. */
  async failStale(startedBefore: Date): Promise<void> {
    await this.database.executor
      .update(predictiveModels)
      .set({ status: 'FAILED', error: TRAINING_INTERRUPTED })
      .where(and(eq(predictiveModels.status, 'TRAINING'), lt(predictiveModels.createdAt, startedBefore)));
  }

  async page(organizationId: string, query: ModelListQuery): Promise<{ rows: ModelSummary[]; total: number }> {
    const where = and(
      eq(predictiveModels.organizationId, organizationId),
      query.equipmentType ? eq(predictiveModels.equipmentType, query.equipmentType) : undefined,
    );
    const [rows, [counted]] = await Promise.all([
      this.database.executor
        .select(summaryColumns)
        .from(predictiveModels)
        .where(where)
        .orderBy(desc(predictiveModels.createdAt), desc(predictiveModels.version))
        .limit(query.limit)
        .offset((query.page - 1) * query.limit),
      this.database.executor.select({ n: count() }).from(predictiveModels).where(where),
    ]);
    return { rows, total: Number(counted?.n ?? 0) };
  }
}
