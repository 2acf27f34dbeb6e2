import { Alert } from '@mui/material';
import { useState } from 'react';
import { useGetOrganizationQuery } from '@/features/organization/api/organization';

const DISMISSED_KEY = 'msched:time-zone-notice-dismissed';

/** Minutes east of UTC of a time zone at an instant ("Asia/Tokyo" → 540). */
export function offsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((entry) => entry.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

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
  const device = offsetMinutes(deviceZone, now);
  const plant = offsetMinutes(organization.timezone, now);
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
