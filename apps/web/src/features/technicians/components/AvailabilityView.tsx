import { WeeklyCalendarView } from '@/components/weekly-calendar/WeeklyCalendarView';
import type { AvailabilityPlan } from '../api/get-availability';
import { AVAILABILITY_WORDING } from '../utils/availability-form';

/** Shifts per weekday, and the leave and extra time still ahead. */
export function AvailabilityView({ plan, now }: { plan: AvailabilityPlan; now: Date }) {
  return <WeeklyCalendarView calendar={plan} wording={AVAILABILITY_WORDING} now={now} />;
}
