import type { Paged, Technician } from '@msched/contracts';
import { LIST, api, queryParams } from '@/lib/api';

export interface BoardTechniciansArgs {
  page: number;
  limit: number;
  search?: string;
}

/** `GET /technicians?active=true`: the board's rows, paged and searched on the server. */
export const listBoardTechniciansApi = api.injectEndpoints({
  endpoints: (build) => ({
    listBoardTechnicians: build.query<Paged<Technician>, BoardTechniciansArgs>({
      query: (args) => ({ url: '/technicians', params: queryParams({ active: 'true', ...args }) }),
      providesTags: [{ type: 'Technician', id: LIST }],
    }),
  }),
});

export const { useListBoardTechniciansQuery } = listBoardTechniciansApi;
