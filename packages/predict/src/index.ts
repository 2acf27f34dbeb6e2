/** The predictive package's public API. */
export type * from './model';
