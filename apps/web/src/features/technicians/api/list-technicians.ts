import type { Paged, Technician } from '@msched/contracts';
import { LIST, api, queryParams } from '@/lib/api';

export interface TechnicianListArgs {
  page: number;
  limit: number;
  search?: string;
  skill?: string;
  active?: 'true' | 'false';
}

/** `GET /technicians`: searched (name, employee id), filtered by skill and active, paged on the server. */
export const listTechnicianRosterApi = api.injectEndpoints({
  endpoints: (build) => ({
    listTechnicianRoster: build.query<Paged<Technician>, TechnicianListArgs>({
      query: (args) => ({ url: '/technicians', params: queryParams({ ...args }) }),
      providesTags: [{ type: 'Technician', id: LIST }],
    }),
  }),
});

export const { useListTechnicianRosterQuery } = listTechnicianRosterApi;
