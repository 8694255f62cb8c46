import { z } from 'zod';

export const healthSchema = z.object({ status: z.literal('ok') });

/** A dependency checked by `/readyz`. */
export const readinessCheckSchema = z.object({
  ok: z.boolean(),
  latency_ms: z.number(),
  error: z.string().optional(),
});

export const readinessSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.object({
    database: readinessCheckSchema,
    livekit: readinessCheckSchema,
  }),
});
export type Readiness = z.infer<typeof readinessSchema>;
