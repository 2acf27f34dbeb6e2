import { IsoDateTime, Minutes, PageQuery, Uuid, optionalText, paged, text } from './common';
import { Priority } from './enums';
import { ConflictGroups, RequiredSkill } from './work-orders';
import { z } from './zod';

/**
 * Preventive-maintenance plans: a work-order template plus calendar and/or meter triggers,
 * generating each occurrence's work order exactly once.
 */

/** A calendar date (no time): the organization's local day. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  .refine((value) => {
    const [year, month, day] = value.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return year >= 1900 && year <= 2200 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, 'must be a real calendar date between 1900 and 2200')
  .openapi({ example: '2026-12-01' });
export type LocalDate = z.infer<typeof LocalDate>;

export const CALENDAR_UNITS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
export const CalendarUnit = z.enum(CALENDAR_UNITS).openapi('CalendarUnit');
export type CalendarUnit = z.infer<typeof CalendarUnit>;

export const SCHEDULE_MODES = ['FIXED', 'FLOATING'] as const;
export const ScheduleMode = z.enum(SCHEDULE_MODES).openapi('ScheduleMode', {
  description: 'FIXED: the next due date counts from the previous due date. FLOATING: from the previous completion.',
});
export type ScheduleMode = z.infer<typeof ScheduleMode>;

export const HOLIDAY_RULES = ['NONE', 'PREVIOUS_WORKING_DAY', 'NEXT_WORKING_DAY', 'SKIP'] as const;
export const HolidayRule = z.enum(HOLIDAY_RULES).openapi('HolidayRule', {
  description: 'What happens to a due date on a non-working day (a holiday of the organization calendar, or a weekend day it lists).',
});
export type HolidayRule = z.infer<typeof HolidayRule>;

export const CATCH_UP_POLICIES = ['ALL', 'LATEST'] as const;
export const CatchUpPolicy = z.enum(CATCH_UP_POLICIES).openapi('CatchUpPolicy', {
  description: 'After downtime: generate every missed occurrence (at most 52 per run), or only the latest one.',
});
export type CatchUpPolicy = z.infer<typeof CatchUpPolicy>;

export const PM_PLAN_STATUSES = ['ACTIVE', 'PAUSED'] as const;
export const PmPlanStatus = z.enum(PM_PLAN_STATUSES).openapi('PmPlanStatus');
export type PmPlanStatus = z.infer<typeof PmPlanStatus>;

export const PM_WORK_ORDER_TYPES = ['PREVENTIVE', 'INSPECTION'] as const;

export const CalendarTrigger = z
  .object({
    every: z.number().int().min(1).max(1000).optional(),
    unit: CalendarUnit.optional(),
    rrule: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .openapi({ description: 'An RFC 5545 RRULE (e.g. `FREQ=MONTHLY;BYDAY=1MO`) instead of every/unit; FIXED plans only.' }),
    startsOn: LocalDate,
    endsOn: LocalDate.nullish(),
    mode: ScheduleMode.default('FIXED'),
  })
  .strict()
  .refine((trigger) => (trigger.rrule === undefined) === (trigger.every !== undefined && trigger.unit !== undefined), {
    message: 'give either every and unit, or rrule',
    path: ['every'],
  })
  .refine((trigger) => !trigger.rrule || trigger.mode === 'FIXED', { message: 'an rrule plan is FIXED', path: ['mode'] })
  .refine((trigger) => !trigger.endsOn || trigger.endsOn >= trigger.startsOn, { message: 'must not be before startsOn', path: ['endsOn'] })
  .openapi('CalendarTrigger');
export type CalendarTrigger = z.infer<typeof CalendarTrigger>;

export const MeterTrigger = z
  .object({
    meterId: Uuid,
    every: z
      .number()
      // Finer steps than a thousandth of a unit overflow the count of intervals a reading passes.
      .min(0.001)
      .max(1e12)
      .optional()
      .openapi({ description: 'Every N units of a COUNTER meter (e.g. 500 operating hours).' }),
    startsAt: z
      .number()
      .min(0)
      .max(1e15)
      .optional()
      .openapi({ description: 'Counter value the first interval counts from; default the current reading.' }),
    above: z.number().finite().optional().openapi({ description: 'Condition: a reading above this value.' }),
    below: z.number().finite().optional().openapi({ description: 'Condition: a reading below this value.' }),
  })
  .strict()
  .refine((trigger) => trigger.every !== undefined || trigger.above !== undefined || trigger.below !== undefined, {
    message: 'give every, above or below',
    path: ['every'],
  })
  .openapi('MeterTrigger');
export type MeterTrigger = z.infer<typeof MeterTrigger>;

export const ComplianceWindow = z
  .object({
    gracePercent: z.number().min(0).max(100).default(20),
    graceMaxDays: z.number().int().min(0).max(365).default(28),
  })
  .strict()
  .openapi('ComplianceWindow', {
    description: 'A PM is compliant when completed by its due date plus gracePercent % of the interval, at most graceMaxDays (SMRP).',
  });
export type ComplianceWindow = z.infer<typeof ComplianceWindow>;

export const PartToReserve = z.object({ partId: Uuid, quantity: z.number().int().min(1).max(100_000) }).strict();

export const WorkOrderTemplate = z
  .object({
    title: text(300),
    description: optionalText(10_000),
    type: z.enum(PM_WORK_ORDER_TYPES).default('PREVENTIVE'),
    priority: Priority.default('MEDIUM'),
    estimatedDuration: Minutes.nullish(),
    requiredSkills: z.array(RequiredSkill).max(20).default([]),
    crewSize: z.number().int().min(1).max(3).default(1),
    requiresDowntime: z.boolean().default(false).openapi({
      description: "The work needs the equipment down: it is booked only inside the equipment's maintenance windows.",
    }),
    conflictGroups: ConflictGroups.default([]),
    avoidEarly: z.boolean().default(false).openapi({
      description:
        'Do not do the work well before its due date (the interval is the point: lubrication, calibration): the optimizer plans it to end close to the due date, counting each minute it would end early.',
    }),
    tasks: z
      .array(z.object({ title: text(300), description: optionalText(4000), estimatedDuration: Minutes.nullish() }).strict())
      .max(200)
      .default([]),
    parts: z.array(PartToReserve).max(50).default([]),
  })
  .strict()
  .openapi('WorkOrderTemplate');
export type WorkOrderTemplate = z.infer<typeof WorkOrderTemplate>;

const planFields = {
  name: text(200),
  description: optionalText(4000),
  equipmentIds: z.array(Uuid).min(1).max(200),
  template: WorkOrderTemplate,
  calendar: CalendarTrigger.nullish(),
  meter: MeterTrigger.nullish(),
  leadDays: z.number().int().min(0).max(365),
  window: ComplianceWindow,
  holidayRule: HolidayRule,
  catchUp: CatchUpPolicy,
  status: PmPlanStatus,
};

export const CreatePmPlan = z
  .object({
    ...planFields,
    leadDays: planFields.leadDays.default(0),
    window: planFields.window.default({ gracePercent: 20, graceMaxDays: 28 }),
    holidayRule: planFields.holidayRule.default('NONE'),
    catchUp: planFields.catchUp.default('LATEST'),
    status: planFields.status.default('ACTIVE'),
  })
  .strict()
  .refine((plan) => plan.calendar || plan.meter, { message: 'a plan needs a calendar or a meter trigger (or both)', path: ['calendar'] })
  .refine((plan) => !plan.meter || plan.equipmentIds.length === 1, {
    message: 'a meter trigger belongs to one piece of equipment: give exactly one equipmentId',
    path: ['equipmentIds'],
  })
  .openapi('CreatePmPlan');
export type CreatePmPlan = z.infer<typeof CreatePmPlan>;

/** Any subset of the fields; changes apply to occurrences not generated yet. */
export const UpdatePmPlan = z.object(planFields).partial().strict().openapi('UpdatePmPlan');
export type UpdatePmPlan = z.infer<typeof UpdatePmPlan>;

export const PmPlanTarget = z.object({
  equipmentId: Uuid,
  nextDueAt: IsoDateTime.nullable().openapi({ description: 'Next calendar due date (null: none, or waiting for a completion).' }),
  lastGeneratedAt: IsoDateTime.nullable(),
  lastCompletedAt: IsoDateTime.nullable(),
  meterBase: z.number().nullable().openapi({ description: 'Counter value the current meter interval counts from.' }),
  openWorkOrderId: Uuid.nullable(),
});
export type PmPlanTarget = z.infer<typeof PmPlanTarget>;

export const PmPlan = z
  .object({
    id: Uuid,
    name: z.string(),
    description: z.string().nullable(),
    equipmentIds: z.array(Uuid),
    template: WorkOrderTemplate,
    calendar: CalendarTrigger.nullable(),
    meter: MeterTrigger.nullable(),
    leadDays: z.number().int(),
    window: ComplianceWindow,
    holidayRule: HolidayRule,
    catchUp: CatchUpPolicy,
    status: PmPlanStatus,
    targets: z.array(PmPlanTarget),
    version: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .openapi('PmPlan');
export type PmPlan = z.infer<typeof PmPlan>;

export const PmPlanListQuery = PageQuery.extend({ equipmentId: Uuid.optional(), status: PmPlanStatus.optional() });
export type PmPlanListQuery = z.infer<typeof PmPlanListQuery>;
export const PmPlanPage = paged(PmPlan).openapi('PmPlanPage');

// ---------------------------------------------------------------------------------------------
// Meters

export const METER_KINDS = ['COUNTER', 'GAUGE'] as const;
export const MeterKind = z.enum(METER_KINDS).openapi('MeterKind', {
  description: 'COUNTER only grows (operating hours, cycles) unless replaced; GAUGE is a level (temperature, wear).',
});
export type MeterKind = z.infer<typeof MeterKind>;

export const CreateMeter = z
  .object({ name: text(100), unit: text(30), kind: MeterKind.default('COUNTER') })
  .strict()
  .openapi('CreateMeter');
export type CreateMeter = z.infer<typeof CreateMeter>;

export const Meter = z
  .object({
    id: Uuid,
    equipmentId: Uuid,
    name: z.string(),
    unit: z.string(),
    kind: MeterKind,
    lastValue: z.number().nullable(),
    lastReadAt: IsoDateTime.nullable(),
    createdAt: IsoDateTime,
  })
  .openapi('Meter');
export type Meter = z.infer<typeof Meter>;

export const MeterReadingInput = z
  .object({
    value: z.number().finite().min(-1e15).max(1e15),
    readAt: IsoDateTime.optional().openapi({ description: 'Default: now. Not before 2000-01-01, not more than 5 minutes in the future.' }),
    replacement: z.boolean().default(false).openapi({ description: 'The meter was replaced or reset: a lower counter value is accepted.' }),
  })
  .strict();
export type MeterReadingInput = z.infer<typeof MeterReadingInput>;

/** One reading, or `{ readings: [...] }` (up to 1,000). The same meter and time twice is stored once. */
export const MeterReadingsRequest = z
  .union([MeterReadingInput, z.object({ readings: z.array(MeterReadingInput).min(1).max(1000) }).strict()])
  .openapi('MeterReadingsRequest');
export type MeterReadingsRequest = z.infer<typeof MeterReadingsRequest>;

export const MeterReading = z
  .object({ id: Uuid, meterId: Uuid, value: z.number(), readAt: IsoDateTime, replacement: z.boolean(), createdAt: IsoDateTime })
  .openapi('MeterReading');
export type MeterReading = z.infer<typeof MeterReading>;

export const MeterReadingsResult = z
  .object({
    accepted: z.number().int(),
    duplicates: z.number().int(),
    meter: Meter,
    generatedWorkOrderIds: z.array(Uuid),
  })
  .openapi('MeterReadingsResult');
export type MeterReadingsResult = z.infer<typeof MeterReadingsResult>;

export const MeterReadingsQuery = PageQuery.extend({ from: IsoDateTime.optional(), to: IsoDateTime.optional() });
export type MeterReadingsQuery = z.infer<typeof MeterReadingsQuery>;
export const MeterReadingPage = paged(MeterReading).openapi('MeterReadingPage');

// ---------------------------------------------------------------------------------------------
// Organization calendar

export const CreateHoliday = z
  .object({ date: LocalDate, name: text(200) })
  .strict()
  .openapi('CreateHoliday');
export type CreateHoliday = z.infer<typeof CreateHoliday>;
export const Holiday = z.object({ id: Uuid, date: LocalDate, name: z.string() }).openapi('Holiday');
export type Holiday = z.infer<typeof Holiday>;
export const HolidayListQuery = z.object({ from: LocalDate.optional(), to: LocalDate.optional() });
export type HolidayListQuery = z.infer<typeof HolidayListQuery>;

// ---------------------------------------------------------------------------------------------
// Forecast and compliance

/** Dates run to the end of 9999; a forecast looks days beyond its range and a year past its due dates. */
const FORECAST_END = Date.parse('9999-01-01T00:00:00Z');
export const ForecastQuery = z
  .object({ from: IsoDateTime, to: IsoDateTime })
  .refine((range) => Date.parse(range.to) > Date.parse(range.from), { message: 'to must be after from', path: ['to'] })
  .refine((range) => Date.parse(range.to) - Date.parse(range.from) <= 366 * 86_400_000, {
    message: 'the range may span at most 366 days',
    path: ['to'],
  })
  .refine((range) => Date.parse(range.to) <= FORECAST_END, { message: 'a forecast reaches no later than 9999-01-01', path: ['to'] });
export type ForecastQuery = z.infer<typeof ForecastQuery>;

export const ForecastOccurrence = z.object({
  planId: Uuid,
  planName: z.string(),
  equipmentId: Uuid,
  dueAt: IsoDateTime,
  windowEnd: IsoDateTime,
  source: z.enum(['calendar', 'meter']),
  estimatedHours: z.number(),
  crewSize: z.number().int(),
  requiredSkills: z.array(z.object({ skill: z.string(), minLevel: z.number().int() })),
});
export type ForecastOccurrence = z.infer<typeof ForecastOccurrence>;

export const ForecastWeek = z.object({
  weekStart: IsoDateTime,
  loadHours: z.number().openapi({ description: 'Estimated hours × crew size of the occurrences due that week.' }),
  capacityHours: z.number().openapi({ description: 'Shift hours of active technicians that week (availability pattern and exceptions).' }),
  bySkill: z.array(z.object({ skill: z.string(), loadHours: z.number(), capacityHours: z.number() })),
});
export type ForecastWeek = z.infer<typeof ForecastWeek>;

export const PmForecast = z
  .object({
    from: IsoDateTime,
    to: IsoDateTime,
    occurrences: z.array(ForecastOccurrence),
    weeks: z.array(ForecastWeek),
    backlogWeeks: z.number().openapi({ description: 'Open work (estimated hours) ÷ average weekly capacity in the range.' }),
  })
  .openapi('PmForecast');
export type PmForecast = z.infer<typeof PmForecast>;

export const PmCompliance = z
  .object({
    from: IsoDateTime,
    to: IsoDateTime,
    due: z.number().int(),
    completedInWindow: z.number().int(),
    rate: z.number().nullable().openapi({ description: 'completedInWindow ÷ due × 100; null when nothing was due.' }),
    rule: z.string(),
  })
  .openapi('PmCompliance');
export type PmCompliance = z.infer<typeof PmCompliance>;
