// Form fields hold text as typed; these turn it into the contract's values and back.

/** Blank stays out (the contract's default or "not set"); anything else is a number, NaN included, for zod to judge. */
export const numberOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text));
export const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

interface RequiredSkill {
  skill: string;
  minLevel: number;
}

/** "electrical:3, mechanical": a level is written only when it is above the lowest. */
export const skillsText = (skills: readonly RequiredSkill[]) =>
  skills.map((entry) => (entry.minLevel > 1 ? `${entry.skill}:${entry.minLevel}` : entry.skill)).join(', ');

/** The required skills a `skillsText` line names (a level that is not a number is left for zod to reject). */
export const skillsFromText = (text: string): RequiredSkill[] =>
  text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [skill = '', level] = entry.split(':').map((part) => part.trim());
      return { skill, minLevel: level === undefined ? 1 : Number(level) };
    });

/** "Hot-Work, crane:north, hot-work" → `['hot-work', 'crane:north']`: trimmed, lower-cased, each once, blanks dropped. */
export const labelsFromText = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean),
  ),
];
