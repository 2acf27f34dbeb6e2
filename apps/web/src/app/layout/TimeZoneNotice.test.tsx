import type { Organization } from '@msched/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { organizationApi } from '@/features/organization/api/organization';
import { fakeApi, json } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { TimeZoneNotice } from './TimeZoneNotice';

const organization: Organization = {
  id: '00000000-0000-4000-8000-00000000000a',
  name: 'Demo Plant',
  slug: 'demo-plant',
  timezone: 'Europe/Berlin',
  currency: 'EUR',
  version: 1,
  createdAt: '2026-01-05T08:00:00.000Z',
  updatedAt: '2026-01-05T08:00:00.000Z',
};
const WINTER = new Date('2026-12-03T12:00:00Z');

function setup(deviceZone: string, now = WINTER) {
  fakeApi().on('GET', '/organization', () => json(organization));
  const { store } = renderScreen(<TimeZoneNotice deviceZone={deviceZone} now={now} />, { path: '/', user: userWith('planner') });
  const answered = () => waitFor(() => expect(organizationApi.endpoints.getOrganization.select()(store.getState()).isSuccess).toBe(true));
  return { answered };
}

afterEach(() => sessionStorage.clear());

describe('the time zone notice', () => {
  it('names both zones when the device is not on the organization’s time', async () => {
    setup('Asia/Tokyo');
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('this device’s time zone, Asia/Tokyo (UTC+9). Demo Plant works in Europe/Berlin (UTC+1).');
  });

  it('says nothing where the clocks agree, under another zone name too', async () => {
    await setup('Europe/Paris').answered();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('stays dismissed for the session once closed', async () => {
    setup('UTC');
    await userEvent.click(await screen.findByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(sessionStorage.getItem('msched:time-zone-notice-dismissed')).toBe('Europe/Berlin');
  });
});
