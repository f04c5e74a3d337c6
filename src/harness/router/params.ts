import fc from 'fast-check';
import { z } from 'zod';

/** What decides a router case besides its steps. */
export const routerParamsSchema = z.strictObject({
  chunkSize: z.number().int().min(1).max(1_000),
  initialSessions: z.number().int().min(0).max(1_000),
  tickIntervalMs: z.number().int().min(1).max(60_000),
  deadlineMs: z.number().int().min(1).max(600_000),
});

export type RouterParams = z.infer<typeof routerParamsSchema>;

/** Small syncs (chunks of 1–5, up to 12 sessions) reach every chunk boundary quickly. */
export const routerParamsArbitrary: fc.Arbitrary<RouterParams> = fc.record({
  chunkSize: fc.integer({ min: 1, max: 5 }),
  initialSessions: fc.integer({ min: 0, max: 12 }),
  tickIntervalMs: fc.constant(1_000),
  deadlineMs: fc.constant(20_000),
});

export function describeRouterParams(params: RouterParams): string {
  return `chunk size ${params.chunkSize}, ${params.initialSessions} initial sessions, tick ${params.tickIntervalMs} ms, deadline ${params.deadlineMs} ms`;
}
