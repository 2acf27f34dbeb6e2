import type { WorkOrderComment } from '@msched/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '@/test/fake-api';
import { userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { CommentsPanel } from './CommentsPanel';

const WORK_ORDER = '00000000-0000-4000-8000-000000000801';
const technician = userWith('technician');

function setup() {
  const stored: WorkOrderComment[] = [];
  const api = fakeApi()
    .on('GET', '/work-orders/:id/comments', () => json(stored))
    .on('POST', '/work-orders/:id/comments', ({ body }) => {
      const comment: WorkOrderComment = {
        id: crypto.randomUUID(),
        workOrderId: WORK_ORDER,
        authorId: technician.id,
        authorName: technician.name,
        body: (body as { body: string }).body,
        createdAt: '2031-03-03T08:00:00.000Z',
      };
      stored.push(comment);
      return json(comment, 201);
    });
  renderScreen(<CommentsPanel workOrderId={WORK_ORDER} />, { user: technician });
  return api;
}

const post = async (text: string) => {
  await userEvent.type(screen.getByLabelText('Add a comment'), text);
  await userEvent.click(screen.getByRole('button', { name: 'Post comment' }));
  await waitFor(() => expect(screen.getByLabelText('Add a comment')).toHaveValue(''));
};

describe('posting comments', () => {
  it('posts the same words twice on purpose as two comments, each with its own key', async () => {
    const api = setup();
    await screen.findByText('No comments yet.');
    await post('Checked');
    await post('Checked');

    const [first, second] = api.calls('POST', `/work-orders/${WORK_ORDER}/comments`);
    expect(second!.body).toEqual(first!.body);
    expect(second!.headers.get('idempotency-key')).not.toBe(first!.headers.get('idempotency-key'));
    await waitFor(() => expect(screen.getAllByText('Checked')).toHaveLength(2));
  });
});
