import { type SkillLevel, UpdateTechnician } from '@msched/contracts';
import { type FieldErrors, fieldErrorsFrom } from '@/lib/form-errors';

export interface SkillRow {
  skill: string;
  level: number;
}

export const SKILL_LEVEL_LABELS: Record<number, string> = { 1: 'Trainee', 2: 'Basic', 3: 'Skilled', 4: 'Advanced', 5: 'Expert' };

/**
 * The rows as the contract's `UpdateTechnician.skills` takes them (trimmed, lower case), or the
 * schema's messages by field (`skills.0.skill`; `skills` for "each skill may appear only once").
 */
export function parseSkills(rows: readonly SkillRow[]): { skills: SkillLevel[] } | { errors: FieldErrors } {
  const parsed = UpdateTechnician.safeParse({ skills: rows.map((row) => ({ skill: row.skill, level: row.level })) });
  if (parsed.success) return { skills: parsed.data.skills ?? [] };
  const errors = fieldErrorsFrom(parsed.error);
  // The schema's own words, except the generic "too small" of an empty name.
  for (const [path, message] of Object.entries(errors)) {
    if (/^skills\.\d+\.skill$/.test(path) && /too small/i.test(message)) errors[path] = 'Name the skill';
  }
  return { errors };
}
