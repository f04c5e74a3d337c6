import { z } from 'zod';
import type { Hostile } from './Hostile.js';

/** Reads a `Hostile` back from a counterexample file; rejects what `decodeHostile` could not build. */
export const hostileSchema: z.ZodType<Hostile> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('undefined') }),
    z.object({ kind: z.literal('null') }),
    z.object({ kind: z.literal('boolean'), value: z.boolean() }),
    z.object({ kind: z.literal('number'), value: z.number().refine((n) => !Object.is(n, -0), 'use negative-zero') }),
    z.object({ kind: z.literal('nan') }),
    z.object({ kind: z.literal('infinity'), negative: z.boolean() }),
    z.object({ kind: z.literal('negative-zero') }),
    z.object({ kind: z.literal('bigint'), digits: z.string().regex(/^-?\d+$/) }),
    z.object({ kind: z.literal('string'), value: z.string() }),
    z.object({ kind: z.literal('symbol'), description: z.string() }),
    z.object({ kind: z.literal('function') }),
    z.object({ kind: z.literal('array'), items: z.array(hostileSchema) }),
    z.object({ kind: z.literal('object'), entries: z.array(entrySchema), nullPrototype: z.boolean() }),
    z.object({ kind: z.literal('map'), entries: z.array(entrySchema) }),
    z.object({ kind: z.literal('boxed-string'), value: z.string() }),
    z.object({ kind: z.literal('uncoercible') }),
    z.object({ kind: z.literal('revoked-proxy') }),
    z.object({ kind: z.literal('throws'), thrown: hostileSchema }),
    z.object({ kind: z.literal('flaky'), first: hostileSchema, after: hostileSchema }),
  ]),
);

const entrySchema = z.tuple([z.string(), hostileSchema]);
