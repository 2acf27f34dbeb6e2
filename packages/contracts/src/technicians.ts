import { IsoDateTime, Money, PageQuery, Uuid, optionalText, text } from './common';
import { z } from './zod';

export const SkillLevel = z
  .object({
    skill: z.string().trim().toLowerCase().min(1).max(100),
    level: z.number().int().min(1).max(5).openapi({ description: '1 = trainee … 5 = expert' }),
  })
  .openapi('SkillLevel');
export type SkillLevel = z.infer<typeof SkillLevel>;

export const Technician = z
  .object({
    id: Uuid,
    employeeId: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    skills: z.array(SkillLevel),
    hourlyRate: z.number(),
    homeLocationId: Uuid.nullable(),
    active: z.boolean(),
    version: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .openapi('Technician');
export type Technician = z.infer<typeof Technician>;

/** What a caller who may not read technician records sees of the one doing their work. */
export const TechnicianSummary = z
  .object({ id: Uuid, employeeId: z.string(), firstName: z.string(), lastName: z.string() })
  .openapi('TechnicianSummary');
export type TechnicianSummary = z.infer<typeof TechnicianSummary>;

const uniqueSkills = (skills: SkillLevel[]) => new Set(skills.map((entry) => entry.skill)).size === skills.length;

const Skills = z.array(SkillLevel).max(50).refine(uniqueSkills, { message: 'each skill may appear only once' });

export const CreateTechnician = z
  .object({
    employeeId: text(50),
    firstName: text(100),
    lastName: text(100),
    email: z.email().max(254).nullish(),
    phone: optionalText(50),
    skills: Skills.default([]),
    hourlyRate: Money.default(0),
    homeLocationId: Uuid.nullish(),
    active: z.boolean().default(true),
  })
  .strict()
  .openapi('CreateTechnician');
export type CreateTechnician = z.infer<typeof CreateTechnician>;

export const UpdateTechnician = z
  .object({
    employeeId: text(50),
    firstName: text(100),
    lastName: text(100),
    email: z.email().max(254).nullable(),
    phone: optionalText(50),
    skills: Skills,
    hourlyRate: Money,
    homeLocationId: Uuid.nullable(),
    active: z.boolean(),
  })
  .partial()
  .strict()
  .openapi('UpdateTechnician');
export type UpdateTechnician = z.infer<typeof UpdateTechnician>;

export const TechnicianListQuery = PageQuery.extend({
  skill: z.string().trim().toLowerCase().max(100).optional(),
  active: z.enum(['true', 'false']).optional(),
  search: z
    .string()
    .trim()
    .max(200)
    .optional()
    .openapi({ description: 'Part of the full name ("first last") or employee id, case-insensitive.' }),
});
export type TechnicianListQuery = z.infer<typeof TechnicianListQuery>;

const TimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:MM (24 h)' })
  .openapi({ example: '07:00' });

/** A weekly shift: weekday 1 = Monday … 7 = Sunday; an end before the start crosses midnight. */
export const ShiftPattern = z
  .object({ weekday: z.number().int().min(1).max(7), start: TimeOfDay, end: TimeOfDay })
  .refine((shift) => shift.start !== shift.end, { message: 'start and end must differ' })
  .openapi('ShiftPattern');
export type ShiftPattern = z.infer<typeof ShiftPattern>;

const exceptionFields = {
  start: IsoDateTime,
  end: IsoDateTime,
  available: z.boolean().default(false),
  reason: optionalText(200),
};
const endsAfterStart: [(exception: { start: string; end: string }) => boolean, { message: string; path: string[] }] = [
  (exception) => Date.parse(exception.end) > Date.parse(exception.start),
  { message: 'end must be after start', path: ['end'] },
];

/** A dated exception: leave/training (unavailable) or extra time (available). */
export const AvailabilityException = z
  .object(exceptionFields)
  .refine(...endsAfterStart)
  .openapi('AvailabilityException');
export type AvailabilityException = z.infer<typeof AvailabilityException>;

/** A technician's dated exception: as above, and extra time may be overtime. */
export const TechnicianException = z
  .object({
    ...exceptionFields,
    overtime: z.boolean().default(false).openapi({
      description:
        'Extra time paid as overtime: bookable, but the optimizer uses it only where the work is worth its cost (the technician’s hourly rate, or 60 an hour when none is recorded). Only with `available`.',
    }),
  })
  .refine(...endsAfterStart)
  .refine((exception) => !exception.overtime || exception.available, {
    message: 'only extra time (available) can be overtime',
    path: ['overtime'],
  })
  .openapi('TechnicianException');
export type TechnicianException = z.infer<typeof TechnicianException>;

export const TechnicianAvailability = z
  .object({
    timezone: z.string().max(64).default('UTC'),
    weeklyPattern: z.array(ShiftPattern).max(21),
    exceptions: z.array(TechnicianException).max(500),
  })
  .strict()
  .refine((availability) => isValidTimeZone(availability.timezone), {
    message: 'unknown IANA time zone',
    path: ['timezone'],
  })
  .openapi('TechnicianAvailability');
export type TechnicianAvailability = z.infer<typeof TechnicianAvailability>;

export const TechnicianAvailabilityResponse = z
  .object({
    technicianId: Uuid,
    timezone: z.string(),
    weeklyPattern: z.array(ShiftPattern),
    exceptions: z.array(TechnicianException),
    version: z.number().int(),
  })
  .openapi('TechnicianAvailabilityResponse');

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
