import type { Notification } from '@msched/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { NotificationItem } from './NotificationItem';

const WORK_ORDER_ID = '00000000-0000-4000-8000-000000000123';

const notification = (overrides: Partial<Notification> = {}): Notification => ({
  id: '00000000-0000-4000-8000-000000000031',
  type: 'work_order_assigned',
  title: 'Work order assigned',
  message: 'WO-000123 Replace the seal of the cooling water pump in hall 3 is yours',
  data: {},
  workOrderId: WORK_ORDER_ID,
  equipmentId: null,
  readAt: null,
  createdAt: '2026-11-29T08:00:00.000Z',
  ...overrides,
});

/** The elements from the button up to (not including) its list item. */
function ancestorsWithin(element: HTMLElement, item: HTMLElement) {
  const chain: HTMLElement[] = [];
  for (let current: HTMLElement | null = element; current && current !== item; current = current.parentElement) chain.push(current);
  return chain;
}

describe('a notification', () => {
  it.each([
    ['about a work order', WORK_ORDER_ID],
    ['about nothing to open', null],
  ])('%s keeps "Mark read" beside its text, not laid over it', (_case, workOrderId) => {
    renderScreen(<NotificationItem notification={notification({ workOrderId })} onRead={() => {}} />, { user: userWith('technician') });
    const item = screen.getByRole('listitem');
    const button = screen.getByRole('button', { name: 'Mark read: Work order assigned' });
    // An absolutely placed button covers whatever text runs under it (on a phone, most of it).
    expect(ancestorsWithin(button, item).map((element) => getComputedStyle(element).position)).not.toContain('absolute');
    const text = screen.getByText(/Replace the seal/).closest<HTMLElement>('.MuiListItemText-root')!;
    const textBox = ancestorsWithin(text, item).at(-1)!;
    expect(getComputedStyle(item).display).toBe('flex');
    expect(getComputedStyle(textBox)).toMatchObject({ flexGrow: '1', minWidth: '0px' });
  });

  it('marks itself read and opens its work order', async () => {
    const onRead = vi.fn();
    const { router } = renderScreen(<NotificationItem notification={notification()} onRead={onRead} />, {
      user: userWith('technician'),
    });
    await userEvent.click(screen.getByText('Work order assigned'));
    expect(onRead).toHaveBeenCalledWith(notification().id);
    expect(router.state.location.pathname).toBe(`/work-orders/${WORK_ORDER_ID}`);
  });

  it('offers no "Mark read" once read', () => {
    renderScreen(<NotificationItem notification={notification({ readAt: '2026-11-29T09:00:00.000Z' })} onRead={() => {}} />, {
      user: userWith('technician'),
    });
    expect(screen.queryByRole('button', { name: /Mark read/ })).not.toBeInTheDocument();
  });
});
