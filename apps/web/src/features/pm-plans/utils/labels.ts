import type { AuthUser, CatchUpPolicy, HolidayRule, PmPlanStatus, ScheduleMode } from '@msched/contracts';
import { can } from '@/lib/auth/permissions';

export const HOLIDAY_RULE_LABEL: Record<HolidayRule, string> = {
  NONE: 'Keep the date',
  PREVIOUS_WORKING_DAY: 'Move to the working day before',
  NEXT_WORKING_DAY: 'Move to the next working day',
  SKIP: 'Skip that occurrence',
};

export const CATCH_UP_LABEL: Record<CatchUpPolicy, string> = {
  LATEST: 'Only the latest missed occurrence',
  ALL: 'Every missed occurrence (at most 52)',
};

export const MODE_LABEL: Record<ScheduleMode, string> = {
  FIXED: 'Fixed: from the previous due date',
  FLOATING: 'Floating: from the previous completion',
};

export const STATUS_LABEL: Record<PmPlanStatus, string> = { ACTIVE: 'Active', PAUSED: 'Paused' };

/** Who changes plans and the calendar (`pmPlans.write`); technicians read them. */
export const canWritePlans = (user: AuthUser) => can(user, 'pmPlans.write');
