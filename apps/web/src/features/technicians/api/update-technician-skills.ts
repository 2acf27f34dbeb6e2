import type { SkillLevel, Technician } from '@msched/contracts';
import { LIST, api, ifMatch } from '@/lib/api';

/** `PATCH /technicians/:id` with the whole skill list, against the version edited: 412 if changed since. */
export const updateTechnicianSkillsApi = api.injectEndpoints({
  endpoints: (build) => ({
    updateTechnicianSkills: build.mutation<Technician, { id: string; version: number; skills: SkillLevel[] }>({
      query: ({ id, version, skills }) => ({ url: `/technicians/${id}`, method: 'PATCH', body: { skills }, headers: ifMatch(version) }),
      invalidatesTags: (_result, error, { id }) =>
        error
          ? []
          : [
              { type: 'Technician', id },
              { type: 'Technician', id: LIST },
              { type: 'Lookup', id: 'technicians' },
            ],
    }),
  }),
});

export const { useUpdateTechnicianSkillsMutation } = updateTechnicianSkillsApi;
