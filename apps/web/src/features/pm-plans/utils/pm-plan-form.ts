import type {
  CalendarUnit,
  CatchUpPolicy,
  HolidayRule,
  PM_WORK_ORDER_TYPES,
  PmPlan,
  PmPlanStatus,
  Priority,
  ScheduleMode,
} from '@msched/contracts';
import { skillsText } from '@/lib/form-text';

/** A checklist item: title and minutes as typed; a description set elsewhere is kept as it is. */
export interface TaskFormValues {
  title: string;
  minutes: string;
  description: string | null;
}

/** What the plan editor holds: text as typed, turned into the contract's shape on submit. */
export interface TemplateFormValues {
  title: string;
  description: string;
  type: (typeof PM_WORK_ORDER_TYPES)[number];
  priority: Priority;
  /** Minutes, as typed. */
  estimatedDuration: string;
  /** `welding:3, electrical` (level 1 when left out). */
  requiredSkills: string;
  crewSize: string;
  /** The equipment must be down: the work is booked only inside its maintenance windows. */
  requiresDowntime: boolean;
  /** Planned to end close to its due date, not well before. */
  avoidEarly: boolean;
  /** `hot-work, crane:north`: what the work holds while it is done. */
  conflictGroups: string;
  tasks: TaskFormValues[];
  parts: { partId: string; quantity: string }[];
}

export interface CalendarFormValues {
  enabled: boolean;
  /** Every N units, or an RFC 5545 RRULE. */
  kind: 'interval' | 'rrule';
  every: string;
  unit: CalendarUnit;
  rrule: string;
  /** `YYYY-MM-DD`, as date inputs give them. */
  startsOn: string;
  endsOn: string;
  mode: ScheduleMode;
}

export interface MeterFormValues {
  enabled: boolean;
  meterId: string;
  every: string;
  startsAt: string;
  above: string;
  below: string;
}

export interface PmPlanFormValues {
  name: string;
  description: string;
  equipmentIds: string[];
  status: PmPlanStatus;
  template: TemplateFormValues;
  calendar: CalendarFormValues;
  meter: MeterFormValues;
  leadDays: string;
  window: { gracePercent: string; graceMaxDays: string };
  holidayRule: HolidayRule;
  catchUp: CatchUpPolicy;
}

const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/** A new plan: monthly from today, fixed, the contract's defaults for the rest. */
export function emptyPlanForm(startsOn = today()): PmPlanFormValues {
  return {
    name: '',
    description: '',
    equipmentIds: [],
    status: 'ACTIVE',
    template: {
      title: '',
      description: '',
      type: 'PREVENTIVE',
      priority: 'MEDIUM',
      estimatedDuration: '',
      requiredSkills: '',
      crewSize: '1',
      requiresDowntime: false,
      avoidEarly: false,
      conflictGroups: '',
      tasks: [],
      parts: [],
    },
    calendar: { enabled: true, kind: 'interval', every: '1', unit: 'MONTH', rrule: '', startsOn, endsOn: '', mode: 'FIXED' },
    meter: { enabled: false, meterId: '', every: '', startsAt: '', above: '', below: '' },
    leadDays: '0',
    window: { gracePercent: '20', graceMaxDays: '28' },
    holidayRule: 'NONE',
    catchUp: 'LATEST',
  };
}

const textOf = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

/** The editor's values for a stored plan. */
export function formValuesOf(plan: PmPlan): PmPlanFormValues {
  const empty = emptyPlanForm();
  const { template, calendar, meter } = plan;
  return {
    name: plan.name,
    description: plan.description ?? '',
    equipmentIds: [...plan.equipmentIds],
    status: plan.status,
    template: {
      title: template.title,
      description: template.description ?? '',
      type: template.type,
      priority: template.priority,
      estimatedDuration: textOf(template.estimatedDuration),
      requiredSkills: skillsText(template.requiredSkills),
      crewSize: String(template.crewSize),
      // Loaded so that a change elsewhere in the template sends them back as they were.
      requiresDowntime: template.requiresDowntime,
      avoidEarly: template.avoidEarly ?? false,
      conflictGroups: template.conflictGroups.join(', '),
      tasks: template.tasks.map((task) => ({
        title: task.title,
        minutes: textOf(task.estimatedDuration),
        description: task.description ?? null,
      })),
      parts: template.parts.map((line) => ({ partId: line.partId, quantity: String(line.quantity) })),
    },
    calendar: calendar
      ? {
          enabled: true,
          kind: calendar.rrule ? 'rrule' : 'interval',
          every: textOf(calendar.every),
          unit: calendar.unit ?? 'MONTH',
          rrule: calendar.rrule ?? '',
          startsOn: calendar.startsOn,
          endsOn: calendar.endsOn ?? '',
          mode: calendar.mode,
        }
      : { ...empty.calendar, enabled: false },
    meter: meter
      ? {
          enabled: true,
          meterId: meter.meterId,
          every: textOf(meter.every),
          startsAt: textOf(meter.startsAt),
          above: textOf(meter.above),
          below: textOf(meter.below),
        }
      : empty.meter,
    leadDays: String(plan.leadDays),
    window: { gracePercent: String(plan.window.gracePercent), graceMaxDays: String(plan.window.graceMaxDays) },
    holidayRule: plan.holidayRule,
    catchUp: plan.catchUp,
  };
}
