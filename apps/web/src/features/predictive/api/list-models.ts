import type { PredictiveModelPage } from '@msched/contracts';
import { LIST, api, queryParams } from '@/lib/api';

/** `GET /predictive/models`: model versions with their evaluation, newest first (planners, managers, admins). */
export const listModelsApi = api.injectEndpoints({
  endpoints: (build) => ({
    listModels: build.query<PredictiveModelPage, { page: number; limit: number; equipmentType?: string }>({
      query: (args) => ({ url: '/predictive/models', params: queryParams({ ...args }) }),
      providesTags: [{ type: 'PredictiveModel', id: LIST }],
    }),
  }),
});

export const { useListModelsQuery } = listModelsApi;
