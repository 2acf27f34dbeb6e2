/**
 * The optimizer's constraints (`analysis[].constraint`, the names in packages/optimizer's
 * weights.ts) as a planner reads them. A constraint this list does not know yet is shown by its
 * name in words.
 */
const CONSTRAINT_NAMES: Record<string, string> = {
  skills: 'Missing skills',
  crewSize: 'Crew of the wrong size',
  availability: 'Work outside shifts or overtime',
  technicianOverlap: 'Technician booked twice at once',
  equipmentOverlap: 'Equipment worked on twice at once',
  conflictGroup: 'Conflicting work at the same time',
  maintenanceWindow: 'Downtime outside maintenance windows',
  release: 'Starts before it may',
  deadline: 'Ends after its deadline',
  precedence: 'Starts before the work it waits for ends',
  pinned: 'Pinned work moved',
  unassigned: 'Work left unplanned (by priority)',
  lateness: 'Ends after its due date',
  earliness: 'Ends too early',
  travel: 'Travel time',
  overtime: 'Overtime cost',
  balance: 'Uneven workload',
  preferredTechnician: 'Preferred technician not booked',
  churnMoved: 'Published work moved in time',
  churnReassigned: 'Published work given to others',
};

export function constraintName(constraint: string): string {
  const known = CONSTRAINT_NAMES[constraint];
  if (known) return known;
  const words = constraint.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
