import { z } from './zod';

export const Health = z
  .object({
    status: z.enum(['ok', 'degraded', 'error']),
    checks: z.record(z.string(), z.object({ status: z.enum(['up', 'down']), detail: z.string().optional() })),
    pool: z
      .object({ total: z.number().int(), idle: z.number().int(), waiting: z.number().int(), max: z.number().int() })
      .optional()
      .openapi({ description: 'PostgreSQL connection pool (absent on the embedded database).' }),
    uptimeSeconds: z.number(),
    version: z.string(),
  })
  .openapi('Health');
export type Health = z.infer<typeof Health>;
