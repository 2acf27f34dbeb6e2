import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { AppError, type FieldError } from './app-error';

export function zodIssuesToFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Validates one request part (body, query, params) against a contract schema. */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  constructor(
    private readonly schema: T,
    private readonly part: 'body' | 'query' | 'params' = 'body',
  ) {}

  transform(value: unknown): z.output<T> {
    if (this.part === 'body' && (value === undefined || value === null)) {
      throw AppError.validation([{ path: '', message: 'a JSON body is required' }], { changedNothing: true });
    }
    const result = this.schema.safeParse(value ?? {});
    if (!result.success) {
      const errors = zodIssuesToFieldErrors(result.error).map((error) => ({
        ...error,
        path: error.path || (this.part === 'body' ? '' : this.part),
      }));
      throw AppError.validation(errors, { changedNothing: true });
    }
    return result.data;
  }
}

/** `@Body(zod(CreateWorkOrder))` */
export const zod = <T extends z.ZodType>(schema: T, part: 'body' | 'query' | 'params' = 'body') => new ZodValidationPipe(schema, part);
