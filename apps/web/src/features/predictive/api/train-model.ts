import type { PredictiveModel, TrainModelRequest } from '@msched/contracts';
import { LIST, api } from '@/lib/api';

/** `POST /predictive/models/train`: 202 with the new version in TRAINING; 409 when there is nothing to learn from. */
export const trainModelApi = api.injectEndpoints({
  endpoints: (build) => ({
    trainModel: build.mutation<PredictiveModel, TrainModelRequest>({
      query: (body) => ({ url: '/predictive/models/train', method: 'POST', body }),
      invalidatesTags: (_model, error) => (error ? [] : [{ type: 'PredictiveModel', id: LIST }]),
    }),
  }),
});

export const { useTrainModelMutation } = trainModelApi;
