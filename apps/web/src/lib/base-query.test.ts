import { describe, expect, it } from 'vitest';
import { getWorkOrderApi } from '@/features/work-orders/api/get-work-order';
import { listWorkOrdersApi } from '@/features/work-orders/api/list-work-orders';
import { fakeApi, json, problem } from '@/test/fake-api';
import { pageOf, userWith, workOrder } from '@/test/fixtures';
import { makeStore } from './store';

const planner = userWith('planner');
const target = workOrder();
const listArgs = { page: 1, limit: 20, sort: 'dueDate' as const };

function loggedInStore() {
  localStorage.setItem('msched.refreshToken', 'refresh-token-1-0123456789');
  return makeStore({ auth: { status: 'authenticated', accessToken: 'expired-access', user: planner, notice: null } });
}

/** The API accepts only the renewed access token. */
function apiWith(refresh: () => Response | Promise<Response>) {
  const onlyNewToken = (answer: () => Response) => (request: { headers: Headers }) =>
    request.headers.get('authorization') === 'Bearer renewed-access' ? answer() : problem(401, { code: 'unauthenticated' });
  return fakeApi()
    .on(
      'GET',
      '/work-orders',
      onlyNewToken(() => json(pageOf([target]))),
    )
    .on(
      'GET',
      '/work-orders/:id',
      onlyNewToken(() => json(target)),
    )
    .on('POST', '/auth/refresh', refresh);
}

describe('requests with an expired access token', () => {
  it('renew the session once for all of them, then are sent again', async () => {
    const api = apiWith(() =>
      json({ accessToken: 'renewed-access', refreshToken: 'refresh-token-2-0123456789', expiresIn: 900, user: planner }),
    );
    const store = loggedInStore();
    const [list, detail] = await Promise.all([
      store.dispatch(listWorkOrdersApi.endpoints.listWorkOrders.initiate(listArgs)),
      store.dispatch(getWorkOrderApi.endpoints.getWorkOrder.initiate(target.id)),
    ]);
    expect(list.data?.data[0]?.id).toBe(target.id);
    expect(detail.data?.id).toBe(target.id);
    expect(api.calls('POST', '/auth/refresh')).toHaveLength(1);
    expect(api.calls('POST', '/auth/refresh')[0]!.body).toEqual({ refreshToken: 'refresh-token-1-0123456789' });
    // The rotated refresh token replaces the spent one; the new access token stays in memory.
    expect(localStorage.getItem('msched.refreshToken')).toBe('refresh-token-2-0123456789');
    expect(store.getState().auth.accessToken).toBe('renewed-access');
  });

  it('end the session when the refresh token is refused, and say it expired', async () => {
    apiWith(() => problem(401, { code: 'unauthenticated' }));
    const store = loggedInStore();
    const result = await store.dispatch(listWorkOrdersApi.endpoints.listWorkOrders.initiate(listArgs));
    expect(result.error).toMatchObject({ status: 401 });
    expect(store.getState().auth).toMatchObject({ status: 'anonymous', notice: 'expired', accessToken: null });
    expect(localStorage.getItem('msched.refreshToken')).toBeNull();
  });

  it('keep the session when the server cannot be reached to renew it', async () => {
    apiWith(() => {
      throw new TypeError('network down');
    });
    const store = loggedInStore();
    await store.dispatch(listWorkOrdersApi.endpoints.listWorkOrders.initiate(listArgs));
    expect(store.getState().auth.status).toBe('authenticated');
    expect(localStorage.getItem('msched.refreshToken')).toBe('refresh-token-1-0123456789');
  });
});
