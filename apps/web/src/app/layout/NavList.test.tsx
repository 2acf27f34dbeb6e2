import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { NavList } from './NavList';

const entries = () => within(screen.getByRole('navigation')).getAllByRole('link');

function renderNav(user: ReturnType<typeof userWith>) {
  return renderScreen(
    <nav aria-label="Main">
      <NavList user={user} />
    </nav>,
    { user },
  );
}

describe('the navigation', () => {
  it('offers admins the user accounts', () => {
    renderNav(userWith('admin'));
    expect(screen.getByRole('link', { name: 'Users' })).toHaveAttribute('href', '/users');
  });

  it.each(['manager', 'planner', 'technician', 'requester'] as const)('does not show a %s the user accounts', (role) => {
    renderNav(userWith(role));
    expect(entries().length).toBeGreaterThan(0);
    expect(screen.queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
  });

  // What each role is offered, as the server's permissions allow it (a role-made view aside).
  const STAFF = [
    'Work orders',
    'Notifications',
    'Scheduling board',
    'Dashboard',
    'Equipment',
    'Travel times',
    'Technicians',
    'PM plans',
    'Predictive',
  ];
  it.each([
    ['admin', [...STAFF, 'Users', 'Organization']],
    ['manager', STAFF],
    ['planner', STAFF],
    ['technician', ['My work', 'Work orders', 'Notifications', 'Equipment', 'Predictive']],
    ['requester', ['Work orders', 'Notifications', 'Equipment']],
  ] as const)('offers a %s exactly its screens', (role, labels) => {
    renderNav(userWith(role));
    expect(entries().map((link) => link.textContent)).toEqual(labels);
  });
});
