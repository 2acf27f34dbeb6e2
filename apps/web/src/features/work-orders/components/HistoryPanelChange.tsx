import { Fragment, type ReactNode } from 'react';
import { formatDateTime } from '@/lib/format';
import { WorkOrderName } from './WorkOrderName';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A technician's name by id, when the page knows it (staff may list technicians). */
export type TechnicianNameOf = (id: string) => string | undefined;

/** Fields named as the detail page names them, rather than from their spelling. */
const LABELS: Record<string, string> = {
  technicianId: 'technician',
  crewTechnicianIds: 'crew',
  predecessorIds: 'waits for',
};

/** "scheduledStartTime" → "scheduled start time" */
const fieldName = (field: string) =>
  LABELS[field] ??
  field
    .replace(/Id$/, '')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase();

const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);
const isSkill = (value: unknown): value is { skill: string; minLevel: number } =>
  typeof value === 'object' && value !== null && 'skill' in value && 'minLevel' in value;
const technicians = (count: number) => `${count} technician${count === 1 ? '' : 's'}`;

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return formatDateTime(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    if (value.every(isSkill)) return value.map((entry) => `${entry.skill} ≥ ${entry.minLevel}`).join(', ');
    if (value.every((entry) => typeof entry === 'string' || typeof entry === 'number')) return value.join(', ');
    return `${value.length} entr${value.length === 1 ? 'y' : 'ies'}`;
  }
  return typeof value === 'object' ? 'changed' : String(value);
}

/** The work orders of a list by number (each names itself), or "none". */
function WorkOrderNumbers({ value }: { value: unknown }) {
  const list = ids(value);
  if (list.length === 0) return <>none</>;
  return list.map((id, index) => (
    <Fragment key={id}>
      {index > 0 && ', '}
      <WorkOrderName id={id} numberOnly />
    </Fragment>
  ));
}

/** A crew by name when every member is known, else by head count. */
function crew(value: unknown, nameOf: TechnicianNameOf): string {
  const list = ids(value);
  if (list.length === 0) return 'none';
  const names = list.map(nameOf);
  return names.every(Boolean) ? names.join(', ') : technicians(list.length);
}

/** One field's change as a reader of the history understands it: names and numbers, never ids or JSON. */
export function HistoryChange({
  field,
  change,
  nameOf,
}: {
  field: string;
  change: { from: unknown; to: unknown };
  nameOf: TechnicianNameOf;
}): ReactNode {
  const { from, to } = change;
  const label = fieldName(field);
  if (field === 'predecessorIds')
    return (
      <>
        {label}: <WorkOrderNumbers value={from} /> → <WorkOrderNumbers value={to} />
      </>
    );
  if (field === 'crewTechnicianIds') return `${label}: ${crew(from, nameOf)} → ${crew(to, nameOf)}`;
  if (field.endsWith('Id')) {
    const named = (value: unknown) => (typeof value === 'string' ? nameOf(value) : undefined);
    // A technician is named where the page knows them; other ids mean nothing to a reader.
    if (field === 'technicianId' && (!from || named(from)) && (!to || named(to)))
      return `${label}: ${named(from) ?? 'nobody'} → ${named(to) ?? 'nobody'}`;
    return `${label} ${to ? (from ? 'changed' : 'set') : 'removed'}`;
  }
  return `${label}: ${show(from)} → ${show(to)}`;
}
