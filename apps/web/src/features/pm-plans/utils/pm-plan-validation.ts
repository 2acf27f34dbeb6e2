import { CreatePmPlan, type MeterKind, UpdatePmPlan, type z } from '@msched/contracts';
import { type FieldErrors, fieldErrorsFrom } from '@/lib/form-errors';
import { labelsFromText, numberOrNull, numberOrUndefined, skillsFromText } from '@/lib/form-text';
import type { CalendarFormValues, MeterFormValues, PmPlanFormValues, TemplateFormValues } from './pm-plan-form';
import { rruleProblem } from './rrule-check';

export type Validated<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

function templatePayload(template: TemplateFormValues) {
  return {
    title: template.title,
    description: template.description.trim() || null,
    type: template.type,
    priority: template.priority,
    estimatedDuration: numberOrNull(template.estimatedDuration),
    requiredSkills: skillsFromText(template.requiredSkills),
    crewSize: numberOrUndefined(template.crewSize),
    requiresDowntime: template.requiresDowntime,
    avoidEarly: template.avoidEarly,
    // The list as sent, so a message at `template.conflictGroups.N` names the Nth one shown.
    conflictGroups: labelsFromText(template.conflictGroups),
    tasks: template.tasks
      .filter((task) => task.title.trim())
      .map((task) => ({
        title: task.title,
        ...(task.description ? { description: task.description } : {}),
        ...(task.minutes.trim() ? { estimatedDuration: Number(task.minutes) } : {}),
      })),
    parts: template.parts.map((line) => ({ partId: line.partId || undefined, quantity: numberOrUndefined(line.quantity) })),
  };
}

function calendarPayload(calendar: CalendarFormValues) {
  if (!calendar.enabled) return null;
  const rule = calendar.kind === 'rrule' ? { rrule: calendar.rrule } : { every: numberOrUndefined(calendar.every), unit: calendar.unit };
  return { ...rule, startsOn: calendar.startsOn || undefined, endsOn: calendar.endsOn || null, mode: calendar.mode };
}

function meterPayload(meter: MeterFormValues) {
  if (!meter.enabled) return null;
  const numbers = { every: meter.every, startsAt: meter.startsAt, above: meter.above, below: meter.below };
  return {
    meterId: meter.meterId || undefined,
    ...Object.fromEntries(
      Object.entries(numbers)
        .filter(([, text]) => text.trim() !== '')
        .map(([key, text]) => [key, Number(text)]),
    ),
  };
}

/** The form as the contract's fields (before validation). */
export function planPayloadOf(values: PmPlanFormValues) {
  return {
    name: values.name,
    description: values.description.trim() || null,
    equipmentIds: values.equipmentIds,
    template: templatePayload(values.template),
    calendar: calendarPayload(values.calendar),
    meter: meterPayload(values.meter),
    leadDays: numberOrUndefined(values.leadDays),
    window: { gracePercent: numberOrUndefined(values.window.gracePercent), graceMaxDays: numberOrUndefined(values.window.graceMaxDays) },
    holidayRule: values.holidayRule,
    catchUp: values.catchUp,
    status: values.status,
  };
}

const MESSAGES: Record<string, string> = {
  equipmentIds: 'Choose at least one piece of equipment',
  'calendar.every': 'A whole number from 1 to 1000',
  'calendar.startsOn': 'Choose the first day the plan counts from',
  'meter.meterId': 'Choose the meter to follow',
  'template.crewSize': 'Between 1 and 3 technicians',
};

const MINUTES = 'Whole minutes, from 0 to 525,600 (a year)';
const DAYS = 'Whole days, from 0 to 365';

/** What the contract's range checks (too small, too big, not whole) mean, by field; `N` stands for a list index. */
const RANGE_MESSAGES: Record<string, string> = {
  leadDays: DAYS,
  'window.gracePercent': 'A percentage from 0 to 100',
  'window.graceMaxDays': DAYS,
  'template.estimatedDuration': MINUTES,
  'template.tasks.N.estimatedDuration': MINUTES,
  'template.parts.N.quantity': 'A whole number from 1 to 100,000',
  'meter.every': 'A number, at least 0.001',
  'meter.startsAt': 'A number, 0 or more',
};

/**
 * The messages to show instead of the schema's own ("Too small: expected number to be >=0"):
 * the fixed ones, and a range message for each field whose range is broken. A rule across
 * fields (a `custom` issue, such as "give every, above or below") keeps its own words.
 */
function plainMessages(error: z.ZodError): Record<string, string> {
  const messages = { ...MESSAGES };
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    const range = issue.code === 'custom' ? undefined : RANGE_MESSAGES[path.replace(/\.\d+(?=\.|$)/g, '.N')];
    if (range) messages[path] ??= range;
  }
  return messages;
}

/** What the contract cannot know from the form alone: the RRULE's shape, and the meter's kind. */
function extraProblems(values: PmPlanFormValues, meterKind: MeterKind | undefined): FieldErrors {
  const errors: FieldErrors = {};
  // The contract's plan-wide rules, repeated so they show together with the field messages
  // (zod checks them only once every field is valid).
  if (!values.calendar.enabled && !values.meter.enabled) errors.calendar = 'A plan needs a calendar or a meter trigger (or both)';
  if (values.meter.enabled && values.equipmentIds.length > 1) {
    errors.equipmentIds = 'A meter trigger belongs to one piece of equipment: choose exactly one';
  }
  if (values.calendar.enabled && values.calendar.kind === 'rrule') {
    const problem = rruleProblem(values.calendar.rrule);
    if (problem) errors['calendar.rrule'] = problem;
    if (values.calendar.mode === 'FLOATING') errors['calendar.mode'] = 'An RRULE plan is fixed: its dates do not move with completions';
  }
  const { startsOn, endsOn } = values.calendar;
  if (values.calendar.enabled && startsOn && endsOn && endsOn < startsOn) errors['calendar.endsOn'] = 'Must not be before the start date';
  if (values.meter.enabled && values.meter.every.trim() && meterKind === 'GAUGE') {
    errors['meter.every'] = 'Every-N triggers need a counter meter; use above or below for a gauge';
  }
  return errors;
}

/** Whole-form check with the contract's CreatePmPlan (its defaults for what is left blank). */
function check(values: PmPlanFormValues, meterKind?: MeterKind) {
  const parsed = CreatePmPlan.safeParse(planPayloadOf(values));
  const errors = {
    ...(parsed.success ? {} : fieldErrorsFrom(parsed.error, plainMessages(parsed.error))),
    ...extraProblems(values, meterKind),
  };
  if (errors['calendar.rrule'] || errors['calendar.mode']) errors.calendar ??= errors['calendar.rrule'] ?? errors['calendar.mode']!;
  return parsed.success && Object.keys(errors).length === 0 ? { ok: true as const, body: parsed.data } : { ok: false as const, errors };
}

/** A new plan, checked as the server will check it; range messages in plain words (`plainMessages`). */
export function validateCreate(values: PmPlanFormValues, meterKind?: MeterKind): Validated<CreatePmPlan> {
  return check(values, meterKind);
}

/** Only the top-level fields that differ from `base` (the version edited), checked with UpdatePmPlan. */
export function validateUpdate(values: PmPlanFormValues, base: PmPlanFormValues, meterKind?: MeterKind): Validated<UpdatePmPlan> {
  const now = check(values, meterKind);
  if (!now.ok) return now;
  const before = CreatePmPlan.safeParse(planPayloadOf(base));
  const previous: Record<string, unknown> = before.success ? before.data : planPayloadOf(base);
  const changes = Object.fromEntries(
    Object.entries(now.body).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(previous[key])),
  );
  const parsed = UpdatePmPlan.safeParse(changes);
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, errors: fieldErrorsFrom(parsed.error, plainMessages(parsed.error)) };
}
