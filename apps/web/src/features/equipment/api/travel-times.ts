import type { SiteTravelTimes, SiteTravelTimesState } from '@msched/contracts';
import { api, ifMatch } from '@/lib/api';

/** `GET /locations/travel-times` and `PUT` of the whole set, against the version read (If-Match). */
export const travelTimesApi = api.injectEndpoints({
  endpoints: (build) => ({
    getTravelTimes: build.query<SiteTravelTimesState, void>({
      query: () => '/locations/travel-times',
      providesTags: ['TravelTimes'],
    }),
    replaceTravelTimes: build.mutation<SiteTravelTimesState, { version: number; body: SiteTravelTimes }>({
      query: ({ version, body }) => ({ url: '/locations/travel-times', method: 'PUT', body, headers: ifMatch(version) }),
      invalidatesTags: (_result, error) => (error ? [] : ['TravelTimes']),
    }),
  }),
});

export const { useGetTravelTimesQuery, useReplaceTravelTimesMutation } = travelTimesApi;
