import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role, WORK_ORDER_STATUSES, type WorkOrderStatus } from './enums';
import { BOOKED_WORK_ORDER_STATUSES, OPEN_WORK_ORDER_STATUSES, allowedNextStates, isTransitionAllowed } from './work-order-states';

/**
 * The expected state machine, written out by hand from the product rules (not derived from
 * WORK_ORDER_TRANSITIONS): one line per allowed move, listing the roles that may make it.
 * Every (from, to, role) triple not listed here must be refused.
 */
const EXPECTED_TABLE = `
  OPEN>SCHEDULED: admin manager planner
  OPEN>CANCELLED: admin manager planner requester
  SCHEDULED>OPEN: admin manager planner
  SCHEDULED>IN_PROGRESS: admin manager planner technician
  SCHEDULED>ON_HOLD: admin manager planner technician
  SCHEDULED>CANCELLED: admin manager planner
  IN_PROGRESS>ON_HOLD: admin manager planner technician
  IN_PROGRESS>PENDING_APPROVAL: admin manager planner technician
  IN_PROGRESS>COMPLETED: admin manager planner technician
  ON_HOLD>IN_PROGRESS: admin manager planner technician
  ON_HOLD>SCHEDULED: admin manager planner
  ON_HOLD>OPEN: admin manager planner
  ON_HOLD>CANCELLED: admin manager planner
  PENDING_APPROVAL>COMPLETED: admin manager
  PENDING_APPROVAL>IN_PROGRESS: admin manager
  COMPLETED>CLOSED: admin manager
  COMPLETED>IN_PROGRESS: admin manager
  CANCELLED>OPEN: admin manager
`;

const expectedTriples = new Set(
  EXPECTED_TABLE.trim()
    .split('\n')
    .flatMap((line) => {
      const [edge, roles] = line.trim().split(':');
      return roles!
        .trim()
        .split(/\s+/)
        .map((role) => `${edge}:${role}`);
    }),
);

const triple = (from: WorkOrderStatus, to: WorkOrderStatus, role: Role) => `${from}>${to}:${role}`;

describe('the work-order state machine, every (from, to, role) triple', () => {
  it('the hand-written table has 56 allowed triples (guards the table itself)', () => {
    expect(expectedTriples.size).toBe(56);
  });

  it.each(WORK_ORDER_STATUSES.map((from) => [from]))('from %s, exactly the expected role moves are allowed', (from) => {
    const actual: string[] = [];
    const expected: string[] = [];
    for (const to of WORK_ORDER_STATUSES) {
      for (const role of ROLES) {
        if (isTransitionAllowed(from, to, [role])) actual.push(triple(from, to, role));
        if (expectedTriples.has(triple(from, to, role))) expected.push(triple(from, to, role));
      }
    }
    expect(actual).toEqual(expected);
  });

  it('no state may move to itself, for any role', () => {
    for (const status of WORK_ORDER_STATUSES) {
      expect(isTransitionAllowed(status, status, ROLES)).toBe(false);
    }
  });

  it('a user without roles can make no move at all', () => {
    for (const from of WORK_ORDER_STATUSES) {
      for (const to of WORK_ORDER_STATUSES) expect(isTransitionAllowed(from, to, [])).toBe(false);
    }
  });
});

describe('allowedNextStates', () => {
  it('without roles, lists every state reachable from each state in table order', () => {
    expect(allowedNextStates('OPEN')).toEqual(['SCHEDULED', 'CANCELLED']);
    expect(allowedNextStates('SCHEDULED')).toEqual(['OPEN', 'IN_PROGRESS', 'ON_HOLD', 'CANCELLED']);
    expect(allowedNextStates('IN_PROGRESS')).toEqual(['ON_HOLD', 'PENDING_APPROVAL', 'COMPLETED']);
    expect(allowedNextStates('ON_HOLD')).toEqual(['IN_PROGRESS', 'SCHEDULED', 'OPEN', 'CANCELLED']);
    expect(allowedNextStates('PENDING_APPROVAL')).toEqual(['COMPLETED', 'IN_PROGRESS']);
    expect(allowedNextStates('COMPLETED')).toEqual(['CLOSED', 'IN_PROGRESS']);
    expect(allowedNextStates('CANCELLED')).toEqual(['OPEN']);
  });

  it('a CLOSED work order is terminal: nobody can move it anywhere', () => {
    expect(allowedNextStates('CLOSED')).toEqual([]);
    expect(allowedNextStates('CLOSED', ROLES)).toEqual([]);
    for (const to of WORK_ORDER_STATUSES) expect(isTransitionAllowed('CLOSED', to, ROLES)).toBe(false);
  });

  it('CLOSED is the only state with no way out', () => {
    const terminal = WORK_ORDER_STATUSES.filter((status) => allowedNextStates(status).length === 0);
    expect(terminal).toEqual(['CLOSED']);
  });

  it('a technician on in-progress work may put it on hold, send it for approval or complete it', () => {
    expect(allowedNextStates('IN_PROGRESS', ['technician'])).toEqual(['ON_HOLD', 'PENDING_APPROVAL', 'COMPLETED']);
  });

  it('a technician may only start or hold scheduled work, not reschedule or cancel it', () => {
    expect(allowedNextStates('SCHEDULED', ['technician'])).toEqual(['IN_PROGRESS', 'ON_HOLD']);
  });

  it('a requester can only cancel an open request', () => {
    expect(allowedNextStates('OPEN', ['requester'])).toEqual(['CANCELLED']);
    for (const from of WORK_ORDER_STATUSES.filter((status) => status !== 'OPEN')) {
      expect(allowedNextStates(from, ['requester'])).toEqual([]);
    }
  });

  it('a planner cannot approve, close or reopen finished work', () => {
    expect(allowedNextStates('PENDING_APPROVAL', ['planner'])).toEqual([]);
    expect(allowedNextStates('COMPLETED', ['planner'])).toEqual([]);
    expect(allowedNextStates('CANCELLED', ['planner'])).toEqual([]);
  });

  it('a manager may approve, close and reopen', () => {
    expect(allowedNextStates('PENDING_APPROVAL', ['manager'])).toEqual(['COMPLETED', 'IN_PROGRESS']);
    expect(allowedNextStates('COMPLETED', ['manager'])).toEqual(['CLOSED', 'IN_PROGRESS']);
    expect(allowedNextStates('CANCELLED', ['manager'])).toEqual(['OPEN']);
  });

  it('an empty role list yields no next states (unlike omitting roles)', () => {
    expect(allowedNextStates('OPEN', [])).toEqual([]);
  });

  it('a multi-role user gets the union of what each role may do', () => {
    expect(allowedNextStates('SCHEDULED', ['technician', 'requester'])).toEqual(['IN_PROGRESS', 'ON_HOLD']);
    expect(allowedNextStates('OPEN', ['technician', 'requester'])).toEqual(['CANCELLED']);
    expect(allowedNextStates('OPEN', ['planner', 'requester'])).toEqual(['SCHEDULED', 'CANCELLED']);
  });

  it('agrees with isTransitionAllowed for any role combination (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...WORK_ORDER_STATUSES), fc.subarray([...ROLES]), (from, roles) => {
        const viaCheck = WORK_ORDER_STATUSES.filter((to) => isTransitionAllowed(from, to, roles));
        expect([...allowedNextStates(from, roles)].sort()).toEqual([...viaCheck].sort());
      }),
    );
  });
});

describe('isTransitionAllowed for users with several roles', () => {
  it('a technician who is also a requester may cancel an open request', () => {
    expect(isTransitionAllowed('OPEN', 'CANCELLED', ['technician', 'requester'])).toBe(true);
  });

  it('a technician who is also a requester still cannot schedule work', () => {
    expect(isTransitionAllowed('OPEN', 'SCHEDULED', ['technician', 'requester'])).toBe(false);
  });

  it('a planner who is also a technician still cannot approve pending work', () => {
    expect(isTransitionAllowed('PENDING_APPROVAL', 'COMPLETED', ['planner', 'technician'])).toBe(false);
  });

  it('a requester who is also a manager may close completed work', () => {
    expect(isTransitionAllowed('COMPLETED', 'CLOSED', ['requester', 'manager'])).toBe(true);
  });

  it('a move is allowed for a role set exactly when one of its roles alone may make it (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WORK_ORDER_STATUSES),
        fc.constantFrom(...WORK_ORDER_STATUSES),
        fc.subarray([...ROLES]),
        (from, to, roles) => {
          const expected = roles.some((role) => expectedTriples.has(triple(from, to, role)));
          expect(isTransitionAllowed(from, to, roles)).toBe(expected);
        },
      ),
    );
  });
});

describe('status groups', () => {
  it('open work is everything not yet completed, closed or cancelled', () => {
    expect([...OPEN_WORK_ORDER_STATUSES]).toEqual(['OPEN', 'SCHEDULED', 'IN_PROGRESS', 'ON_HOLD', 'PENDING_APPROVAL']);
  });

  it('a technician is booked by scheduled, in-progress and on-hold work only', () => {
    expect([...BOOKED_WORK_ORDER_STATUSES]).toEqual(['SCHEDULED', 'IN_PROGRESS', 'ON_HOLD']);
  });
});
