import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import type { Location, Paged } from '@msched/contracts';
import { LIST, api } from '@/lib/api';

/** A plant has tens of locations, not thousands: the tree is read whole, 100 a page, up to this many pages. */
export const MAX_LOCATION_PAGES = 20;
const PAGE_SIZE = 100;

/** `GET /locations`, every page: the whole tree (sites, areas, lines) by `parentId`. */
export const listLocationTreeApi = api.injectEndpoints({
  endpoints: (build) => ({
    listLocationTree: build.query<Location[], void>({
      async queryFn(_arg, _api, _extra, fetchPage) {
        const locations: Location[] = [];
        for (let page = 1; page <= MAX_LOCATION_PAGES; page++) {
          const result = await fetchPage({ url: '/locations', params: { page, limit: PAGE_SIZE } });
          if (result.error) return { error: result.error as FetchBaseQueryError };
          const body = result.data as Paged<Location>;
          locations.push(...body.data);
          if (body.data.length < PAGE_SIZE || locations.length >= body.total) break;
        }
        return { data: locations };
      },
      providesTags: [{ type: 'Location', id: LIST }],
    }),
  }),
});

export const { useListLocationTreeQuery } = listLocationTreeApi;
