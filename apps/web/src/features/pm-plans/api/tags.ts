import { LIST } from '@/lib/api';

/** What a change to one plan makes stale: the plan, every list, and the forecast it feeds. */
export const changedPmPlanTags = (id: string) => [
  { type: 'PmPlan' as const, id },
  { type: 'PmPlan' as const, id: LIST },
  { type: 'PmForecast' as const },
];
