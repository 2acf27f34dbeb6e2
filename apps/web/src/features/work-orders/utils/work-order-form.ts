import { CreateTask, CreateWorkOrder, type Priority, UpdateWorkOrder, type WorkOrder, type WorkOrderType, type z } from '@msched/contracts';
import { type FieldErrors, fieldErrorsFrom } from '@/lib/form-errors';
import { fromLocalInput, toDateTimeInput } from '@/lib/format';
import { labelsFromText, numberOrNull, skillsFromText, skillsText } from '@/lib/form-text';

/** What the create/edit form holds: text as typed, turned into the contract's shape on submit. */
export interface WorkOrderFormValues {
  title: string;
  description: string;
  type: WorkOrderType;
  priority: Priority;
  equipmentId: string;
  /** `datetime-local` value. */
  dueDate: string;
  /** Minutes, as typed. */
  estimatedDuration: string;
  /** `welding:3, electrical` (level 1 when left out). */
  requiredSkills: string;
  crewSize: string;
  /** The equipment must be down: booked only inside its maintenance windows. */
  requiresDowntime: boolean;
  /** `hot-work, crane:north`: what the work holds while it is done. */
  conflictGroups: string;
  /** Work orders that must be finished before this one starts, in the order they were added. */
  predecessorIds: string[];
  /** Checklist titles (create only; tasks of an existing work order are edited on its page). */
  tasks: string[];
}

export const EMPTY_FORM: WorkOrderFormValues = {
  title: '',
  description: '',
  type: 'CORRECTIVE',
  priority: 'MEDIUM',
  equipmentId: '',
  dueDate: '',
  estimatedDuration: '',
  requiredSkills: '',
  crewSize: '1',
  requiresDowntime: false,
  conflictGroups: '',
  predecessorIds: [],
  tasks: [],
};

export function formValuesOf(workOrder: WorkOrder): WorkOrderFormValues {
  return {
    title: workOrder.title,
    description: workOrder.description ?? '',
    type: workOrder.type,
    priority: workOrder.priority,
    equipmentId: workOrder.equipmentId,
    dueDate: toDateTimeInput(workOrder.dueDate),
    estimatedDuration: workOrder.estimatedDuration === null ? '' : String(workOrder.estimatedDuration),
    requiredSkills: skillsText(workOrder.requiredSkills),
    crewSize: String(workOrder.crewSize),
    requiresDowntime: workOrder.requiresDowntime,
    conflictGroups: workOrder.conflictGroups.join(', '),
    predecessorIds: workOrder.predecessorIds,
    tasks: [],
  };
}

/** The form as the contract's fields (before validation). */
function payloadOf(values: WorkOrderFormValues) {
  return {
    title: values.title,
    description: values.description.trim() || null,
    type: values.type,
    priority: values.priority,
    equipmentId: values.equipmentId || undefined,
    dueDate: fromLocalInput(values.dueDate) ?? null,
    estimatedDuration: numberOrNull(values.estimatedDuration),
    requiredSkills: skillsFromText(values.requiredSkills),
    crewSize: Number(values.crewSize),
    requiresDowntime: values.requiresDowntime,
    // The list as sent, so a message at `conflictGroups.N` (ours or the server's) names the Nth one shown.
    conflictGroups: labelsFromText(values.conflictGroups),
    predecessorIds: values.predecessorIds,
  };
}

/** The longest task title the contract takes (a task's `title`, as in CreateWorkOrder's `tasks`). */
export const TASK_TITLE_MAX = CreateTask.shape.title.maxLength ?? undefined;

const MINUTES = 'Estimated minutes must be a whole number of 0 or more';
const SKILL_FORMAT = 'Write skills as name:level, e.g. welding:3';
const SKILL_LEVEL = 'Skill level must be 1 to 5';

type Issue = z.ZodError['issues'][number];

/**
 * The contract's check in the words of the form's labels, by field ("Skill level must be 1 to 5",
 * not "0.minLevel: Too big: expected number to be <=5"); undefined keeps the schema's own words
 * where they are plain already (a title that "must not be empty", a conflict group's rule).
 */
function plainMessage(issue: Issue, skills: { minLevel: number }[]): string | undefined {
  const [field, index, part] = issue.path;
  const tooBig = issue.code === 'too_big';
  // The contract's own limit, as the schema reports it.
  const max = tooBig ? Number(issue.maximum).toLocaleString('en-US') : '';
  switch (field) {
    case 'title':
      return tooBig ? `Title may have at most ${max} characters` : undefined;
    case 'description':
      return tooBig ? `Description may have at most ${max} characters` : undefined;
    case 'equipmentId':
      return 'Choose the equipment';
    case 'estimatedDuration':
      return tooBig ? `Estimated minutes must be at most ${max}` : MINUTES;
    case 'crewSize':
      return 'Between 1 and 3 technicians';
    case 'requiredSkills':
      if (index === undefined) return tooBig ? `At most ${max} skills` : SKILL_FORMAT;
      if (part === 'minLevel') return SKILL_LEVEL;
      if (part === 'skill') return tooBig ? `A skill name may have at most ${max} characters` : SKILL_FORMAT;
      // Neither a name nor a name with a level: a level that is a number but not a whole one is a level problem.
      return Number.isFinite(skills[Number(index)]?.minLevel) ? SKILL_LEVEL : SKILL_FORMAT;
    case 'conflictGroups':
      return index !== undefined && tooBig ? `at most ${max} characters` : undefined;
    case 'tasks':
      if (index === undefined) return tooBig ? `At most ${max} tasks` : undefined;
      return tooBig ? `A task may have at most ${max} characters` : undefined;
    default:
      return undefined;
  }
}

/**
 * Field messages for a refused form. A list typed as text (required skills) has no field per
 * entry: its entries' messages are its own. `taskLines[k]` is the line the k-th task sent was
 * typed on (blank lines are not sent), so a message about `tasks.k` lands on that line.
 */
function formErrors(error: z.ZodError, payload: { requiredSkills: { minLevel: number }[] }, taskLines: number[] = []): FieldErrors {
  const overrides: Record<string, string> = {};
  for (const issue of error.issues) {
    const message = plainMessage(issue, payload.requiredSkills);
    if (message) overrides[issue.path.map(String).join('.')] ??= message;
  }
  const aboutTheList = error.issues.some((issue) => issue.path.length === 1 && issue.path[0] === 'tasks');
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(fieldErrorsFrom(error, overrides))) {
    const task = /^tasks\.(\d+)(\..+)?$/.exec(path);
    if (task) errors[`tasks.${taskLines[Number(task[1])] ?? task[1]}${task[2] ?? ''}`] = message;
    // A task's message is on its line; "tasks" keeps only one about the list as a whole.
    else if (path !== 'tasks' || aboutTheList) errors[path] = message;
  }
  const skill = error.issues.find((issue) => issue.path[0] === 'requiredSkills');
  if (skill) errors.requiredSkills = plainMessage(skill, payload.requiredSkills) ?? SKILL_FORMAT;
  return errors;
}

export type Validated<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

/** Checked with the contract's CreateWorkOrder; its messages in the form's words (`plainMessage`). */
export function validateCreate(values: WorkOrderFormValues): Validated<CreateWorkOrder> {
  const typed = values.tasks.flatMap((title, line) => (title.trim() ? [{ title, line }] : []));
  const tasks = typed.map(({ title }) => ({ title }));
  const taskLines = typed.map(({ line }) => line);
  const payload = payloadOf(values);
  const { conflictGroups, predecessorIds, requiresDowntime, ...fields } = payload;
  // Empty lists and an unticked box stay out: a new work order has none and needs no downtime anyway.
  const parsed = CreateWorkOrder.safeParse({
    ...fields,
    requiresDowntime: requiresDowntime || undefined,
    conflictGroups: conflictGroups.length ? conflictGroups : undefined,
    predecessorIds: predecessorIds.length ? predecessorIds : undefined,
    tasks: tasks.length ? tasks : undefined,
  });
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, errors: formErrors(parsed.error, payload, taskLines) };
}

/** Only the fields that differ from `base` (the version being edited), checked with UpdateWorkOrder. */
export function validateUpdate(values: WorkOrderFormValues, base: WorkOrderFormValues): Validated<UpdateWorkOrder> {
  const now = payloadOf(values);
  const before = payloadOf(base);
  const changes = Object.fromEntries(
    (Object.keys(now) as (keyof typeof now)[])
      .filter((key) => JSON.stringify(now[key]) !== JSON.stringify(before[key]))
      .map((key) => [key, now[key]]),
  );
  const parsed = UpdateWorkOrder.safeParse(changes);
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, errors: formErrors(parsed.error, now) };
}
