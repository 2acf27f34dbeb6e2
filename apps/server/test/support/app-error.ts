import { expect } from 'vitest';
import { AppError } from '../../src/platform/http/app-error';

/** Runs code that must throw an AppError and answers it, failing the test otherwise. */
export function thrownAppError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError to be thrown');
}
