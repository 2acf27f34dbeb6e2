import type { NotificationEvent } from '@msched/contracts';
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Toaster } from '@/components/ui/Toaster';
import { fakeApi, json } from '@/test/fake-api';
import { fakeRealtimeClient } from '@/test/fake-realtime';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { NotificationBell } from '../components/NotificationBell';
import { notificationRealtime } from './notification-realtime';

const assigned: NotificationEvent = {
  eventId: 12,
  id: '00000000-0000-4000-8000-000000000031',
  type: 'work_order_assigned',
  title: 'Work order assigned',
  message: 'WO-000123 Replace the seal is yours',
  data: {},
  workOrderId: '00000000-0000-4000-8000-000000000123',
  equipmentId: null,
  readAt: null,
  createdAt: '2026-11-29T08:00:00.000Z',
  timestamp: '2026-11-29T08:00:00.000Z',
};

describe('a live notification', () => {
  it('pops up as a toast that opens its work order, and raises the unread count', async () => {
    let unread = 2;
    fakeApi().on('GET', '/notifications', () => json({ data: [], total: unread, page: 1, limit: 1, unreadCount: unread }));
    const client = fakeRealtimeClient();
    renderScreen(
      <>
        <NotificationBell />
        <Toaster />
      </>,
      { user: userWith('technician'), realtime: { client, bindings: [notificationRealtime] } },
    );
    expect(await screen.findByRole('link', { name: '2 unread notifications' })).toBeInTheDocument();

    unread = 3;
    act(() => client.emit('notification', assigned));
    expect(await screen.findByText('Work order assigned: WO-000123 Replace the seal is yours')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open' })).toHaveAttribute('href', `/work-orders/${assigned.workOrderId}`);
    await waitFor(() => expect(screen.getByRole('link', { name: '3 unread notifications' })).toBeInTheDocument());
  });
});
