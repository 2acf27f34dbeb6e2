import type { CreatePmPlan, Paged, PmPlan, PmPlanListQuery, UpdatePmPlan } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { AppError, type FieldError } from '../../platform/http/app-error';
import { assertVersion, concurrentChange, sameValue } from '../../platform/http/concurrency';
import { definedOnly, iso, isoOrNull } from '../../platform/http/mapping';
import { PartsRepository } from '../parts/parts.repository';
import { CoalescedRuns } from './coalesced-runs';
import { PmGenerator } from './pm-generator';
import { type NewPmPlan, type PmPlanRow, PmPlansRepository, type PmTargetRow } from './pm-plans.repository';
import { endOfLocalDate, localDateOf, nthOccurrence, validateRrule } from './pm-schedule';

export function toPmPlan(row: PmPlanRow, targets: PmTargetRow[], timezone: string): PmPlan {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    equipmentIds: row.equipmentIds,
    template: row.template,
    calendar: row.calendar ?? null,
    meter: row.meter ?? null,
    leadDays: row.leadDays,
    window: row.window,
    holidayRule: row.holidayRule,
    catchUp: row.catchUp,
    status: row.status,
    targets: targets
      .filter((target) => target.planId === row.id)
      .map((target) => ({
        equipmentId: target.equipmentId,
        nextDueAt: target.nextDueDate ? iso(endOfLocalDate(target.nextDueDate, timezone)) : null,
        lastGeneratedAt: isoOrNull(target.lastGeneratedAt),
        lastCompletedAt: isoOrNull(target.lastCompletedAt),
        meterBase: target.meterBase,
        openWorkOrderId: target.openWorkOrderId,
      })),
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** PM plans: CRUD, pause, and where each stands; generation itself is the PmGenerator's. */
@Injectable()
export class PmPlansService {
  constructor(
    private readonly database: Database,
    private readonly plans: PmPlansRepository,
    private readonly parts: PartsRepository,
    private readonly generator: PmGenerator,
  ) {}

  private readonly manualRuns = new CoalescedRuns((organizationId) => this.generator.run(new Date(), organizationId));

  async list(principal: Principal, query: PmPlanListQuery): Promise<Paged<PmPlan>> {
    const { rows, total } = await this.plans.list(principal.organizationId, query);
    const [targets, timezone] = await Promise.all([
      this.plans.targets(rows.map((row) => row.id)),
      this.plans.timezoneOf(principal.organizationId),
    ]);
    return { data: rows.map((row) => toPmPlan(row, targets, timezone)), total, page: query.page, limit: query.limit };
  }

  async get(principal: Principal, id: string): Promise<PmPlan> {
    const row = await this.require(principal, id);
    return this.present(principal, row);
  }

  async create(principal: Principal, input: CreatePmPlan): Promise<PmPlan> {
    await this.assertReferences(principal, input);
    await this.assertInService(principal, input.equipmentIds, input.equipmentIds);
    const row = await this.database.transaction(async () => {
      const created = await this.plans.insert({
        organizationId: principal.organizationId,
        name: input.name,
        description: input.description ?? null,
        equipmentIds: [...new Set(input.equipmentIds)],
        template: input.template,
        calendar: input.calendar ?? null,
        meter: input.meter ?? null,
        leadDays: input.leadDays,
        window: input.window,
        holidayRule: input.holidayRule,
        catchUp: input.catchUp,
        status: input.status,
      });
      await this.resetTargets(created, created.equipmentIds);
      return created;
    });
    return this.present(principal, row);
  }

  /**
   * Changes apply to occurrences not generated yet: work orders already made stay as they are.
   * A changed calendar restarts each target from today (or the new start date); a changed meter
   * interval counts from the current reading.
   */
  async update(principal: Principal, id: string, input: UpdatePmPlan, expectedVersion?: number | readonly number[]): Promise<PmPlan> {
    await this.assertReferences(principal, input);
    const row = await this.database.transaction(async () => {
      const current = await this.require(principal, id, true);
      assertVersion(expectedVersion, current.version, 'This PM plan');
      const merged = { ...current, ...definedOnly(input) } as PmPlanRow;
      if (!merged.calendar && !merged.meter)
        throw AppError.validation([{ path: 'calendar', message: 'a plan needs a calendar or a meter trigger' }]);
      if (merged.meter && merged.equipmentIds.length !== 1) {
        throw AppError.validation([{ path: 'equipmentIds', message: 'a meter trigger belongs to one piece of equipment' }]);
      }
      if (merged.meter && (input.meter !== undefined || input.equipmentIds !== undefined)) {
        await this.assertMeterOnEquipment(
          principal,
          merged.meter.meterId,
          merged.equipmentIds,
          input.meter ? 'meter.meterId' : 'equipmentIds',
        );
      }
      // Equipment retired after it joined the plan may stay (its history, a plan edited for other
      // reasons); equipment added now must be in service.
      if (input.equipmentIds) {
        await this.assertInService(
          principal,
          input.equipmentIds.filter((equipmentId) => !current.equipmentIds.includes(equipmentId)),
          input.equipmentIds,
        );
      }
      const changes: Partial<NewPmPlan> = definedOnly({
        ...input,
        equipmentIds: input.equipmentIds ? [...new Set(input.equipmentIds)] : undefined,
      });
      // An edit that changes nothing keeps the version (and the targets' due dates) as they are.
      if (Object.entries(changes).every(([field, value]) => sameValue(current[field as keyof PmPlanRow], value))) return current;
      const updated = await this.plans.update(principal.organizationId, id, current.version, changes);
      if (!updated) throw concurrentChange('This PM plan');
      const calendarChanged = input.calendar !== undefined && !sameValue(input.calendar, current.calendar);
      const meterChanged = input.meter !== undefined && !sameValue(input.meter, current.meter);
      await this.plans.removeTargetsExcept(id, updated.equipmentIds);
      const added = updated.equipmentIds.filter((equipmentId) => !current.equipmentIds.includes(equipmentId));
      await this.resetTargets(updated, calendarChanged || meterChanged ? updated.equipmentIds : added, { calendarChanged, meterChanged });
      return updated;
    });
    return this.present(principal, row);
  }

  /** Deleting keeps the plan's history: generated work orders and occurrences stay; generation stops. */
  async remove(principal: Principal, id: string, expectedVersion?: number | readonly number[]): Promise<void> {
    await this.database.transaction(async () => {
      const current = await this.require(principal, id, true);
      assertVersion(expectedVersion, current.version, 'This PM plan');
      if (!(await this.plans.update(principal.organizationId, id, current.version, { deletedAt: new Date(), status: 'PAUSED' }))) {
        throw concurrentChange('This PM plan');
      }
    });
  }

  /**
   * Generates what is due now for the caller's organization (the scheduled job does this every
   * minute). A run reads every active plan's targets, so it may take seconds; requests that come
   * while one runs share the next run rather than each queueing a run of their own behind it: per
   * organization and instance, at most one runs and one waits, whatever the number of requests.
   * Every request is answered by a run that started after it came, with what that run made.
   */
  async runNow(principal: Principal): Promise<{ generatedWorkOrderIds: string[] }> {
    return { generatedWorkOrderIds: await this.manualRuns.next(principal.organizationId) };
  }

  private async present(principal: Principal, row: PmPlanRow): Promise<PmPlan> {
    const [targets, timezone] = await Promise.all([this.plans.targets([row.id]), this.plans.timezoneOf(principal.organizationId)]);
    return toPmPlan(row, targets, timezone);
  }

  private async require(principal: Principal, id: string, lock = false): Promise<PmPlanRow> {
    const row = await this.plans.find(principal.organizationId, id, { lock });
    if (!row) throw AppError.notFound('PM plan');
    return row;
  }

  /** New targets start at the first occurrence from today on; an edited trigger restarts them. */
  private async resetTargets(
    plan: PmPlanRow,
    equipmentIds: string[],
    changed: { calendarChanged: boolean; meterChanged: boolean } = { calendarChanged: true, meterChanged: true },
  ) {
    if (equipmentIds.length === 0) return;
    const timezone = await this.plans.timezoneOf(plan.organizationId);
    const today = localDateOf(new Date(), timezone);
    const start = this.generator.initialTarget(plan, today);
    const meterBase = plan.meter ? (plan.meter.startsAt ?? (await this.plans.meterValue(plan.meter.meterId))) : null;
    const existing = new Map((await this.plans.targets([plan.id])).map((target) => [target.equipmentId, target]));
    for (const equipmentId of equipmentIds) {
      if (!existing.has(equipmentId)) {
        await this.plans.upsertTargets([{ planId: plan.id, equipmentId, organizationId: plan.organizationId, ...start, meterBase }]);
        continue;
      }
      await this.plans.updateTarget(plan.id, equipmentId, {
        ...(changed.calendarChanged ? start : {}),
        ...(changed.meterChanged ? { meterBase } : {}),
      });
    }
  }

  /** A meter trigger counts one piece of equipment's usage: a PATCH of either side alone must not split them. */
  private async assertMeterOnEquipment(principal: Principal, meterId: string, equipmentIds: string[], path: string): Promise<void> {
    const meter = await this.plans.meterOn(principal.organizationId, meterId);
    if (meter && !equipmentIds.includes(meter.equipmentId)) {
      throw AppError.validation([{ path, message: 'the meter must be on the plan’s equipment' }]);
    }
  }

  /** `equipmentIds` (some of `listed`, whose indexes the errors name) must not be RETIRED. */
  private async assertInService(principal: Principal, equipmentIds: readonly string[], listed: readonly string[]): Promise<void> {
    const retired = await this.plans.retiredAmong(principal.organizationId, equipmentIds);
    if (retired.length === 0) return;
    throw AppError.validation(
      retired.map((row) => ({
        path: `equipmentIds.${listed.indexOf(row.id)}`,
        message: `${row.equipmentNumber} (${row.name}) is RETIRED: no new work can be planned on it`,
      })),
    );
  }

  private async assertReferences(principal: Principal, input: UpdatePmPlan): Promise<void> {
    const org = principal.organizationId;
    const errors: FieldError[] = [];
    if (input.equipmentIds) {
      const found = new Set(await this.plans.equipmentExists(org, input.equipmentIds));
      input.equipmentIds.forEach((equipmentId, index) => {
        if (!found.has(equipmentId)) errors.push({ path: `equipmentIds.${index}`, message: 'no such equipment in your organization' });
      });
    }
    if (input.meter) {
      const meter = await this.plans.meterOn(org, input.meter.meterId);
      if (!meter) errors.push({ path: 'meter.meterId', message: 'no such meter in your organization' });
      else if (input.equipmentIds && !input.equipmentIds.includes(meter.equipmentId)) {
        errors.push({ path: 'meter.meterId', message: 'the meter must be on the plan’s equipment' });
      } else if (input.meter.every !== undefined && meter.kind !== 'COUNTER') {
        errors.push({ path: 'meter.every', message: 'every-N triggers need a COUNTER meter' });
      }
    }
    if (input.calendar?.rrule) {
      const problem = validateRrule(input.calendar.rrule);
      if (problem) errors.push({ path: 'calendar.rrule', message: problem });
      else if (nthOccurrence(input.calendar, 0) === null) {
        errors.push({ path: 'calendar', message: 'this rule has no occurrence from its start date (before its end)' });
      }
    }
    for (const [index, line] of (input.template?.parts ?? []).entries()) {
      if (!(await this.parts.find(org, line.partId)))
        errors.push({ path: `template.parts.${index}.partId`, message: 'no such part in your organization' });
    }
    if (errors.length > 0) throw AppError.validation(errors);
  }
}
