import type {
  AnalyticsOverview,
  AnalyticsOverviewQuery,
  BacklogFigures,
  EquipmentTypeReliability,
  PmCompliancePoint,
  TechnicianUtilization,
} from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { requirePermission } from '../../platform/auth/access-policy';
import type { Principal } from '../../platform/auth/principal';
import { ReadThroughCache, generationKeys } from '../../platform/cache/read-through-cache';
import { Database } from '../../platform/db/database';
import { workOrders } from '../../platform/db/schema';
import { iso } from '../../platform/http/mapping';
import { PmForecastRepository, type TechnicianCalendarRow } from '../pm-plans/pm-forecast.repository';
import { backlogWeeks, pmComplianceOf } from '../pm-plans/pm-forecast';
import { ReliabilityService } from '../predictive/reliability.service';
import { type TimeRange, availableHours, clippedHours } from '../technicians/availability-calendar';
import { WorkOrderStatsRepository } from '../work-orders/work-order-stats.repository';
import { AnalyticsRepository, type Booking } from './analytics.repository';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Backlog is measured against the crew time of the next 4 weeks (one week alone swings with leave). */
const CAPACITY_WEEKS = 4;
/** Utilization covers the coming week, as a technician's schedule does by default. */
const UTILIZATION_DAYS = 7;
/** Like the dashboard: at most a minute old, and dropped on any change to work or reference data. */
const OVERVIEW_TTL_SECONDS = 60;

const round2 = (value: number) => Math.round(value * 100) / 100;
const percent = (part: number, whole: number) => (whole > 0 ? round2((part / whole) * 100) : 0);

/**
 * The manager's overview: figures a dashboard draws, organization-wide, as of now.
 *
 * - Backlog in weeks: Σ estimated duration × crew size of the open work (OPEN … PENDING_APPROVAL,
 *   hours; work without an estimate is counted apart) ÷ the average weekly shift hours of the
 *   active technicians over the next 4 weeks (their calendars: pattern, leave, extra time).
 * - Overdue trend: at now and 7, 14, … days before it, the work orders created by then, due
 *   before it and not finished by then (AnalyticsRepository.overdueAt says when one finished).
 *   The last point is the dashboard's overdue count.
 * - PM compliance trend: the SMRP rule (PM_COMPLIANCE_RULE) over the 7 days before each point.
 * - Utilization over [now, now + 7 days): booked hours ÷ shift hours × 100, with the same
 *   bookings and calendar arithmetic as `GET /technicians/:id/schedule`.
 * - MTBF / MTTR per equipment type: the predictive module's reliability of the type (lives and
 *   repairs from finished CORRECTIVE/EMERGENCY work with a failure mode), not derived again here.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly database: Database,
    private readonly analytics: AnalyticsRepository,
    private readonly stats: WorkOrderStatsRepository,
    private readonly forecast: PmForecastRepository,
    private readonly reliability: ReliabilityService,
    private readonly cache: ReadThroughCache,
  ) {}

  overview(principal: Principal, query: AnalyticsOverviewQuery): Promise<AnalyticsOverview> {
    requirePermission(principal, 'analytics.read');
    const organizationId = principal.organizationId;
    return this.cache.read(
      {
        namespace: 'analytics-overview',
        key: `${organizationId}:${query.weeks}`,
        generations: [generationKeys.workOrders(organizationId), generationKeys.reference(organizationId)],
        ttlSeconds: OVERVIEW_TTL_SECONDS,
      },
      () => this.database.read(() => this.compute(organizationId, query.weeks, new Date())),
    );
  }

  private async compute(organizationId: string, weeks: number, now: Date): Promise<AnalyticsOverview> {
    const points = Array.from({ length: weeks }, (_, index) => new Date(now.getTime() - (weeks - 1 - index) * WEEK_MS));
    const capacityRange = { start: now, end: new Date(now.getTime() + CAPACITY_WEEKS * WEEK_MS) };
    const utilizationRange = { start: now, end: new Date(now.getTime() + UTILIZATION_DAYS * DAY_MS) };
    const [crew, backlog, overdue, pmCompliance, utilization] = await Promise.all([
      this.forecast.technicianCalendars(organizationId, capacityRange.start, capacityRange.end),
      this.backlogCounts(organizationId),
      this.analytics.overdueAt(organizationId, points),
      this.pmComplianceTrend(organizationId, points),
      this.utilizationInputs(organizationId, utilizationRange),
    ]);
    const crewHours = crew.reduce((sum, technician) => sum + availableHours(calendarOf(technician), capacityRange), 0);
    const backlogFigures: BacklogFigures = {
      openWorkOrders: backlog.open,
      withoutEstimate: backlog.withoutEstimate,
      openEstimatedHours: round2(backlog.minutes / 60),
      weeklyCrewHours: round2(crewHours / CAPACITY_WEEKS),
      backlogWeeks: backlogWeeks(backlog.minutes / 60, crewHours, CAPACITY_WEEKS * WEEK_MS),
      capacityFrom: iso(capacityRange.start),
      capacityTo: iso(capacityRange.end),
    };
    return {
      generatedAt: iso(now),
      weeks,
      backlog: backlogFigures,
      overdueTrend: points.map((at) => ({ at: iso(at), overdue: overdue.get(at.getTime()) ?? 0 })),
      pmComplianceTrend: pmCompliance,
      utilization: {
        start: iso(utilizationRange.start),
        end: iso(utilizationRange.end),
        technicians: utilizationOf(crew, utilization.names, utilization.bookings, utilizationRange),
      },
      reliabilityByType: await this.reliabilityByType(organizationId, now),
    };
  }

  private async backlogCounts(organizationId: string) {
    const [counts, minutes] = await Promise.all([
      this.analytics.openWorkCounts(organizationId),
      this.forecast.openWorkMinutes(organizationId),
    ]);
    return { ...counts, minutes };
  }

  private pmComplianceTrend(organizationId: string, points: readonly Date[]): Promise<PmCompliancePoint[]> {
    const organization = eq(workOrders.organizationId, organizationId);
    return Promise.all(
      points.map(async (to) => {
        const from = new Date(to.getTime() - WEEK_MS);
        const { rule: _rule, ...figures } = pmComplianceOf(await this.stats.pmComplianceCounts(organization, from, to), from, to);
        return figures;
      }),
    );
  }

  private async utilizationInputs(organizationId: string, range: TimeRange) {
    const [names, bookings] = await Promise.all([
      this.analytics.activeTechnicians(organizationId),
      this.analytics.bookings(organizationId, range.start, range.end),
    ]);
    return { names, bookings };
  }

  private async reliabilityByType(organizationId: string, now: Date): Promise<EquipmentTypeReliability[]> {
    return (await this.reliability.ofEveryType(organizationId, now)).map((reliability) => ({
      equipmentType: reliability.equipmentType,
      equipmentCount: reliability.equipmentCount,
      failures: reliability.failures.length,
      mtbfHours: reliability.stats.mtbf === null ? null : round2(reliability.stats.mtbf),
      mttrHours: reliability.stats.mttr === null ? null : round2(reliability.stats.mttr),
    }));
  }
}

const calendarOf = (technician: TechnicianCalendarRow) => ({
  timezone: technician.timezone,
  weeklyPattern: technician.weeklyPattern,
  exceptions: technician.exceptions,
});

/** Per active technician: booked hours (overlaps once, clipped to the range) ÷ shift hours. */
function utilizationOf(
  crew: readonly TechnicianCalendarRow[],
  names: readonly { id: string; firstName: string; lastName: string }[],
  bookings: readonly Booking[],
  range: TimeRange,
): TechnicianUtilization[] {
  const calendars = new Map(crew.map((technician) => [technician.id, technician]));
  return names
    .map((technician) => {
      const calendar = calendars.get(technician.id);
      const scheduled = clippedHours(
        bookings.filter((booking) => booking.technicianId === technician.id),
        range,
      );
      const available = calendar ? availableHours(calendarOf(calendar), range) : 0;
      return {
        technicianId: technician.id,
        name: `${technician.firstName} ${technician.lastName}`,
        scheduledHours: round2(scheduled),
        availableHours: round2(available),
        utilization: percent(scheduled, available),
      };
    })
    .sort((a, b) => b.utilization - a.utilization || a.name.localeCompare(b.name));
}
