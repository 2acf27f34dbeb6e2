import { Alert } from '@mui/material';
import { useState } from 'react';
import { useGetOrganizationQuery } from '@/features/organization/api/organization';
import { offsetAt } from '@/lib/time-zone';

const DISMISSED_KEY = 'msched:time-zone-notice-dismissed';

const utcOffset = (minutes: number) => {
  const sign = minutes < 0 ? '−' : '+';
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
};

interface Props {
  /** For tests: the instant the offsets are compared at, and the device's zone. */
  now?: Date;
  deviceZone?: string;
}

/**
 * Dates and times on every screen are in this device's time zone. Where that is not the
 * organization's (a planner travelling, a browser set to UTC), the shell says so once, with both
 * zones, so that "Monday 08:00" is never read in the wrong one. Dismissed for the browser session.
 */
export function TimeZoneNotice({ now = new Date(), deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone }: Props) {
  const { data: organization } = useGetOrganizationQuery();
  const [dismissedZone, setDismissedZone] = useState(() => sessionStorage.getItem(DISMISSED_KEY));
  if (!organization || dismissedZone === organization.timezone) return null;
  const device = offsetAt(deviceZone, now.getTime()) / 60_000;
  const plant = offsetAt(organization.timezone, now.getTime()) / 60_000;
  if (device === plant) return null;
  return (
    <Alert
      severity="info"
      sx={{ mb: 2 }}
      onClose={() => {
        sessionStorage.setItem(DISMISSED_KEY, organization.timezone);
        setDismissedZone(organization.timezone);
      }}
    >
      Times are shown in this device’s time zone, {deviceZone} ({utcOffset(device)}). {organization.name} works in {organization.timezone} (
      {utcOffset(plant)}).
    </Alert>
  );
}
