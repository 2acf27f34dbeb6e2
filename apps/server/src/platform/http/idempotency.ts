import { createHash } from 'node:crypto';
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { AppError, ErrorCode } from './app-error';
import { Database } from '../db/database';
import { IdempotencyRepository } from './idempotency.repository';

/** Stable JSON: the same body with keys in another order hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body ?? null)}`)
    .digest('hex');
}

export function readIdempotencyKey(header: string | string[] | undefined): string | undefined {
  const key = (Array.isArray(header) ? header[0] : header)?.trim();
  if (key === undefined || key === '') return undefined;
  if (key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw AppError.validation([{ path: 'Idempotency-Key', message: 'must be 1–200 visible ASCII characters' }]);
  }
  return key;
}

/**
 * Makes a creating POST safe to retry. The key is claimed, the request runs, and its answer is
 * stored in ONE transaction (the services' own transactions join it): a crash or an error at any
 * point leaves neither the work nor the key, and a committed request always has its key. A
 * repeat with the same key and body gets the stored answer without running again; the same key
 * with another body is refused (422); a concurrent repeat waits for the first and then replays.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly database: Database,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = readIdempotencyKey(request.headers['idempotency-key']);
    const principal = request.principal;
    if (!key || !principal) return next.handle();
    const fingerprint = requestFingerprint(request.method, request.url.split('?')[0] ?? '', request.body);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(
      this.database.transaction(async () => {
        const claimed = await this.keys.claim(principal.userId, key, fingerprint);
        if (claimed.outcome === 'mismatch') {
          throw new AppError(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was used with a different request; use a new key');
        }
        if (claimed.outcome === 'completed') {
          reply.header('idempotent-replayed', 'true');
          return claimed.responseBody === null ? undefined : (JSON.parse(claimed.responseBody) as unknown);
        }
        const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        await this.keys.complete(principal.userId, key, reply.statusCode, body === undefined ? null : JSON.stringify(body));
        return body;
      }),
    );
  }
}

/** Marks a creating POST as accepting `Idempotency-Key`. */
export const Idempotent = () => applyDecorators(UseInterceptors(IdempotencyInterceptor));
