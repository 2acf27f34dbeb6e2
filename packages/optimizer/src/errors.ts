export type OptimizerInputErrorCode =
  | 'invalid_horizon'
  | 'invalid_interval'
  | 'duplicate_technician'
  | 'duplicate_job'
  | 'invalid_job'
  | 'invalid_technician'
  | 'invalid_travel'
  | 'unknown_technician'
  | 'unknown_job'
  | 'duplicate_assignment'
  | 'invalid_weight'
  | 'invalid_option';

/** A problem, schedule or change the optimizer cannot read; `code` says which rule it breaks. */
export class OptimizerInputError extends Error {
  constructor(
    readonly code: OptimizerInputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OptimizerInputError';
  }
}
