import { z } from './zod';

export const Health = z
  .object({
    status: z.enum(['ok', 'degraded', 'error']),
    checks: z.record(z.string(), z.object({ status: z.enum(['up', 'down']), detail: z.string().optional() })),
    uptimeSeconds: z.number(),
    version: z.string(),
  })
  .openapi('Health');
export type Health = z.infer<typeof Health>;
