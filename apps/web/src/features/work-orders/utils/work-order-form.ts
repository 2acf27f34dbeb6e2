import { CreateWorkOrder, type Priority, UpdateWorkOrder, type WorkOrder, type WorkOrderType } from '@msched/contracts';
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

const MESSAGES = { equipmentId: 'Choose the equipment', crewSize: 'Between 1 and 3 technicians' };

export type Validated<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

/** Checked with the contract's CreateWorkOrder: the messages are the schema's own. */
export function validateCreate(values: WorkOrderFormValues): Validated<CreateWorkOrder> {
  const tasks = values.tasks.map((title) => ({ title })).filter((task) => task.title.trim());
  const { conflictGroups, predecessorIds, requiresDowntime, ...fields } = payloadOf(values);
  // Empty lists and an unticked box stay out: a new work order has none and needs no downtime anyway.
  const parsed = CreateWorkOrder.safeParse({
    ...fields,
    requiresDowntime: requiresDowntime || undefined,
    conflictGroups: conflictGroups.length ? conflictGroups : undefined,
    predecessorIds: predecessorIds.length ? predecessorIds : undefined,
    tasks: tasks.length ? tasks : undefined,
  });
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, errors: fieldErrorsFrom(parsed.error, MESSAGES) };
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
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, errors: fieldErrorsFrom(parsed.error, MESSAGES) };
}
