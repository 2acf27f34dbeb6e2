import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '@/test/fake-api';
import { fakeRealtimeClient } from '@/test/fake-realtime';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { ViewersIndicator } from './ViewersIndicator';

const workOrderId = '00000000-0000-4000-8000-000000000123';

describe('who else is viewing a work order', () => {
  it("joins the work order's room and lists the other viewers the server reports", async () => {
    fakeApi();
    const me = userWith('planner');
    const client = fakeRealtimeClient();
    renderScreen(<ViewersIndicator workOrderId={workOrderId} selfId={me.id} />, { user: me, realtime: { client, bindings: [] } });
    await act(() => Promise.resolve());
    expect(client.subscribed).toContain(`workorder:${workOrderId}`);
    act(() =>
      client.emit('presence:update', {
        connectedClients: 3,
        connectedUsers: 2,
        timestamp: new Date().toISOString(),
        workOrderId,
        viewers: [
          { userId: me.id, name: me.name },
          { userId: '00000000-0000-4000-8000-000000000555', name: 'Max Manager' },
        ],
      }),
    );
    expect(await screen.findByText('Also viewing: Max Manager')).toBeInTheDocument();
  });
});
