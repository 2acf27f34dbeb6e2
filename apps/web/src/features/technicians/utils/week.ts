/** Monday 00:00 (local time) of the week holding `date`. */
export function mondayOf(date: Date): Date {
  const monday = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
  return monday;
}

export const addDays = (date: Date, days: number) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);

/** The 7 local days from `monday`, each as [start, end). */
export const daysOf = (monday: Date) =>
  Array.from({ length: 7 }, (_, index) => ({ start: addDays(monday, index), end: addDays(monday, index + 1) }));

/** Whether [start, end) overlaps [from, to). */
export const overlaps = (start: string | null, end: string | null, from: Date, to: Date) =>
  start !== null && end !== null && Date.parse(start) < to.getTime() && Date.parse(end) > from.getTime();
