import { IsoDateTime, Uuid } from './common';
import { z } from './zod';

/**
 * The manager's overview (`GET /analytics/overview`): the figures the dashboard draws besides
 * `work-orders/dashboard/stats`. Every definition is stated on its field, and again in
 * apps/server/src/modules/analytics/analytics.service.ts.
 */

export const ANALYTICS_MAX_WEEKS = 52;

export const AnalyticsOverviewQuery = z.object({
  weeks: z.coerce
    .number()
    .int()
    .min(1)
    .max(ANALYTICS_MAX_WEEKS, { message: `weeks must be at most ${ANALYTICS_MAX_WEEKS}` })
    .default(8)
    .openapi({ description: 'How many weeks the trends look back (one point per week).' }),
});
export type AnalyticsOverviewQuery = z.infer<typeof AnalyticsOverviewQuery>;

export const BacklogFigures = z
  .object({
    openWorkOrders: z.number().int().openapi({ description: 'OPEN, SCHEDULED, IN_PROGRESS, ON_HOLD or PENDING_APPROVAL.' }),
    withoutEstimate: z.number().int().openapi({ description: 'Open work orders without an estimated duration: not in the hours.' }),
    openEstimatedHours: z.number().openapi({ description: 'Σ estimated duration × crew size of the open work, in hours.' }),
    weeklyCrewHours: z.number().openapi({
      description: 'Average weekly shift hours of the active technicians over the next 4 weeks (patterns, leave and extra time).',
    }),
    backlogWeeks: z.number().openapi({ description: 'openEstimatedHours ÷ weeklyCrewHours; 0 when there is no crew time.' }),
    capacityFrom: IsoDateTime,
    capacityTo: IsoDateTime,
  })
  .openapi('BacklogFigures');
export type BacklogFigures = z.infer<typeof BacklogFigures>;

export const OverduePoint = z
  .object({
    at: IsoDateTime,
    overdue: z.number().int().openapi({
      description:
        'Work orders overdue at `at`: created by then, due before it, and not yet finished (its last entry into COMPLETED, CLOSED or CANCELLED after `at`, or still open).',
    }),
  })
  .openapi('OverduePoint');
export type OverduePoint = z.infer<typeof OverduePoint>;

export const PmCompliancePoint = z
  .object({
    from: IsoDateTime,
    to: IsoDateTime,
    due: z.number().int(),
    completedInWindow: z.number().int(),
    rate: z.number().nullable().openapi({ description: 'SMRP PM compliance of the PM work due in [from, to); null when none was due.' }),
  })
  .openapi('PmCompliancePoint');
export type PmCompliancePoint = z.infer<typeof PmCompliancePoint>;

export const TechnicianUtilization = z
  .object({
    technicianId: Uuid,
    name: z.string(),
    scheduledHours: z
      .number()
      .openapi({ description: 'Hours booked in the range (SCHEDULED, IN_PROGRESS, PENDING_APPROVAL; overlaps once).' }),
    availableHours: z.number().openapi({ description: 'Shift hours in the range from the technician’s calendar.' }),
    utilization: z.number().openapi({ description: 'scheduledHours ÷ availableHours × 100; 0 without shift hours.' }),
  })
  .openapi('TechnicianUtilization');
export type TechnicianUtilization = z.infer<typeof TechnicianUtilization>;

export const EquipmentTypeReliability = z
  .object({
    equipmentType: z.string(),
    equipmentCount: z.number().int(),
    failures: z.number().int().openapi({ description: 'Finished CORRECTIVE/EMERGENCY work with a failure mode recorded.' }),
    mtbfHours: z.number().nullable(),
    mttrHours: z.number().nullable(),
  })
  .openapi('EquipmentTypeReliability');
export type EquipmentTypeReliability = z.infer<typeof EquipmentTypeReliability>;

export const AnalyticsOverview = z
  .object({
    generatedAt: IsoDateTime,
    weeks: z.number().int(),
    backlog: BacklogFigures,
    overdueTrend: z.array(OverduePoint).openapi({ description: 'One point a week, oldest first; the last is now.' }),
    pmComplianceTrend: z.array(PmCompliancePoint).openapi({ description: 'The 7 days before each overdue point, oldest first.' }),
    utilization: z.object({
      start: IsoDateTime,
      end: IsoDateTime,
      technicians: z.array(TechnicianUtilization).openapi({ description: 'Active technicians, highest utilization first.' }),
    }),
    reliabilityByType: z.array(EquipmentTypeReliability).openapi({
      description: 'Per equipment type, as `GET /predictive/reliability?equipmentType=` computes it; by type name.',
    }),
  })
  .openapi('AnalyticsOverview');
export type AnalyticsOverview = z.infer<typeof AnalyticsOverview>;
