import type { DateRangeQuery, TechnicianPerformance, TechnicianSchedule } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { canSeeTechnician } from '../../platform/auth/access-policy';
import type { Principal } from '../../platform/auth/principal';
import { ReadThroughCache, generationKeys } from '../../platform/cache/read-through-cache';
import { Database } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { WorkOrderRelations } from '../work-orders/work-order-relations';
import { WorkOrderStatsRepository } from '../work-orders/work-order-stats.repository';
import { toWorkOrder } from '../work-orders/work-order.mapper';
import { type AvailabilityInput, type TimeRange, availableHours, clippedHours } from './availability-calendar';
import { TechniciansRepository } from './technicians.repository';

const DAY_MS = 86_400_000;
const SCHEDULE_TTL_SECONDS = 1800;
const PERFORMANCE_TTL_SECONDS = 600;

/** Rounds figures for people: two decimals. */
const round2 = (value: number) => Math.round(value * 100) / 100;
const percent = (part: number, whole: number) => (whole > 0 ? round2((part / whole) * 100) : 0);

/**
 * A technician's schedule and performance. Utilization is measured against the technician's own
 * shift calendar (weekly pattern and dated exceptions, in their timezone), not against
 * wall-clock hours: 40 booked hours in a 40-hour week is 100 %.
 */
@Injectable()
export class TechnicianMetricsService {
  constructor(
    private readonly database: Database,
    private readonly technicians: TechniciansRepository,
    private readonly stats: WorkOrderStatsRepository,
    private readonly relations: WorkOrderRelations,
    private readonly cache: ReadThroughCache,
  ) {}

  /** Defaults to the next 7 days from now. */
  async schedule(principal: Principal, technicianId: string, query: DateRangeQuery): Promise<TechnicianSchedule> {
    await this.requireVisible(principal, technicianId);
    const range = resolveRange(query, { days: 7, from: 'now' });
    return this.cache.read(
      {
        namespace: 'technician-schedule',
        key: `${technicianId}:${range.start.toISOString()}:${range.end.toISOString()}:${[...principal.roles].sort().join('+')}`,
        generations: this.generations(principal),
        ttlSeconds: SCHEDULE_TTL_SECONDS,
      },
      () =>
        this.database.read(async () => {
          const [rows, calendar] = await Promise.all([
            this.stats.scheduledWork(principal.organizationId, technicianId, range.start, range.end),
            this.calendar(technicianId),
          ]);
          const bookings = rows.map((row) => ({ start: row.scheduledStartTime!, end: row.scheduledEndTime! }));
          const totalHoursScheduled = clippedHours(bookings, range);
          const available = availableHours(calendar, range);
          return {
            technicianId,
            start: range.start.toISOString(),
            end: range.end.toISOString(),
            workOrders: await this.relations.attach(
              rows.map((row) => toWorkOrder(row, principal)),
              ['equipment'],
            ),
            totalWorkOrders: rows.length,
            totalHoursScheduled: round2(totalHoursScheduled),
            availableHours: round2(available),
            utilization: percent(totalHoursScheduled, available),
          };
        }),
    );
  }

  /** Defaults to the last 30 days up to now. */
  async performance(principal: Principal, technicianId: string, query: DateRangeQuery): Promise<TechnicianPerformance> {
    await this.requireVisible(principal, technicianId);
    const range = resolveRange(query, { days: 30, from: 'past' });
    return this.cache.read(
      {
        namespace: 'technician-performance',
        key: `${technicianId}:${range.start.toISOString()}:${range.end.toISOString()}`,
        generations: this.generations(principal),
        ttlSeconds: PERFORMANCE_TTL_SECONDS,
      },
      () =>
        this.database.read(async () => {
          const [outcomes, topEquipmentTypes, calendar] = await Promise.all([
            this.stats.technicianOutcomes(principal.organizationId, technicianId, range.start, range.end),
            this.stats.topEquipmentTypes(principal.organizationId, technicianId, range.start, range.end),
            this.calendar(technicianId),
          ]);
          return {
            technicianId,
            start: range.start.toISOString(),
            end: range.end.toISOString(),
            totalWorkOrders: outcomes.totalWorkOrders,
            completedWorkOrders: outcomes.completedWorkOrders,
            onTimeCompletionRate: percent(outcomes.completedOnTime, outcomes.completedWithDueDate),
            averageCompletionTime: round2(outcomes.averageCompletionTime),
            firstTimeFixRate: percent(outcomes.firstTimeFixes, outcomes.completedWorkOrders),
            utilizationRate: percent(outcomes.workedMinutes / 60, availableHours(calendar, range)),
            topEquipmentTypes,
          };
        }),
    );
  }

  private async calendar(technicianId: string): Promise<AvailabilityInput> {
    const found = await this.technicians.findAvailability(technicianId);
    return {
      timezone: found?.availability.timezone ?? 'UTC',
      weeklyPattern: found?.availability.weeklyPattern ?? [],
      exceptions: (found?.exceptions ?? []).map((exception) => ({
        start: exception.startsAt,
        end: exception.endsAt,
        available: exception.available,
      })),
    };
  }

  private async requireVisible(principal: Principal, technicianId: string) {
    const technician = await this.technicians.find(principal.organizationId, technicianId);
    if (!technician || !canSeeTechnician(principal, technicianId)) throw AppError.notFound('Technician');
  }

  private generations(principal: Principal) {
    return [generationKeys.workOrders(principal.organizationId), generationKeys.reference(principal.organizationId)];
  }
}

function resolveRange(query: DateRangeQuery, defaults: { days: number; from: 'now' | 'past' }): TimeRange {
  // "Now" to the minute, so repeated default-range reads within a minute share one cache entry.
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  if (query.start && query.end) return { start: new Date(query.start), end: new Date(query.end) };
  if (query.start) return { start: new Date(query.start), end: new Date(Date.parse(query.start) + defaults.days * DAY_MS) };
  if (query.end) return { start: new Date(Date.parse(query.end) - defaults.days * DAY_MS), end: new Date(query.end) };
  return defaults.from === 'now'
    ? { start: new Date(now), end: new Date(now + defaults.days * DAY_MS) }
    : { start: new Date(now - defaults.days * DAY_MS), end: new Date(now) };
}
