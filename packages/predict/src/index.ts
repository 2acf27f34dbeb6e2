export const PREDICT_PACKAGE = '@msched/predict';
