import type { FleetPage } from '@msched/contracts';
import { LIST, api, queryParams } from '@/lib/api';

export interface FleetArgs {
  page: number;
  limit: number;
  equipmentType?: string;
  locationId?: string;
}

/** `GET /predictive/fleet`: assessed equipment ranked by risk (highest first), paged on the server. */
export const listFleetApi = api.injectEndpoints({
  endpoints: (build) => ({
    listFleet: build.query<FleetPage, FleetArgs>({
      query: (args) => ({ url: '/predictive/fleet', params: queryParams({ ...args }) }),
      providesTags: [{ type: 'EquipmentHealth', id: LIST }],
    }),
  }),
});

export const { useListFleetQuery } = listFleetApi;
