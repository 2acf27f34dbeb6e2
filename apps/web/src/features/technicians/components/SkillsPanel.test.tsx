import type { Technician } from '@msched/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '@/test/fake-api';
import { TECHNICIAN_ID, technician, userWith } from '@/test/fixtures';
import { renderScreen } from '@/test/render';
import { useGetTechnicianDetailQuery } from '../api/get-technician';
import { SkillsPanel } from './SkillsPanel';

const tess = technician({
  skills: [
    { skill: 'electrical', level: 4 },
    { skill: 'mechanical', level: 2 },
  ],
  version: 7,
});

/** The panel as the detail page uses it: fed by the technician query. */
function Panel({ editable }: { editable: boolean }) {
  const { data, refetch } = useGetTechnicianDetailQuery(TECHNICIAN_ID);
  return data ? <SkillsPanel technician={data} editable={editable} onReload={refetch} /> : null;
}

function setup(editable = true) {
  let current = tess;
  const api = fakeApi()
    .on('GET', '/technicians/:id', () => json(current))
    .on('PATCH', '/technicians/:id', ({ headers, body }) => {
      if (headers.get('if-match') !== `"${current.version}"`) return problem(412);
      current = { ...current, ...(body as Partial<Technician>), version: current.version + 1 };
      return json(current);
    });
  renderScreen(<Panel editable={editable} />, { user: userWith(editable ? 'manager' : 'planner') });
  return { api, someoneElseSaves: () => (current = { ...current, skills: [{ skill: 'plc', level: 5 }], version: current.version + 1 }) };
}

describe('editing a technician’s skills', () => {
  it('names what is wrong per field with the contract’s rules, sends nothing until fixed, then PATCHes the list against the version shown', async () => {
    const { api } = setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Edit skills' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add skill' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save skills' }));
    expect(await screen.findByText('Name the skill')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Skill 3' })).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Skill 3' })).toHaveFocus());

    // The same skill twice, in other spelling: the contract lower-cases, then refuses the duplicate.
    await userEvent.type(screen.getByRole('textbox', { name: 'Skill 3' }), ' Electrical ');
    await userEvent.click(screen.getByRole('button', { name: 'Save skills' }));
    expect(await screen.findByText('each skill may appear only once')).toBeInTheDocument();
    expect(api.calls('PATCH', `/technicians/${TECHNICIAN_ID}`)).toHaveLength(0);

    await userEvent.clear(screen.getByRole('textbox', { name: 'Skill 3' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Skill 3' }), ' Hydraulics ');
    await userEvent.click(screen.getByRole('combobox', { name: 'Level of skill 3' }));
    await userEvent.click(await screen.findByRole('option', { name: '5 · Expert' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove mechanical' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save skills' }));

    await waitFor(() => expect(api.calls('PATCH', `/technicians/${TECHNICIAN_ID}`)).toHaveLength(1));
    const [patch] = api.calls('PATCH', `/technicians/${TECHNICIAN_ID}`);
    expect(patch!.headers.get('if-match')).toBe('"7"');
    expect(patch!.body).toEqual({
      skills: [
        { skill: 'electrical', level: 4 },
        { skill: 'hydraulics', level: 5 },
      ],
    });
    // Back to the chips, from the refetched record.
    expect(await screen.findByText('hydraulics 5')).toBeInTheDocument();
    expect(screen.queryByText('mechanical 2')).not.toBeInTheDocument();
  });

  it('on a 412 offers Reload, which starts the form again from the newest skills', async () => {
    const { api, someoneElseSaves } = setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Edit skills' }));
    someoneElseSaves();
    await userEvent.click(screen.getByRole('button', { name: 'Remove mechanical' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save skills' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else changed this technician');
    await userEvent.click(within(alert).getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Skill 1' })).toHaveValue('plc'));
    await userEvent.click(screen.getByRole('button', { name: 'Save skills' }));
    await waitFor(() => expect(api.calls('PATCH', `/technicians/${TECHNICIAN_ID}`)).toHaveLength(2));
    expect(api.calls('PATCH', `/technicians/${TECHNICIAN_ID}`)[1]!.headers.get('if-match')).toBe('"8"');
  });

  it('is read-only for a planner', async () => {
    setup(false);
    expect(await screen.findByText('electrical 4')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit skills' })).not.toBeInTheDocument();
  });
});
